import { useEffect, useRef } from "preact/hooks";
import type { Client } from "../kv/records.ts";
import { loadMoreClients, openClient, search } from "./actions.ts";
import { channelLabel, previewAuthor, previewLabel } from "./format.ts";
import { shortTime } from "./time.ts";
import { type InboxStore, type Seed, useStore } from "./store.ts";
import { Avatar } from "./ui/Avatar.tsx";
import { ChannelIcon } from "./ui/ChannelIcon.tsx";
import { PanelIcon, PinIcon, SearchIcon } from "./ui/icons.tsx";

/** Server data the list starts from (and where the live stream resumes). */
export type ClientListProps = Pick<
  Seed,
  "clients" | "nextCursor" | "eventsFrom" | "me" | "timeZone"
>;

const SEARCH_DELAY_MS = 250;

/** Left column: search, then every dialog — pinned first, newest activity first, live. */
export function ClientList(_props: ClientListProps) {
  const store = useStore();
  const input = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const rows = store.rows.value;
  const searching = store.searchIds.value !== null;
  const canLoadMore = searching ? !!store.searchCursor.value : !!store.nextCursor.value;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        store.listHidden.value = false;
        if (store.pane.value !== "list" && matchMedia("(max-width: 760px)").matches) {
          store.pane.value = "list";
        }
        requestAnimationFrame(() => input.current?.select());
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // A first page shorter than the column gets no scroll event: fetch on until it fills.
  useEffect(() => {
    const el = scroller.current;
    if (el && canLoadMore && el.scrollHeight <= el.clientHeight + 40) loadMoreClients(store);
  }, [rows.length, canLoadMore]);

  const onSearch = (value: string) => {
    store.query.value = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(store, value), value.trim() ? SEARCH_DELAY_MS : 0);
  };

  const onScroll = () => {
    const el = scroller.current;
    if (el && el.scrollTop + el.clientHeight > el.scrollHeight - 240) loadMoreClients(store);
  };

  const classes = ["col", "col-list"];
  if (store.pane.value === "list") classes.push("is-active");
  if (store.listHidden.value) classes.push("is-hidden");
  const connection = store.connection.value;

  return (
    <section class={classes.join(" ")} aria-label="Dialogs">
      <header class="list-head">
        <div class="list-title">
          <h2>Inbox</h2>
          <span
            class={`conn conn-${connection}`}
            role="status"
            title={connection === "live" ? "Live updates on" : "Live updates paused"}
          >
            {connection === "reconnecting" || connection === "offline" ? "Reconnecting…" : ""}
          </span>
          <button
            type="button"
            class="icon-btn only-wide"
            aria-label="Hide the dialog list"
            title="Hide the dialog list"
            onClick={() => store.listHidden.value = true}
          >
            <PanelIcon />
          </button>
        </div>
        <label class="search">
          <SearchIcon />
          <input
            ref={input}
            type="search"
            aria-label="Search clients"
            placeholder="Search name, phone, ID…"
            autocomplete="off"
            spellcheck={false}
            value={store.query.value}
            onInput={(e) => onSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape" && e.currentTarget.value) {
                e.stopPropagation();
                onSearch("");
              }
            }}
          />
          <kbd class="only-wide" aria-hidden="true">Ctrl K</kbd>
        </label>
      </header>
      <div class="rows" ref={scroller} onScroll={onScroll}>
        {rows.length > 0 && (
          <ul role="list">
            {rows.map((c) => <ClientRow key={c.id} store={store} client={c} />)}
          </ul>
        )}
        {rows.length === 0 && !store.searching.value && (
          <p class="empty-note">
            {searching
              ? `Nobody matches “${store.query.value.trim()}”.`
              : "No dialogs yet. When someone writes to a connected bot, they appear here."}
            {!searching && <a href="/channels">Connect a channel</a>}
          </p>
        )}
        {(store.loadingMore.value || store.searching.value) && (
          <p class="loading-note" role="status">Loading…</p>
        )}
      </div>
    </section>
  );
}

function ClientRow(props: { store: InboxStore; client: Client }) {
  const { store, client: c } = props;
  const selected = store.selectedId.value === c.id;
  const channel = channelLabel(c.channelType);
  const preview = c.preview
    ? `${previewAuthor(c.preview)}${previewLabel(c.preview.text)}`
    : "No messages yet";
  return (
    <li>
      <a
        href={`/clients/${c.id}`}
        class={`row${selected ? " is-selected" : ""}${c.unread > 0 ? " is-unread" : ""}`}
        aria-current={selected ? "page" : undefined}
        onClick={(e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          openClient(store, c.id, { push: true });
        }}
      >
        <span class="row-avatar">
          <Avatar id={c.id} name={c.name} url={c.avatarUrl} size={42} />
          <span class="row-channel">
            <ChannelIcon type={c.channelType} label={channel} size={16} />
          </span>
        </span>
        <span class="row-main">
          <span class="row-top">
            <span class="row-name">
              {c.pinned && (
                <span class="row-pin" title="Pinned">
                  <PinIcon />
                </span>
              )}
              {c.name}
            </span>
            <time class="row-time" dateTime={c.lastActivityAt}>
              {shortTime(c.lastActivityAt, store.now.value, store.timeZone.value)}
            </time>
          </span>
          <span class="row-bottom">
            <span class="row-preview">{preview}</span>
            {c.unread > 0 && (
              <span class="badge" aria-label={`${c.unread} unread`}>
                {c.unread > 99 ? "99+" : c.unread}
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}
