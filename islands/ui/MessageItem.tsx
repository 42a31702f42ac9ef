import { useState } from "preact/hooks";
import type { MessageStatus } from "../../kv/records.ts";
import { channelLabel } from "../format.ts";
import type { ChannelInfo, ChatMessage } from "../store.ts";
import { clockTime, dateTime } from "../time.ts";
import { Attachments } from "./Attachments.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";
import { ClockIcon } from "./icons.tsx";
import { MessageMenu } from "./MessageMenu.tsx";
import { linkify } from "../linkify.tsx";

/** One item of the chat: a client's, an employee's or the bot's message, or a system notice. */
export function MessageItem(props: {
  message: ChatMessage;
  /** Show who wrote it (the author changed since the previous message). */
  showAuthor: boolean;
  onRetry?: (id: string) => Promise<string | null>;
  /** Opens the scheduled-messages window (from a scheduled message's label). */
  onOpenScheduled?: () => void;
  /** Opens the resend window for this message (SPEC G10). */
  onResend?: (id: string) => void;
  /** The clock relative times are shown against. */
  now: number;
  /** The project's time zone, which times are shown in. */
  zone: string;
  /** The connected channels, to name the one a message went through ("via …"). */
  channels: ChannelInfo[];
}) {
  const m = props.message;
  if (m.direction === "system") {
    return (
      <div class="msg msg-system" data-message-id={m.id} data-notice={m.notice?.kind}>
        <p class="notice">
          <span>{noticeText(m, props.now, props.zone)}</span>
          <time dateTime={m.createdAt}>{clockTime(m.createdAt, props.zone)}</time>
        </p>
      </div>
    );
  }
  const kind = m.direction === "in" ? "in" : m.author.kind === "bot" ? "bot" : "out";
  const author = m.author.kind === "employee"
    ? m.author.name
    : m.author.kind === "bot"
    ? "Bot"
    : null;
  const scheduled = m.status === "scheduled" && m.sendAt;
  const unsent = !!m.unsentAt;
  const classes = [`msg msg-${kind}`];
  if (m.pending) classes.push("is-pending");
  if (scheduled) classes.push("is-scheduled");
  if (unsent) classes.push("is-unsent");
  if (m.reaction) classes.push("has-reaction");
  const menu = !m.pending && !scheduled && props.onResend
    ? [{ label: "Resend…", run: () => props.onResend!(m.id) }]
    : [];
  return (
    <div class={classes.join(" ")} data-message-id={m.id} data-status={m.status}>
      {props.showAuthor && author && <p class="msg-author">{author}</p>}
      <div class="msg-row">
        <div class="bubble">
          {m.subject && <p class="msg-subject" title="Subject">{m.subject}</p>}
          {m.attachments.length > 0 && (
            <Attachments
              clientId={m.clientId}
              messageId={m.id}
              outgoing={m.direction === "out"}
              items={m.attachments}
            />
          )}
          {m.text && <p class="msg-text">{linkify(m.text)}</p>}
          {m.buttons && m.buttons.length > 0 && (
            <ul class="msg-buttons" role="list" aria-label="Buttons sent with the message">
              {m.buttons.map((b, i) => <li key={i}>{b.text}</li>)}
            </ul>
          )}
          {m.via && <Via via={m.via} channels={props.channels} />}
          <p class="msg-meta">
            {m.blockNumber !== undefined && (
              <span class="block-tag" title={`Bot flow block ${m.blockNumber}`}>
                Block {m.blockNumber}
              </span>
            )}
            {unsent && <span class="unsent-tag">deleted by the client</span>}
            {m.editedAt && <span class="edited">edited</span>}
            {scheduled
              ? (
                <ScheduledMark
                  sendAt={scheduled}
                  now={props.now}
                  zone={props.zone}
                  onOpen={props.onOpenScheduled}
                />
              )
              : <time dateTime={m.createdAt}>{clockTime(m.createdAt, props.zone)}</time>}
            {m.direction === "out" && m.status && m.status !== "scheduled" && (
              <StatusMark status={m.status} />
            )}
          </p>
          {m.reaction && (
            <span
              class="msg-reaction"
              role="img"
              aria-label={`The client reacted ${m.reaction}`}
              title="The client's reaction"
            >
              {m.reaction}
            </span>
          )}
        </div>
        {menu.length > 0 && <MessageMenu actions={menu} label="Message actions" />}
      </div>
      {m.status === "failed" && <FailedNote id={m.id} error={m.error} onRetry={props.onRetry} />}
    </div>
  );
}

/** "via Sales bot → 408258968": sent through another channel than the client's own (G10). */
function Via(props: { via: { channelId: string; to: string }; channels: ChannelInfo[] }) {
  const channel = props.channels.find((c) => c.id === props.via.channelId);
  return (
    <p class="msg-via">
      {channel && <ChannelIcon type={channel.type} label={channelLabel(channel.type)} size={12} />}
      <span>
        via {channel?.name ?? "another channel"} → <span class="mono">{props.via.to}</span>
      </span>
    </p>
  );
}

const STATUS: Record<MessageStatus, { mark: string; label: string }> = {
  scheduled: { mark: "🕓", label: "Scheduled" },
  queued: { mark: "⏱", label: "Sending" },
  sent: { mark: "✓", label: "Sent" },
  delivered: { mark: "✓✓", label: "Delivered" },
  read: { mark: "✓✓", label: "Read" },
  failed: { mark: "⚠", label: "Not delivered" },
};

/** What a system notice says; the bot's pause reads in the project's time. */
function noticeText(m: ChatMessage, now: number, zone: string): string {
  const by = m.author.kind === "employee" ? ` by ${m.author.name}` : "";
  const until = m.notice?.data && Date.parse(m.notice.data);
  switch (m.notice?.kind) {
    case "bot_paused":
      return until ? `Bot paused${by} until ${dateTime(m.notice.data!, now, zone)}.` : m.text;
    case "bot_resumed":
      return by ? `Bot resumed${by}: it answers this client again.` : m.text;
    default:
      return m.text;
  }
}

/** "Scheduled for tomorrow at 10:00", a way into the window that reschedules it. */
function ScheduledMark(
  props: { sendAt: string; now: number; zone: string; onOpen?: () => void },
) {
  const label = `Scheduled for ${dateTime(props.sendAt, props.now, props.zone)}`;
  const body = (
    <>
      <ClockIcon size={13} />
      <time dateTime={props.sendAt}>{label}</time>
    </>
  );
  return props.onOpen
    ? (
      <button
        type="button"
        class="scheduled-mark"
        title="Reschedule, send now or cancel"
        onClick={props.onOpen}
      >
        {body}
      </button>
    )
    : <span class="scheduled-mark">{body}</span>;
}

function StatusMark(props: { status: MessageStatus }) {
  const s = STATUS[props.status];
  return (
    <span class={`status status-${props.status}`} title={s.label} role="img" aria-label={s.label}>
      {s.mark}
    </span>
  );
}

function FailedNote(
  props: { id: string; error?: string; onRetry?: (id: string) => Promise<string | null> },
) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div class="failed" role="alert">
      <span>Not delivered{props.error ? `: ${props.error}` : "."}</span>
      {problem && <span class="failed-retry-error">{problem}</span>}
      {props.onRetry && (
        <button
          type="button"
          class="btn btn-small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setProblem(await props.onRetry!(props.id));
            setBusy(false);
          }}
        >
          Retry
        </button>
      )}
    </div>
  );
}
