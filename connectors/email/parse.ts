import type { Attachment, Channel } from "../../kv/records.ts";
import { BadInput } from "../../errors.ts";
import type { Inbound } from "../types.ts";
import { isMailgun, isPostmark, PostmarkInbound } from "./schema.ts";
import {
  attachmentType,
  htmlToText,
  messageId,
  messageIds,
  parseAddress,
  stripQuotedReply,
} from "./text.ts";

/** One received e-mail, whichever way it came (Postmark, Mailgun or our SMTP receiver). */
export interface InboundEmail {
  from: { address: string; name?: string };
  to: string[];
  subject: string;
  /** What the client wrote: the reply without the quoted history where it could be cut. */
  text: string;
  /** The RFC 5322 Message-ID, as `<id@host>`. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** The provider's own id of the e-mail, when it has one. */
  providerId?: string;
  /** When it was written (ISO), from its Date header. */
  date?: string;
  attachments: Attachment[];
  /** An automatic answer (out of office, …): answering it could start a mail loop. */
  autoSubmitted?: boolean;
  /** A delivery failure report about one of our e-mails. */
  bounce?: { recipient: string; originalMessageId: string; reason: string };
}

/** An inbound e-mail message; `inReplyTo` rides along for callers that want it. */
export type EmailMessageInbound = Extract<Inbound, { kind: "message" }> & { inReplyTo?: string };

/**
 * Turns a webhook body (Postmark inbound JSON, or the fields of a Mailgun route post) into
 * inbound events for the channel. Pure: `now` stands in for a missing Date header.
 */
export function parseEmailWebhook(body: unknown, channel?: Channel, now = new Date()): Inbound[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadInput("An e-mail webhook must be Postmark inbound JSON or a Mailgun route post.");
  }
  const fields = Object.fromEntries(Object.entries(body));
  if (isPostmark(fields)) return emailToInbound(fromPostmark(fields), channel, now);
  if (isMailgun(fields)) return emailToInbound(fromMailgun(fields, now), channel, now);
  throw new BadInput("An e-mail webhook must be Postmark inbound JSON or a Mailgun route post.");
}

/** Reads Postmark's inbound JSON. */
export function fromPostmark(body: unknown): InboundEmail {
  const p = PostmarkInbound.parse(body);
  const header = (name: string) =>
    p.Headers?.find((h) => h.Name?.toLowerCase() === name.toLowerCase())?.Value;
  const fallback = parseAddress(p.From);
  const address = (p.FromFull?.Email ?? "").trim().toLowerCase() || fallback.address;
  const name = p.FromFull?.Name?.trim() || p.FromName?.trim() || fallback.name;
  const text = p.StrippedTextReply?.trim() || stripQuotedReply(p.TextBody ?? "") ||
    stripQuotedReply(htmlToText(p.HtmlBody ?? ""));
  return {
    from: name ? { address, name } : { address },
    to: [],
    subject: p.Subject?.trim() ?? "",
    text,
    messageId: messageId(header("Message-ID")),
    inReplyTo: messageId(header("In-Reply-To")),
    references: messageIds(header("References")),
    providerId: p.MessageID?.trim() || undefined,
    date: isoDate(p.Date ?? header("Date")),
    attachments: (p.Attachments ?? []).map((a) =>
      defined({
        type: attachmentType(a.ContentType),
        fileName: a.Name,
        mimeType: a.ContentType,
        size: a.ContentLength,
        data: typeof a.Content === "string" && /^[A-Za-z0-9+/\r\n]+=*$/.test(a.Content)
          ? a.Content.replace(/\s+/g, "")
          : undefined,
      })
    ),
    autoSubmitted: isAutomatic(header),
  };
}

