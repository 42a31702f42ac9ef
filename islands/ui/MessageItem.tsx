import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Attachment, MessageStatus } from "../../kv/records.ts";
import { clockTime, dateTime, duration, fileSize } from "../format.ts";
import type { ChatMessage } from "../store.ts";
import { ClockIcon } from "./icons.tsx";

/** One item of the chat: a client's, an employee's or the bot's message, or a system notice. */
export function MessageItem(props: {
  message: ChatMessage;
  /** Show who wrote it (the author changed since the previous message). */
  showAuthor: boolean;
  onRetry?: (id: string) => Promise<string | null>;
  /** Opens the scheduled-messages window (from a scheduled message's label). */
  onOpenScheduled?: () => void;
  /** The clock relative times are shown against. */
  now: number;
}) {
  const m = props.message;
  if (m.direction === "system") {
    return (
      <div class="msg msg-system" data-message-id={m.id} data-notice={m.notice?.kind}>
        <p class="notice">
          <span>{noticeText(m, props.now)}</span>
          <time dateTime={m.createdAt}>{clockTime(m.createdAt)}</time>
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
  return (
    <div
      class={`msg msg-${kind}${m.pending ? " is-pending" : ""}${scheduled ? " is-scheduled" : ""}`}
      data-message-id={m.id}
      data-status={m.status}
    >
      {props.showAuthor && author && <p class="msg-author">{author}</p>}
      <div class="bubble">
        {m.attachments.length > 0 && (
          <ul class="chips" role="list">
            {m.attachments.map((a, i) => <li key={i}>{chip(a)}</li>)}
          </ul>
        )}
        {m.text && <p class="msg-text">{linkify(m.text)}</p>}
        {m.buttons && m.buttons.length > 0 && (
          <ul class="msg-buttons" role="list" aria-label="Buttons sent with the message">
            {m.buttons.map((b, i) => <li key={i}>{b.text}</li>)}
          </ul>
        )}
        <p class="msg-meta">
          {m.blockNumber !== undefined && (
            <span class="block-tag" title={`Bot flow block ${m.blockNumber}`}>
              Block {m.blockNumber}
            </span>
          )}
          {m.editedAt && <span class="edited">edited</span>}
          {scheduled
            ? <ScheduledMark sendAt={scheduled} now={props.now} onOpen={props.onOpenScheduled} />
            : <time dateTime={m.createdAt}>{clockTime(m.createdAt)}</time>}
          {m.direction === "out" && m.status && m.status !== "scheduled" && (
            <StatusMark status={m.status} />
          )}
        </p>
      </div>
      {m.status === "failed" && <FailedNote id={m.id} error={m.error} onRetry={props.onRetry} />}
    </div>
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

/** What a system notice says; the bot's pause reads in the reader's own time. */
function noticeText(m: ChatMessage, now: number): string {
  const by = m.author.kind === "employee" ? ` by ${m.author.name}` : "";
  const until = m.notice?.data && Date.parse(m.notice.data);
  switch (m.notice?.kind) {
    case "bot_paused":
      return until ? `Bot paused${by} until ${dateTime(m.notice.data!, now)}.` : m.text;
    case "bot_resumed":
      return by ? `Bot resumed${by}: it answers this client again.` : m.text;
    default:
      return m.text;
  }
}

/** "Scheduled for tomorrow at 10:00", a way into the window that reschedules it. */
function ScheduledMark(props: { sendAt: string; now: number; onOpen?: () => void }) {
  const label = `Scheduled for ${dateTime(props.sendAt, props.now)}`;
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

function osmLink(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

/** A typed chip for an attachment: what it is, at a glance. */
function chip(a: Attachment): JSX.Element {
  const time = (s?: number) => (s === undefined ? "" : ` ${duration(s)}`);
  const size = a.size ? ` · ${fileSize(a.size)}` : "";
  switch (a.type) {
    case "photo":
      return <span class="chip">📷 Photo{a.width ? ` · ${a.width}×${a.height}` : ""}</span>;
    case "video":
      return <span class="chip">🎬 Video{time(a.duration)}</span>;
    case "animation":
      return <span class="chip">🎞️ GIF</span>;
    case "video_note":
      return <span class="chip">⏺️ Video message{time(a.duration)}</span>;
    case "audio":
      return <span class="chip">🎵 {a.fileName ?? a.title ?? "Audio"}{time(a.duration)}</span>;
    case "voice":
      return <span class="chip">🎤 Voice{time(a.duration)}</span>;
    case "document":
      return <span class="chip">📄 {a.fileName ?? "Document"}{size}</span>;
    case "sticker":
      return <span class="chip chip-sticker" title="Sticker">{a.emoji ?? "🏷️"}</span>;
    case "location":
    case "venue": {
      const label = a.type === "venue" ? [a.title, a.address].filter(Boolean).join(", ") : "";
      if (a.latitude === undefined || a.longitude === undefined) {
        return <span class="chip">📍 {label || "Location"}</span>;
      }
      return (
        <a
          class="chip"
          href={osmLink(a.latitude, a.longitude)}
          target="_blank"
          rel="noopener noreferrer"
        >
          📍 {label || "Location"}{" "}
          <span class="chip-sub">
            {a.latitude.toFixed(5)}, {a.longitude.toFixed(5)}
          </span>
        </a>
      );
    }
    case "contact": {
      const name = [a.firstName, a.lastName].filter(Boolean).join(" ") || "Contact";
      return <span class="chip">👤 {name}{a.phone ? ` ${a.phone}` : ""}</span>;
    }
    case "dice":
      return <span class="chip">{a.emoji ?? "🎲"} {a.value ?? ""}</span>;
  }
}

const URL_RE = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Text with its web links clickable. */
function linkify(text: string): (string | JSX.Element)[] {
  const out: (string | JSX.Element)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    out.push(text.slice(last, match.index));
    out.push(
      <a href={match[0]} target="_blank" rel="noopener noreferrer nofollow">{match[0]}</a>,
    );
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}
