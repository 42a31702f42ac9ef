import { BadInput } from "../../errors.ts";
import type { Attachment } from "../../kv/records.ts";
import { defined, isoTime, requireEntries } from "../meta/shape.ts";
import type { Inbound, Profile } from "../types.ts";
import {
  WaContact,
  type WaError,
  type WaMedia,
  WaMessage,
  type WaSharedContact,
  WaStatus,
  WaValue,
  WaWebhook,
} from "./schema.ts";

/** Options for reading a webhook on behalf of one channel. */
export interface WhatsAppParseOptions {
  /** The channel's phone number: changes for other numbers of the same app are skipped. */
  phoneNumberId?: string;
  /** Stands in for events that carry no valid time. */
  now?: Date;
}

// Message types that say nothing the operator can answer.
const SILENT_TYPES = new Set(["system", "request_welcome", "ephemeral"]);
const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;
const RECEIPTS = ["sent", "delivered", "read", "failed"] as const;

/**
 * Turns a WhatsApp Business Cloud API webhook into normalised inbound events: every message and
 * status of every change of every entry, in order. Pure.
 *
 * @example
 * ```ts
 * parseWhatsApp({ object: "whatsapp_business_account", entry: [] }); // []
 * ```
 */
export function parseWhatsApp(body: unknown, options: WhatsAppParseOptions = {}): Inbound[] {
  requireEntries(body, "WhatsApp");
  const parsed = WaWebhook.safeParse(body);
  if (!parsed.success) {
    throw new BadInput("A WhatsApp webhook's entries must be objects with a changes array.");
  }
  const hook = parsed.data;
  if (hook.object !== undefined && hook.object !== "whatsapp_business_account") return [];
  const now = options.now ?? new Date();
  const out: Inbound[] = [];
  for (const entry of hook.entry) {
    for (const change of entry.changes ?? []) {
      if (change.field !== undefined && change.field !== "messages") continue;
      const value = WaValue.safeParse(change.value);
      if (!value.success) continue;
      const v = value.data;
      const number = v.metadata?.phone_number_id;
      if (options.phoneNumberId && number && number !== options.phoneNumberId) continue;
      const contacts = items(v.contacts, WaContact);
      for (const m of items(v.messages, WaMessage)) out.push(...fromMessage(m, contacts, now));
      for (const s of items(v.statuses, WaStatus)) out.push(...fromStatus(s, contacts, now));
    }
  }
  return out;
}

/** Parses each item on its own, so one odd item does not cost the rest of the batch. */
function items<T>(list: unknown[] | undefined, schema: {
  safeParse(v: unknown): { success: true; data: T } | { success: false };
}): T[] {
  const out: T[] = [];
  for (const item of list ?? []) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
  }
  return out;
}

function profileOf(waId: string, contacts: WaContact[]): Profile {
  const contact = contacts.find((c) => c.wa_id === waId) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const phone = /^\d{5,20}$/.test(waId) ? `+${waId}` : undefined;
  return defined({
    platformId: waId,
    chatId: waId,
    name: contact?.profile?.name?.trim() || phone || waId,
    phone,
  });
}

function fromMessage(m: WaMessage, contacts: WaContact[], now: Date): Inbound[] {
  const base = {
    updateKey: m.id,
    profile: profileOf(m.from, contacts),
    at: isoTime(m.timestamp, "s", now),
  };
  const type = m.type ?? "";
  if (SILENT_TYPES.has(type)) return [];
  const message = (text: string, attachments: Attachment[] = []): Inbound[] => [{
    kind: "message",
    ...base,
    externalId: m.id,
    text,
    attachments,
  }];
  if (type === "text" && m.text) return message(m.text.body ?? "");
  const mediaType = MEDIA_TYPES.find((t) => t === type && m[t]);
  const media = mediaType && m[mediaType];
  if (mediaType && media) return message(media.caption ?? "", [mediaAttachment(mediaType, media)]);
  if (type === "location" && m.location) {
    const l = m.location;
    const venue = l.name || l.address;
    return message("", [
      defined({
        type: venue ? "venue" as const : "location" as const,
        latitude: l.latitude,
        longitude: l.longitude,
        title: l.name,
        address: l.address,
      }),
    ]);
  }
  if (type === "contacts" && m.contacts) return message("", m.contacts.map(contactAttachment));
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (type === "interactive" && reply) {
    return [defined({ kind: "button" as const, ...base, data: reply.id, label: reply.title })];
  }
  if (type === "button" && m.button) {
    const data = m.button.payload ?? m.button.text ?? "";
    return [defined({ kind: "button" as const, ...base, data, label: m.button.text })];
  }
  if (type === "reaction" && m.reaction) {
    return [{
      kind: "reaction",
      ...base,
      externalId: m.reaction.message_id,
      emoji: m.reaction.emoji ?? "",
    }];
  }
  // Unsupported, newer or broken types still tell the operator that the client wrote.
  const error = m.errors?.[0];
  const why = error?.error_data?.details ?? error?.title ?? error?.message ?? (type || "no type");
  return message(`[Unsupported WhatsApp message: ${why}]`);
}

function mediaAttachment(type: (typeof MEDIA_TYPES)[number], media: WaMedia): Attachment {
  const kind = type === "image"
    ? "photo"
    : type === "audio"
    ? (media.voice ? "voice" : "audio")
    : type;
  return defined({
    type: kind,
    fileId: media.id,
    url: media.url,
    mimeType: media.mime_type,
    fileName: media.filename,
  });
}

function contactAttachment(c: WaSharedContact): Attachment {
  const phone = c.phones?.find((p) => p.phone)?.phone;
  return defined({
    type: "contact" as const,
    phone,
    firstName: c.name?.first_name ?? c.name?.formatted_name,
    lastName: c.name?.last_name,
  });
}

function fromStatus(s: WaStatus, contacts: WaContact[], now: Date): Inbound[] {
  const status = RECEIPTS.find((r) => r === s.status);
  if (!status || !s.recipient_id) return [];
  const reason = status === "failed"
    ? s.errors?.map(describeWaError).join("; ") || "WhatsApp could not deliver the message."
    : undefined;
  return [defined({
    kind: "status" as const,
    updateKey: `${s.id}:${status}`,
    profile: profileOf(s.recipient_id, contacts),
    at: isoTime(s.timestamp, "s", now),
    externalId: s.id,
    status,
    reason,
  })];
}

/** WhatsApp's words for an error: its title, the details, and the code. */
export function describeWaError(e: WaError): string {
  const title = e.message ?? e.title ?? "Unknown error";
  const details = e.error_data?.details;
  const text = details && details !== title ? `${title}: ${details}` : title;
  return e.code === undefined ? text : `${text} (#${e.code})`;
}
