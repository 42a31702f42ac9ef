import type { z } from "zod";
import type { Attachment } from "../../kv/records.ts";
import { BadInput } from "../../errors.ts";
import type { Inbound, Profile } from "../types.ts";
import {
  VbAboutUser,
  VbCallback,
  type VbCallback as VbCallbackType,
  type VbMessage,
  VbMessageEvent,
  VbSubscribed,
  type VbUser,
} from "./schema.ts";
import { tokenDigits } from "./token.ts";

/** The `tracking_data` we send with buttons: a reply equal to one of them is a button press. */
export interface ButtonTracking {
  buttons: string[];
}

const RECEIPTS = { delivered: "delivered", seen: "read", failed: "failed" } as const;

/**
 * Turns a Viber callback into normalised inbound events. Pure: `messageToken` is the exact
 * token from the raw body (JSON.parse rounds it past 2^53); `now` stands in for a missing time.
 *
 * @example
 * ```ts
 * parseViberEvent({ event: "message", timestamp: 0, message_token: 1, sender: { id: "u" }, message: { type: "text", text: "hi" } });
 * ```
 */
export function parseViberEvent(
  body: unknown,
  options: { messageToken?: string; now?: Date } = {},
): Inbound[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadInput("A Viber callback must be a JSON object with an `event`.");
  }
  const cb = checked(VbCallback, body, "callback");
  const now = options.now ?? new Date();
  const token = options.messageToken ?? tokenDigits(cb.message_token);
  const at = iso(cb.timestamp, now);
  switch (cb.event) {
    case "message":
      return fromMessage(cb, token, at);
    case "subscribed": {
      const { user } = checked(VbSubscribed, body, "callback");
      return [{
        kind: "botBlocked",
        updateKey: `subscribed:${token ?? `${user.id}:${cb.timestamp ?? ""}`}`,
        profile: profileOf(user),
        at,
        blocked: false,
      }];
    }
    case "unsubscribed": {
      const { user_id } = checked(VbAboutUser, body, "callback");
      return [{
        kind: "botBlocked",
        updateKey: `unsubscribed:${token ?? `${user_id}:${cb.timestamp ?? ""}`}`,
        profile: profileOf({ id: user_id }),
        at,
        blocked: true,
      }];
    }
    case "delivered":
    case "seen":
    case "failed": {
      const { user_id, desc } = checked(VbAboutUser, body, "callback");
      // A receipt without a token cannot say which message it is about.
      if (!token) return [];
      const status = RECEIPTS[cb.event];
      return [{
        kind: "status",
        updateKey: `${token}:${status}`,
        profile: profileOf({ id: user_id }),
        at,
        externalId: token,
        status,
        ...(status === "failed" && desc ? { reason: desc } : {}),
      }];
    }
    default:
      // webhook (set_webhook's check), conversation_started (the user only opened the chat),
      // client_status, action, …
      return [];
  }
}

function checked<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BadInput(`Invalid Viber ${[where, ...issue.path].join(".")}: ${issue.message}`);
}

function fromMessage(cb: VbCallbackType, token: string | undefined, at: string): Inbound[] {
  const { sender, message: m } = checked(VbMessageEvent, cb, "callback");
  const updateKey = token ?? `message:${sender.id}:${cb.timestamp ?? ""}`;
  const profile = profileOf(sender);
  const pressed = buttonPressed(m);
  if (pressed !== null) return [{ kind: "button", updateKey, profile, at, data: pressed }];
  const text = m.type === "url" && m.media && !(m.text ?? "").includes(m.media)
    ? [m.text, m.media].filter(Boolean).join("\n")
    : m.text ?? "";
  return [{
    kind: "message",
    updateKey,
    externalId: updateKey,
    profile,
    at,
    text,
    attachments: attachmentsOf(m),
  }];
}

/** A reply button sends its data as the user's text, with the tracking data of our message. */
function buttonPressed(m: VbMessage): string | null {
  if (m.type !== "text" || m.text === undefined || !m.tracking_data) return null;
  let tracking: unknown;
  try {
    tracking = JSON.parse(m.tracking_data);
  } catch {
    return null;
  }
  const buttons = (tracking as Partial<ButtonTracking> | null)?.buttons;
  return Array.isArray(buttons) && buttons.includes(m.text) ? m.text : null;
}

function attachmentsOf(m: VbMessage): Attachment[] {
  const file = { url: m.media, fileName: m.file_name, size: m.file_size };
  switch (m.type) {
    case "picture":
      return m.media ? [defined({ type: "photo" as const, ...file })] : [];
    case "video":
      return m.media ? [defined({ type: "video" as const, ...file, duration: m.duration })] : [];
    case "file":
      return m.media ? [defined({ type: "document" as const, ...file })] : [];
    case "sticker":
      return [defined({
        type: "sticker" as const,
        url: m.media,
        fileId: m.sticker_id === undefined ? undefined : String(m.sticker_id),
      })];
    case "contact":
      return m.contact
        ? [defined({
          type: "contact" as const,
          phone: m.contact.phone_number,
          firstName: m.contact.name,
        })]
        : [];
    case "location":
      return m.location
        ? [defined({
          type: "location" as const,
          latitude: m.location.lat,
          longitude: m.location.lon,
          address: m.location.address,
        })]
        : [];
    default:
      return [];
  }
}

function profileOf(user: Partial<VbUser> & { id: string }): Profile {
  return defined({
    platformId: user.id,
    chatId: user.id,
    // Receipts and unsubscriptions carry only the id; a known client keeps the name they have.
    name: user.name || "Viber user",
    avatarUrl: user.avatar,
    languageCode: user.language,
  });
}

function iso(millis: number | undefined, now: Date): string {
  const date = millis === undefined ? now : new Date(millis);
  // Some captures carry garbled times (past year 9999): those must not invalidate the event.
  const text = Number.isNaN(date.getTime()) ? "" : date.toISOString();
  return /^\d{4}-/.test(text) ? text : now.toISOString();
}

/** Drops keys whose value is undefined, so stored records and test expectations stay tidy. */
function defined<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}