/** Reads the fields of a Mailgun route post (form-encoded, or multipart with the files). */
export function fromMailgun(fields: Record<string, unknown>, now = new Date()): InboundEmail {
  const lower = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
  const field = (name: string) => first(lower.get(name.toLowerCase()));
  const headers = mailgunHeaders(field("message-headers"));
  const header = (name: string) =>
    field(name) ?? headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  const from = parseAddress(field("from") ?? header("From"));
  if (!from.address) from.address = parseAddress(field("sender")).address;
  const text = field("stripped-text")?.trim() || stripQuotedReply(field("body-plain") ?? "") ||
    stripQuotedReply(htmlToText(field("stripped-html") ?? field("body-html") ?? ""));
  const files: Attachment[] = [];
  for (const [key, value] of lower) {
    if (!/^attachment-\d+$/.test(key)) continue;
    for (const file of [value].flat()) {
      if (!(file instanceof File)) continue;
      files.push(defined({
        type: attachmentType(file.type),
        fileName: file.name || undefined,
        mimeType: file.type || undefined,
        size: file.size,
      }));
    }
  }
  const timestamp = Number(field("timestamp"));
  return {
    from,
    to: parseAddress(field("recipient")).address ? [parseAddress(field("recipient")).address] : [],
    subject: (field("subject") ?? header("Subject") ?? "").trim(),
    text,
    messageId: messageId(header("Message-Id")),
    inReplyTo: messageId(header("In-Reply-To")),
    references: messageIds(header("References")),
    date: isoDate(header("Date")) ??
      (timestamp > 0 ? new Date(timestamp * 1000).toISOString() : now.toISOString()),
    attachments: files,
    autoSubmitted: isAutomatic(header),
  };
}

/**
 * Turns a received e-mail into inbound events for an e-mail channel: a message from the
 * sender's address, a failed status for a bounce of ours, nothing for automatic answers.
 */
export function emailToInbound(
  email: InboundEmail,
  channel?: Channel,
  now = new Date(),
): Inbound[] {
  const own = typeof channel?.config.address === "string" ? channel.config.address : "";
  const at = email.date ?? now.toISOString();
  if (email.bounce) {
    const { recipient, originalMessageId, reason } = email.bounce;
    const profile = { platformId: recipient, chatId: recipient, name: recipient, email: recipient };
    return [{
      kind: "status",
      updateKey: `${originalMessageId}:failed`,
      profile,
      at,
      externalId: originalMessageId,
      status: "failed",
      reason,
    }];
  }
  const address = email.from.address.toLowerCase();
  if (!address || email.autoSubmitted || address === own.toLowerCase()) return [];
  const key = email.messageId ?? email.providerId ?? `<${fingerprint(email)}@switchboard>`;
  const text = email.text || (email.attachments.length ? "" : email.subject);
  const message: EmailMessageInbound = {
    kind: "message",
    updateKey: key,
    externalId: key,
    profile: {
      platformId: address,
      chatId: address,
      name: email.from.name || address,
      email: address,
    },
    at,
    text,
    attachments: email.attachments,
    subject: email.subject,
    references: email.references,
  };
  if (email.inReplyTo) message.inReplyTo = email.inReplyTo;
  return [message];
}

/** Mailgun's `message-headers`: a JSON list of [name, value] pairs. */
function mailgunHeaders(json: string | undefined): [string, string][] {
  if (!json) return [];
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return [];
    return list.filter((h): h is [string, string] =>
      Array.isArray(h) && typeof h[0] === "string" && typeof h[1] === "string"
    );
  } catch {
    return [];
  }
}

/** Headers that mark an e-mail as written by a machine on its own (RFC 3834 and older habits). */
function isAutomatic(header: (name: string) => string | undefined): boolean {
  const auto = header("Auto-Submitted")?.trim().toLowerCase();
  if (auto && auto !== "no") return true;
  if (/^(auto_reply|bulk|junk|list)$/i.test(header("Precedence")?.trim() ?? "")) return true;
  return header("X-Autoreply") !== undefined || header("X-Autorespond") !== undefined;
}

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function isoDate(value: string | undefined): string | undefined {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** A stable id for an e-mail with no Message-ID, so a redelivery still dedupes. */
function fingerprint(email: InboundEmail): string {
  const text = [email.from.address, email.date ?? "", email.subject, email.text].join("\u0000");
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}

/** Drops keys whose value is undefined, so stored records stay tidy. */
function defined<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}
