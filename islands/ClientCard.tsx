import { useEffect } from "preact/hooks";
import { loadFlow } from "./bot.ts";
import { blockColour } from "./blocks.ts";
import { channelLabel } from "./format.ts";
import { dateTime } from "./time.ts";
import { type Seed, useStore } from "./store.ts";
import { Avatar } from "./ui/Avatar.tsx";
import { ChannelIcon } from "./ui/ChannelIcon.tsx";
import { ChevronIcon, ClockIcon, CloseIcon } from "./ui/icons.tsx";
import { CopyButton } from "./ui/CopyButton.tsx";

/** The connected channels (to name the one a client writes through) and their bot flows. */
export type ClientCardProps = Pick<Seed, "channels" | "flows">;

/** Right column: who the client is (SPEC B1, B2, B8). */
export function ClientCard(_props: ClientCardProps) {
  const store = useStore();
  const client = store.selected.value;
  const open = store.pane.value === "card";
  const now = store.now.value;
  const zone = store.timeZone.value;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      store.pane.value = "chat";
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  // A client can be in a flow the page did not bring along (their channel was relinked).
  const flowId = store.selectedFlowId.value;
  const flow = flowId ? store.flows.value.get(flowId) : undefined;
  useEffect(() => {
    if (!flowId || flow) return;
    loadFlow(store, flowId).catch((err) => console.error(`card: loading flow ${flowId}`, err));
  }, [flowId, !!flow]);

  if (!client) {
    return <aside class="col col-card is-empty" aria-label="Client details" />;
  }
  const channel = store.channels.value.find((c) => c.id === client.channelId);
  const linked = channel?.flowId ? store.flows.value.get(channel.flowId) : undefined;
  const block = flow?.blocks.find((b) => b.number === client.position);
  const scheduled = client.scheduled ?? 0;
  const handle = [client.username && `@${client.username}`, client.phone].filter(Boolean);
  return (
    <aside class={`col col-card${open ? " is-active" : ""}`} aria-label="Client details">
      <header class="card-head">
        <h2>About</h2>
        <button
          type="button"
          class="icon-btn card-close"
          aria-label="Close client details"
          onClick={() => store.pane.value = "chat"}
        >
          <CloseIcon />
        </button>
      </header>
      <div class="card-body">
        <div class="profile">
          <Avatar id={client.id} name={client.name} url={client.avatarUrl} size={72} />
          <h3>{client.name}</h3>
          {handle.length > 0 && <p class="muted">{handle.join(" · ")}</p>}
          {client.botBlocked && <p class="tag tag-warn">Blocked the bot</p>}
        </div>
        {scheduled > 0 && (
          <button
            type="button"
            class="scheduled-open"
            aria-haspopup="dialog"
            onClick={() => store.modal.value = { kind: "scheduled", clientId: client.id }}
          >
            <ClockIcon size={16} />
            <span>Messages scheduled: {scheduled}</span>
            <ChevronIcon />
          </button>
        )}
        <dl class="facts">
          <div class="fact-id">
            <dt>Client ID</dt>
            <dd>
              <code>{client.id}</code>
            </dd>
            <CopyButton value={client.id} label="Copy client ID" />
          </div>
          {client.phone && (
            <div>
              <dt>Phone</dt>
              <dd>{client.phone}</dd>
            </div>
          )}
          {client.languageCode && (
            <div>
              <dt>Language</dt>
              <dd>{client.languageCode}</dd>
            </div>
          )}
        </dl>
        <h3 class="facts-title">System variables</h3>
        <dl class="facts facts-system">
          <div>
            <dt>Created</dt>
            <dd>
              <time dateTime={client.createdAt}>{dateTime(client.createdAt, now, zone)}</time>
            </dd>
          </div>
          <div>
            <dt>Last action</dt>
            <dd>
              <time dateTime={client.lastActivityAt}>
                {dateTime(client.lastActivityAt, now, zone)}
              </time>
            </dd>
          </div>
          <div>
            <dt>Source messenger</dt>
            <dd class="fact-channel">
              <ChannelIcon
                type={client.channelType}
                label={channelLabel(client.channelType)}
                size={16}
              />
              <span>{channel?.name ?? channelLabel(client.channelType)}</span>
              {channel && <span class="muted">{channelLabel(client.channelType)}</span>}
            </dd>
          </div>
          <div>
            <dt>Messenger ID</dt>
            <dd class="mono">{client.platformId}</dd>
          </div>
          <div>
            <dt>Linked to a bot</dt>
            <dd>
              {linked
                ? <a href={`/flows/${linked.id}`}>{linked.name}</a>
                : <span class="muted">—</span>}
            </dd>
          </div>
          <div>
            <dt>Funnel position</dt>
            <dd>
              {client.position === undefined
                ? <span class="muted">—</span>
                : (
                  <span class="fact-block">
                    <span class="block-num" style={`--block:${blockColour(block?.colour ?? "")}`}>
                      {client.position}
                    </span>
                    {block && (
                      <span class={block.name ? "" : "muted"}>{block.name || block.text}</span>
                    )}
                  </span>
                )}
            </dd>
          </div>
        </dl>
      </div>
    </aside>
  );
}
