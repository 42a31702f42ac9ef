import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Attachment } from "../../kv/records.ts";
import { duration, fileSize } from "../format.ts";
import { DownloadIcon } from "./icons.tsx";

/** Where the server streams an attachment's bytes from the messenger (cookie auth). */
function attachmentUrl(clientId: string, messageId: string, index: number): string {
  const e = encodeURIComponent;
  return `/api/clients/${e(clientId)}/messages/${e(messageId)}/attachments/${index}`;
}

/** The messenger has a file behind it (not a place, a card, or a sticker's emoji alone). */
function hasFile(a: Attachment): boolean {
  return !!(a.fileId || a.url);
}

/**
 * A message's attachments as the client sent them: pictures, players, a download card, a map
 * card, a contact card. What cannot be loaded falls back to a typed chip that says what it was.
 */
export function Attachments(
  props: { clientId: string; messageId: string; outgoing: boolean; items: Attachment[] },
) {
  // A message still being sent has no server copy to fetch files from.
  const live = !props.messageId.startsWith("pending-");
  const urlOf = (a: Attachment, i: number) =>
    // What we send is already at a URL of ours; what came in is fetched from the messenger.
    props.outgoing && a.url
      ? a.url
      : live && hasFile(a)
      ? attachmentUrl(props.clientId, props.messageId, i)
      : null;
  return (
    <ul class="media-list" role="list">
      {props.items.map((a, i) => (
        <li key={i} class={`attachment attachment-${a.type}`}>
          <AttachmentView attachment={a} url={urlOf(a, i)} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentView(props: { attachment: Attachment; url: string | null }) {
  const { attachment: a, url } = props;
  const [failed, setFailed] = useState(false);
  const fallback = () => setFailed(true);
  if (a.type === "location" || a.type === "venue") return <PlaceCard attachment={a} />;
  if (a.type === "contact") return <ContactCard attachment={a} />;
  if (a.type === "document") return <DocumentCard attachment={a} url={url} />;
  if (!url || failed) {
    return (
      <span class="media-fallback">
        {chip(a)}
        {url && failed && a.type !== "sticker" && (
          <span class="media-missing">The file could not be loaded.</span>
        )}
      </span>
    );
  }
  switch (a.type) {
    case "photo":
    case "sticker":
      return <Picture attachment={a} url={url} onFail={fallback} />;
    case "animation":
      return a.mimeType?.startsWith("image/")
        ? <Picture attachment={a} url={url} onFail={fallback} />
        : <Player attachment={a} url={url} onFail={fallback} looping />;
    case "video":
    case "video_note":
      return <Player attachment={a} url={url} onFail={fallback} />;
    case "voice":
    case "audio":
      return <Listen attachment={a} url={url} onFail={fallback} />;
    default:
      return chip(a);
  }
}

/** An image, at most ~280 px wide; a click opens it full size in a new tab. */
function Picture(props: { attachment: Attachment; url: string; onFail: () => void }) {
  const { attachment: a } = props;
  const img = useRef<HTMLImageElement>(null);
  // An image that failed before the page's script ran never fires onError for us.
  useEffect(() => {
    const el = img.current;
    if (el && el.complete && el.naturalWidth === 0) props.onFail();
  }, []);
  const sticker = a.type === "sticker";
  const label = sticker ? `Sticker ${a.emoji ?? ""}`.trim() : a.type === "photo" ? "Photo" : "GIF";
  return (
    <a
      class={`media-link${sticker ? " is-sticker" : ""}`}
      href={props.url}
      target="_blank"
      rel="noopener"
      title="Open full size in a new tab"
    >
      {/* The link's name, which also reads as what the message holds. */}
      <span class="sr-only">{label}</span>
      <img
        ref={img}
        class="media-img"
        src={props.url}
        alt=""
        loading="lazy"
        decoding="async"
        width={a.width}
        height={a.height}
        onError={props.onFail}
      />
    </a>
  );
}

/** A video (or a GIF sent as one): nothing is fetched until it is played. */
function Player(
  props: { attachment: Attachment; url: string; onFail: () => void; looping?: boolean },
) {
  const { attachment: a } = props;
  return (
    <video
      class={`media-video${a.type === "video_note" ? " is-round" : ""}`}
      src={props.url}
      controls
      preload={props.looping ? "metadata" : "none"}
      playsInline
      muted={props.looping}
      loop={props.looping}
      width={a.width}
      height={a.height}
      aria-label={a.type === "video_note"
        ? "Video message"
        : a.type === "animation"
        ? "GIF"
        : "Video"}
      onError={props.onFail}
    />
  );
}

/** A voice message or an audio file, with the browser's own player. */
function Listen(props: { attachment: Attachment; url: string; onFail: () => void }) {
  const { attachment: a } = props;
  const label = a.type === "voice" ? "Voice message" : a.title ?? a.fileName ?? "Audio";
  return (
    <div class="media-audio">
      <span class="media-audio-label">
        {a.type === "voice" ? "🎤" : "🎵"} {label}
        {a.duration !== undefined && <span class="muted">{duration(a.duration)}</span>}
      </span>
      <audio src={props.url} controls preload="none" aria-label={label} onError={props.onFail} />
    </div>
  );
}

/** Office types whose MIME subtype says nothing readable. */
const MIME_KINDS: Record<string, string> = {
  msword: "DOC",
  "vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "vnd.ms-excel": "XLS",
  "vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "vnd.ms-powerpoint": "PPT",
  "vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "x-zip-compressed": "ZIP",
  plain: "TXT",
};

/** The short kind a file's name or type shows as on its card: "PDF", "DOCX", "ZIP". */
export function fileKind(a: Pick<Attachment, "fileName" | "mimeType">): string {
  const ext = a.fileName?.match(/\.([a-z0-9]{1,5})$/i)?.[1];
  if (ext) return ext.toUpperCase();
  const sub = a.mimeType?.split(";")[0].split("/")[1]?.toLowerCase() ?? "";
  return MIME_KINDS[sub] ?? (/^[a-z0-9]{1,5}$/.test(sub) ? sub.toUpperCase() : "FILE");
}

const KIND_COLOURS: Record<string, string> = {
  PDF: "pdf",
  DOC: "doc",
  DOCX: "doc",
  ODT: "doc",
  RTF: "doc",
  TXT: "doc",
  XLS: "sheet",
  XLSX: "sheet",
  CSV: "sheet",
  ODS: "sheet",
  ZIP: "archive",
  RAR: "archive",
  "7Z": "archive",
  GZ: "archive",
};

function DocumentCard(props: { attachment: Attachment; url: string | null }) {
  const { attachment: a, url } = props;
  const kind = fileKind(a);
  const name = a.fileName ?? "Document";
  const body = (
    <>
      <span class="doc-icon" data-kind={KIND_COLOURS[kind] ?? "other"} aria-hidden="true">
        {kind}
      </span>
      <span class="card-text">
        <span class="card-title">{name}</span>
        <span class="card-sub">
          {[a.size !== undefined ? fileSize(a.size) : "", a.mimeType ?? ""]
            .filter(Boolean).join(" · ") || "Document"}
        </span>
      </span>
    </>
  );
  if (!url) return <span class="media-card doc-card">{body}</span>;
  return (
    <a
      class="media-card doc-card"
      href={url}
      download={name}
      title={`Download ${name}`}
    >
      {body}
      <span class="card-action" aria-hidden="true">
        <DownloadIcon />
      </span>
    </a>
  );
}

function osmLink(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

function PlaceCard(props: { attachment: Attachment }) {
  const { attachment: a } = props;
  const has = a.latitude !== undefined && a.longitude !== undefined;
  const title = a.type === "venue" ? a.title || "Place" : "Location";
  return (
    <div class="media-card place-card">
      <span class="card-icon" aria-hidden="true">📍</span>
      <span class="card-text">
        <span class="card-title">{title}</span>
        {a.type === "venue" && a.address && <span class="card-sub">{a.address}</span>}
        {has && (
          <span class="card-sub mono">
            {a.latitude!.toFixed(5)}, {a.longitude!.toFixed(5)}
          </span>
        )}
      </span>
      {has && (
        <a
          class="btn btn-small"
          href={osmLink(a.latitude!, a.longitude!)}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Open map: ${title}`}
        >
          Open map
        </a>
      )}
    </div>
  );
}

function ContactCard(props: { attachment: Attachment }) {
  const { attachment: a } = props;
  const name = [a.firstName, a.lastName].filter(Boolean).join(" ") || "Contact";
  return (
    <div class="media-card contact-card">
      <span class="card-icon" aria-hidden="true">👤</span>
      <span class="card-text">
        <span class="card-title">{name}</span>
        {a.phone && <a class="card-sub" href={`tel:${a.phone.replace(/[^\d+]/g, "")}`}>{a.phone}
        </a>}
      </span>
    </div>
  );
}

/** A typed chip for an attachment: what it is, at a glance, when it cannot be shown. */
export function chip(a: Attachment): JSX.Element {
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
    case "venue":
      return <span class="chip">📍 {a.title ?? "Location"}</span>;
    case "contact":
      return <span class="chip">👤 {[a.firstName, a.lastName].filter(Boolean).join(" ")}</span>;
    case "dice":
      return <span class="chip">{a.emoji ?? "🎲"} {a.value ?? ""}</span>;
  }
}
