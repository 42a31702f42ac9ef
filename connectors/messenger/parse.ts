import { BadInput } from "../../errors.ts";
import type { Attachment } from "../../kv/records.ts";
import { defined, isoTime, requireEntries } from "../meta/shape.ts";
import type { Inbound, Profile } from "../types.ts";
import { type MpAttachment, MpEvent, type MpMessage, type MpReceipt, MpWebhook } from "./schema.ts";

/** Which Messenger Platform product a webhook is read for, and on behalf of which account. */
export interface MessagingParseOptions {
  /** "Messenger" or "Instagram": names clients and errors. */
  platform: string;
  /** The webhook's `object`: "page" for Messenger, "instagram" for Instagram. */
  object: string;
  /** The page (or Instagram account) id: entries for other accounts of the same app are skipped. */
  accountId?: string;
  /** Stands in for events that carry no time. */
  now?: Date;
}

/**
 * Turns a Messenger Platform webhook (Messenger or Instagram Direct) into normalised inbound
 * events: every event of every entry, in order. Echoes of our own messages give nothing; a receipt
 * that names no message, only a watermark time, covers every message of ours sent up to it. Pure.
 *
 * @example
 * ```ts
 * parseMessaging({ object: "page", entry: [] }, { platform: "Messenger", object: "page" }); // []
 * ```
 */
export function parseMessaging(body: unknown, options: MessagingParseOptions): Inbound[] {
  requireEntries(body, options.platform);
  const parsed = MpWebhook.safeParse(body);
  if (!parsed.success) {
    throw new BadInput(`A ${options.platform} webhook's entries must be objects.`);
  }
  const hook = parsed.data;
  if (hook.object !== undefined && hook.object !== options.object) return [];
  const now = options.now ?? new Date();
  const out: Inbound[] = [];
  for (const entry of hook.entry) {
    if (options.accountId && entry.id && entry.id !== options.accountId) continue;
    const entryTime = new Date(isoTime(entry.time, "ms", now));
    for (const item of entry.messaging ?? []) {
      const event = MpEvent.safeParse(item);
      if (!event.success) continue;
      out.push(...fromEvent(event.data, options, entryTime));
    }
  }
  return out;
}

function fromEvent(e: MpEvent, options: MessagingParseOptions, fallback: Date): Inbound[] {
  const user = e.sender?.id;
  if (!user || (options.accountId && user === options.accountId)) return [];
  const profile: Profile = {
    platformId: user,
    chatId: user,
    // Webhooks carry only the id: the name is a stand-in until `profile` finds the real one.
    name: `${options.platform} user ${user}`,
    provisional: true,
  };
  const at = isoTime(e.timestamp, "ms", fallback);
  const base = { profile, at };
  const stamp = String(e.timestamp ?? "");
  if (e.message) return fromMessage(e.message, base, `${user}:${stamp}`, options.platform);
  if (e.postback) {
    const p = e.postback;
    const data = p.payload ?? p.title ?? "";
    return [defined({
      kind: "button" as const,
      ...base,
      // Payloads run to 1000 characters; a KV key holds 2 KB. Who and when already tell them apart.
      updateKey: p.mid ?? `${user}:${stamp}:postback:${data.slice(0, 200)}`,
      data,
      label: p.title,
    })];
  }
  // Delivery events may carry no timestamp; their watermark says when delivery happened.
  if (e.delivery) return receipts(e.delivery, "delivered", profile, e.timestamp, fallback);
  if (e.read) return receipts(e.read, "read", profile, e.timestamp, fallback);
  if (e.reaction) {
    const r = e.reaction;
    const emoji = r.action === "unreact" ? "" : r.emoji ?? r.reaction ?? "";
    return [{
      kind: "reaction",
      ...base,
      updateKey: `${r.mid}:reaction:${r.action ?? "react"}:${emoji}:${stamp}`,
      externalId: r.mid,
      emoji,
    }];
  }
  if (e.message_edit) {
    const m = e.message_edit;
    return [{
      kind: "edited",
      ...base,
      updateKey: `${m.mid}:edit:${m.num_edit ?? stamp}`,
      externalId: m.mid,
      text: m.text ?? "",
      attachments: [],
    }];
  }
  return [];
}

