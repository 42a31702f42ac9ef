import type { Attachment } from "../../kv/records.ts";
import { BadInput } from "../../errors.ts";
import type { Inbound, Profile } from "../types.ts";
import {
  type TgCallbackQuery,
  type TgChat,
  type TgChatMemberUpdated,
  type TgMessage,
  type TgPhotoSize,
  TgUpdate,
  type TgUser,
  withoutNulls,
} from "./schema.ts";

/**
 * Turns a Telegram `Update` into normalised inbound events. Pure: `now` stands in for
 * events that carry no time of their own (button presses).
 *
 * @example
 * ```ts
 * parseUpdate({ update_id: 1, message: { message_id: 2, chat: { id: 3, type: "private" }, date: 0, text: "hi" } });
 * ```
 */
export function parseUpdate(body: unknown, now: Date = new Date()): Inbound[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadInput("A Telegram update must be a JSON object with a numeric update_id.");
  }
  const parsed = TgUpdate.safeParse(withoutNulls(body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "update";
    throw new BadInput(`Invalid Telegram update at ${where}: ${issue.message}`);
  }
  const update = parsed.data;
  const updateKey = String(update.update_id);
  if (update.message) return fromMessage("message", updateKey, update.message);
  if (update.edited_message) return fromMessage("edited", updateKey, update.edited_message);
  if (update.callback_query) return fromCallback(updateKey, update.callback_query, now);
  if (update.my_chat_member) return fromMembership(updateKey, update.my_chat_member, now);
  return [];
}

/** A client is a private chat; captures from before chat types existed were all private. */
function isPrivate(chat: TgChat): boolean {
  return chat.type === undefined || chat.type === "private";
}

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

function displayName(user: TgUser | undefined, chat: TgChat | undefined, id: string): string {
  const full = (p: { first_name?: string; last_name?: string } | undefined) =>
    `${p?.first_name ?? ""} ${p?.last_name ?? ""}`.trim();
  return full(user) || full(chat) || chat?.title || user?.username || chat?.username ||
    `Telegram user ${id}`;
}

function profileOf(user: TgUser | undefined, chat: TgChat | undefined, phone?: string): Profile {
  const id = user?.id ?? chat?.id;
  const platformId = String(id);
  return defined({
    platformId,
    chatId: String(chat?.id ?? id),
    name: displayName(user, chat, platformId),
    username: user?.username ?? chat?.username,
    languageCode: user?.language_code,
    phone,
  });
}

function fromMessage(kind: "message" | "edited", updateKey: string, m: TgMessage): Inbound[] {
  if (!isPrivate(m.chat)) return [];
  const sender = m.from?.id ?? m.chat.id;
  // Only a contact the user shares about themselves tells us their phone number.
  const ownPhone = m.contact && m.contact.user_id === sender ? m.contact.phone_number : undefined;
  return [{
    kind,
    updateKey,
    externalId: String(m.message_id),
    profile: profileOf(m.from, m.chat, ownPhone),
    at: iso(kind === "edited" ? m.edit_date ?? m.date : m.date),
    text: m.text ?? m.caption ?? "",
    attachments: attachmentsOf(m),
  }];
}

function fromCallback(updateKey: string, q: TgCallbackQuery, now: Date): Inbound[] {
  const chat = q.message?.chat;
  if (chat && !isPrivate(chat)) return [];
  return [defined({
    kind: "button" as const,
    updateKey,
    profile: profileOf(q.from, chat),
    // The message's date is when the bot sent it, not when the button was pressed.
    at: now.toISOString(),
    data: q.data ?? q.game_short_name ?? "",
    label: q.message?.text ?? q.message?.caption,
  })];
}

function fromMembership(updateKey: string, u: TgChatMemberUpdated, now: Date): Inbound[] {
  if (!isPrivate(u.chat)) return [];
  // In private chats Telegram sends this update only when the user blocks or unblocks the bot.
  const status = u.new_chat_member.status;
  if (status !== "kicked" && status !== "member") return [];
  return [{
    kind: "botBlocked",
    updateKey,
    profile: profileOf(u.from, u.chat),
    at: u.date === undefined ? now.toISOString() : iso(u.date),
    blocked: status === "kicked",
  }];
}

function attachmentsOf(m: TgMessage): Attachment[] {
  const out: Attachment[] = [];
  const largest = (m.photo ?? []).reduce<TgPhotoSize | undefined>(
    (best, p) => !best || larger(p, best) ? p : best,
    undefined,
  );
  if (largest) {
    out.push({
      type: "photo",
      fileId: largest.file_id,
      width: largest.width,
      height: largest.height,
      size: largest.file_size,
    });
  }
  // An animation also arrives as `document`, and a venue also as `location`, for old clients.
  if (m.document && !m.animation) {
    const d = m.document;
    out.push({
      type: "document",
      fileId: d.file_id,
      fileName: d.file_name,
      mimeType: d.mime_type,
      size: d.file_size,
    });
  }
  for (const type of ["voice", "audio", "video", "video_note", "animation"] as const) {
    const f = m[type];
    if (!f) continue;
    out.push({
      type,
      fileId: f.file_id,
      duration: f.duration,
      mimeType: f.mime_type,
      fileName: f.file_name,
      size: f.file_size,
      width: f.width ?? f.length,
      height: f.height ?? f.length,
    });
  }
  if (m.sticker) {
    const s = m.sticker;
    out.push({
      type: "sticker",
      fileId: s.file_id,
      emoji: s.emoji,
      width: s.width,
      height: s.height,
    });
  }
  if (m.venue) {
    const v = m.venue;
    out.push({
      type: "venue",
      latitude: v.location.latitude,
      longitude: v.location.longitude,
      title: v.title,
      address: v.address,
    });
  } else if (m.location) {
    out.push({ type: "location", latitude: m.location.latitude, longitude: m.location.longitude });
  }
  if (m.contact) {
    const c = m.contact;
    out.push({
      type: "contact",
      phone: c.phone_number,
      firstName: c.first_name,
      lastName: c.last_name,
    });
  }
  if (m.dice) out.push({ type: "dice", emoji: m.dice.emoji, value: m.dice.value });
  return out.map(defined);
}

function larger(a: TgPhotoSize, b: TgPhotoSize): boolean {
  const area = (p: TgPhotoSize) => (p.width ?? 0) * (p.height ?? 0);
  return area(a) !== area(b) ? area(a) > area(b) : (a.file_size ?? 0) > (b.file_size ?? 0);
}

/** Drops keys whose value is undefined, so stored records and test expectations stay tidy. */
function defined<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}
