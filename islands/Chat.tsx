import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Client } from "../kv/records.ts";
import { closeClient, loadOlder, retryMessage } from "./actions.ts";
import { setBotPaused } from "./bot.ts";
import { channelLabel } from "./format.ts";
import { dateTime, dayLabel } from "./time.ts";
import { type InboxStore, type Seed, type Thread, useStore } from "./store.ts";
import { Avatar } from "./ui/Avatar.tsx";
import { Composer } from "./ui/Composer.tsx";
import { FunnelPicker } from "./ui/FunnelPicker.tsx";
import { BackIcon, InboxIcon, InfoIcon, PanelIcon, PauseIcon, PlayIcon } from "./ui/icons.tsx";
import { ChannelIcon } from "./ui/ChannelIcon.tsx";
import { MessageItem } from "./ui/MessageItem.tsx";
import { ResendDialog } from "./ui/ResendDialog.tsx";
import { ScheduledWindow } from "./ui/ScheduledWindow.tsx";

/** Server data for the open dialog. */
export type ChatProps = Pick<Seed, "selectedId" | "client" | "messages" | "hasMore">;

/** Middle column: the open dialog's header, its message stream and the reply field. */
export function Chat(_props: ChatProps) {
  const store = useStore();
  const client = store.selected.value;
  const thread = store.thread.value;
  // On a phone the card slides over the chat, so the chat stays up beneath it.
  const active = store.pane.value !== "list";
  return (
    <section class={`col col-chat${active ? " is-active" : ""}`} aria-label="Chat">
      {client
        ? (
          <>
            <ChatHeader store={store} client={client} />
            <Stream store={store} clientId={client.id} thread={thread} />
            <Composer
              clientId={client.id}
              warning={client.botBlocked
                ? "This client has blocked the bot: new messages will not reach them."
                : undefined}
            />
            <Windows store={store} client={client} />
          </>
        )
        : <NoDialog store={store} />}
    </section>
  );
}

/** The windows opened over the dialog: scheduled messages (B9), send from funnel (H5), resend. */
function Windows(props: { store: InboxStore; client: Client }) {
  const { store, client } = props;
  const modal = store.modal.value;
  if (!modal || modal.clientId !== client.id) return null;
  const flowId = store.selectedFlowId.value;
  const close = () => store.modal.value = null;
  if (modal.kind === "resend") {
    const message = store.thread.value?.items.find((m) => m.id === modal.messageId);
    return message ? <ResendDialog client={client} message={message} onClose={close} /> : null;
  }
  if (modal.kind === "funnel") {
    return <FunnelPicker client={client} flowId={flowId} onClose={close} />;
  }
  const flow = flowId ? store.flows.value.get(flowId) ?? null : null;
  return <ScheduledWindow client={client} flow={flow} onClose={close} />;
}

function NoDialog(props: { store: InboxStore }) {
  const { store } = props;
  return (
    <div class="chat-empty">
      {store.listHidden.value && (
        <button
          type="button"
          class="icon-btn chat-empty-panel"
          aria-label="Show the dialog list"
          onClick={() => store.listHidden.value = false}
        >
          <PanelIcon />
        </button>
      )}
      <InboxIcon />
      <p>
        {store.clients.value.size > 0
          ? "Pick a dialog to read and reply."
          : "Nothing here yet. Messages people send to your connected bots show up in this inbox."}
      </p>
    </div>
  );
}

function ChatHeader(props: { store: InboxStore; client: Client }) {
  const { store, client } = props;
  const cardOpen = store.pane.value === "card";
  const now = store.now.value;
  const zone = store.timeZone.value;
  const pausedUntil = client.botPausedUntil && client.botPausedUntil > now
    ? client.botPausedUntil
    : null;
  // Pausing matters only where a bot answers: a client in a flow, or a channel linked to one.
  const hasBot = !!store.selectedFlowId.value || pausedUntil !== null;
  return (
    <header class="chat-head">
      <div class="chat-head-row">
        <button
          type="button"
          class="icon-btn only-phone"
          aria-label="Back to dialogs"
          onClick={() => closeClient(store, { push: true })}
        >
          <BackIcon />
        </button>
        {store.listHidden.value && (
          <button
            type="button"
            class="icon-btn only-wide"
            aria-label="Show the dialog list"
            title="Show the dialog list"
            onClick={() => store.listHidden.value = false}
          >
            <PanelIcon />
          </button>
        )}
        <Avatar id={client.id} name={client.name} url={client.avatarUrl} size={38} />
        <div class="chat-title">
          <h1>{client.name}</h1>
          <p>
            <ChannelIcon
              type={client.channelType}
              label={channelLabel(client.channelType)}
              size={13}
            />
            <span>
              {channelLabel(client.channelType)} ID <span class="mono">{client.platformId}</span>
            </span>
            <span class="dot" aria-hidden="true">·</span>
            <span>active {dateTime(client.lastActivityAt, now, zone)}</span>
          </p>
        </div>
        {hasBot && <PauseButton store={store} client={client} paused={pausedUntil !== null} />}
        <button
          type="button"
          class={`icon-btn card-toggle${cardOpen ? " is-on" : ""}`}
          aria-label="Client details"
          title="Client details"
          aria-expanded={cardOpen}
          onClick={() => store.pane.value = cardOpen ? "chat" : "card"}
        >
          <InfoIcon />
        </button>
      </div>
      {pausedUntil !== null && (
        <p class="bot-paused" role="status">
          <PauseIcon size={14} />
          <span>
            Bot paused until{" "}
            <time dateTime={new Date(pausedUntil).toISOString()}>
              {dateTime(new Date(pausedUntil).toISOString(), now, zone)}
            </time>
          </span>
        </p>
      )}
    </header>
  );
}