function fromMessage(
  m: MpMessage,
  base: { profile: Profile; at: string },
  fallbackKey: string,
  platform: string,
): Inbound[] {
  // An echo is a message the page itself sent, ours or from Meta's inbox: not the client's.
  if (m.is_echo) return [];
  const mid = m.mid ?? `${fallbackKey}:message`;
  if (m.is_deleted) {
    return [{ kind: "unsent", ...base, updateKey: `${mid}:deleted`, externalId: mid }];
  }
  if (m.quick_reply?.payload !== undefined) {
    return [defined({
      kind: "button" as const,
      ...base,
      updateKey: mid,
      data: m.quick_reply.payload,
      label: m.text,
    })];
  }
  const attachments: Attachment[] = [];
  const notes: string[] = [];
  for (const a of m.attachments ?? []) {
    const { attachment, note } = readAttachment(a);
    if (attachment) attachments.push(attachment);
    if (note && !(m.text ?? "").includes(note)) notes.push(note);
  }
  const story = m.reply_to?.story;
  if (story?.url) {
    attachments.push({ type: "document", url: story.url, title: "Story replied to" });
  }
  if (m.is_unsupported) notes.push(`[Unsupported ${platform} message]`);
  const text = [m.text ?? "", ...notes].filter(Boolean).join("\n");
  if (!text && attachments.length === 0) return [];
  return [{ kind: "message", ...base, updateKey: mid, externalId: mid, text, attachments }];
}

/** One attachment as ours, or as a line of text (a shared link) where we have no such type. */
function readAttachment(a: MpAttachment): { attachment?: Attachment; note?: string } {
  const url = a.payload?.url ?? a.url;
  const title = a.payload?.title ?? a.title;
  switch (a.type) {
    case "image":
      return a.payload?.sticker_id
        ? found({ type: "sticker", url, fileId: a.payload.sticker_id })
        : found({ type: "photo", url });
    case "animated_image":
      return found({ type: "animation", url });
    case "video":
    case "audio":
      return found({ type: a.type, url });
    case "file":
      return found({ type: "document", url, fileName: fileNameOf(url) });
    case "location": {
      const c = a.payload?.coordinates;
      if (!c) return url ? { note: url } : {};
      return found({ type: "location", latitude: c.lat, longitude: c.long, title });
    }
    case "ig_reel":
    case "reel":
      return url ? found({ type: "video", url, title: title ?? "Reel" }) : {};
    case "story_mention":
      return url
        ? {
          attachment: { type: "document", url, title: "Story mention" },
          note: "Mentioned you in their story",
        }
        : { note: "Mentioned you in their story" };
    default:
      // Shared links ("fallback"), posts ("share") and templates: the link says what it is.
      if (!url) return title ? { note: title } : {};
      return { note: title && title !== url ? `${title}\n${url}` : url };
  }
}

function found(attachment: Attachment): { attachment: Attachment } {
  return { attachment: defined(attachment) };
}

/** The file's name as it appears at the end of its CDN URL, where it has one. */
function fileNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const last = new URL(url).pathname.split("/").pop() ?? "";
    const name = decodeURIComponent(last);
    return /\.[A-Za-z0-9]{1,8}$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

function receipts(
  r: MpReceipt,
  status: "delivered" | "read",
  profile: Profile,
  timestamp: string | number | undefined,
  fallback: Date,
): Inbound[] {
  const mids = [...(r.mids ?? []), ...(r.mid ? [r.mid] : [])];
  const at = isoTime(timestamp ?? r.watermark, "ms", fallback);
  if (mids.length === 0) {
    // A watermark alone: every message sent up to this time was delivered, or read.
    if (r.watermark === undefined) return [];
    const upTo = isoTime(r.watermark, "ms", fallback);
    return [{
      kind: "receiptsUpTo" as const,
      updateKey: `${profile.platformId}:${status}:${r.watermark}`,
      profile,
      at,
      status,
      upTo,
    }];
  }
  return [...new Set(mids)].map((mid) => ({
    kind: "status" as const,
    updateKey: `${mid}:${status}`,
    profile,
    at,
    externalId: mid,
    status,
  }));
}