/** Pause the bot for this client (SPEC G2); the same button resumes it at once. */
function PauseButton(props: { store: InboxStore; client: Client; paused: boolean }) {
  const { store, client, paused } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const label = paused ? "Resume bot" : "Pause bot";
  return (
    <>
      {error && <span class="head-error" role="alert">{error}</span>}
      <button
        type="button"
        class={`btn btn-small bot-toggle${paused ? " is-paused" : ""}`}
        aria-label={label}
        title={paused
          ? "Let the bot answer this client again now"
          : "Stop the bot answering this client for a day"}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError("");
          const problem = await setBotPaused(store, client.id, !paused);
          setBusy(false);
          if (problem) setError(`${paused ? "Not resumed" : "Not paused"}: ${problem}`);
        }}
      >
        {paused ? <PlayIcon /> : <PauseIcon />}
        <span class="bot-toggle-text">{label}</span>
      </button>
    </>
  );
}

/** The message stream: sticks to the bottom while at it, loads older history on scroll up. */
function Stream(props: { store: InboxStore; clientId: string; thread: Thread | null }) {
  const { store, clientId, thread } = props;
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef({ clientId: "", first: "", last: "", fromBottom: 0 });
  const items = thread?.items ?? [];

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const first = items[0]?.id ?? "";
    const last = items.at(-1)?.id ?? "";
    const prev = seen.current;
    if (prev.clientId !== clientId) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    } else if (prev.first && first !== prev.first && items.some((m) => m.id === prev.first)) {
      // Older history came in above: keep the same messages under the reader's eyes.
      el.scrollTop = el.scrollHeight - prev.fromBottom;
    } else if (atBottom.current || (last !== prev.last && items.at(-1)?.pending)) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    }
    seen.current = { clientId, first, last, fromBottom: el.scrollHeight - el.scrollTop };
    // History shorter than the window gets no scroll events: fetch more now.
    if (thread?.hasMore && el.scrollHeight <= el.clientHeight + 40) loadOlder(store, clientId);
  }, [clientId, thread]);

  // A picture that loads grows its message: stay at the bottom if that is where the reader was.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onLoad = (e: Event) => {
      if (e.target instanceof HTMLImageElement && atBottom.current) el.scrollTop = el.scrollHeight;
    };
    el.addEventListener("load", onLoad, true);
    return () => el.removeEventListener("load", onLoad, true);
  }, []);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    seen.current.fromBottom = el.scrollHeight - el.scrollTop;
    if (el.scrollTop < 160) loadOlder(store, clientId);
  };

  const now = store.now.value;
  const zone = store.timeZone.value;
  const openScheduled = () => store.modal.value = { kind: "scheduled", clientId };
  const openResend = (messageId: string) =>
    store.modal.value = { kind: "resend", clientId, messageId };
  const channels = store.channels.value;
  const rows = [];
  let day = "";
  let author = "";
  for (const m of items) {
    const label = dayLabel(m.createdAt, now, zone);
    if (label !== day) {
      day = label;
      author = "";
      rows.push(<div class="day" key={`day-${label}`} role="separator">{label}</div>);
    }
    const who = m.direction === "system"
      ? ""
      : m.author.kind === "employee"
      ? `e:${m.author.id}`
      : m.author.kind;
    rows.push(
      <MessageItem
        key={m.id}
        message={m}
        now={now}
        zone={zone}
        showAuthor={who !== author}
        onRetry={(id) => retryMessage(store, clientId, id)}
        onOpenScheduled={m.pending ? undefined : openScheduled}
        onResend={openResend}
        channels={channels}
      />,
    );
    author = who;
  }

  // The top line keeps a fixed height, so its text changing never shifts the messages.
  return (
    <div
      class="stream"
      ref={ref}
      onScroll={onScroll}
      role="log"
      aria-label={`Messages`}
      aria-live="polite"
      tabIndex={0}
    >
      <p class="history-edge" role="status">
        {thread?.loadingOlder
          ? "Loading earlier messages…"
          : thread && !thread.loaded && !thread.error
          ? "Loading messages…"
          : thread?.loaded && !thread.hasMore && items.length > 0
          ? "This is the beginning of the conversation."
          : ""}
      </p>
      {thread?.error && <p class="stream-error" role="alert">{thread.error}</p>}
      {rows}
    </div>
  );
}
