import type { z } from "zod";
import { BadInput } from "../../errors.ts";
import type { Inbound, Profile } from "../types.ts";
import { convertAttachments } from "./attachments.ts";
import {
  VkCallback,
  type VkCallback as VkCallbackType,
  VkMessage,
  VkMessageEvent,
  VkPermission,
  VkRead,
} from "./schema.ts";

/** Peer ids from here up are group chats (`2000000000 + chat id`). */
export const CHAT_PEER_BASE = 2_000_000_000;

/**
 * Turns a VK Callback API request into normalised inbound events. Pure: `now` stands in for
 * events that carry no time of their own (button presses, permission changes).
 *
 * @example
 * ```ts
 * parseCallback({ type: "message_new", object: { message: { id: 7, date: 0, from_id: 1, peer_id: 1, text: "hi" } } });
 * ```
 */
export function parseCallback(body: unknown, now: Date = new Date()): Inbound[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadInput("A VK Callback API request must be a JSON object with a `type`.");
  }
  const cb = checked(VkCallback, body, "request");
  switch (cb.type) {
    case "message_new":
      return fromMessage("message", cb, now);
    case "message_edit":
      return fromMessage("edited", cb, now);
    case "message_event":
      return fromButton(cb, now);
    case "message_allow":
    case "message_deny":
      return fromPermission(cb, now);
    case "message_read":
      return fromRead(cb, now);
    default:
      // confirmation, message_reply, message_typing_state, wall_post_new, …
      return [];
  }
}

function checked<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [where, ...issue.path].join(".");
  throw new BadInput(`Invalid VK callback at ${path}: ${issue.message}`);
}

/** Before API 5.103 `object` is the message; since, it is `{message, client_info}`. */
function messageOf(cb: VkCallbackType) {
  const object = cb.object;
  const inner = typeof object === "object" && object !== null && "message" in object
    ? object.message
    : undefined;
  const wrapped = typeof inner === "object" && inner !== null && !Array.isArray(inner);
  return checked(VkMessage, wrapped ? inner : object, wrapped ? "object.message" : "object");
}

function fromMessage(kind: "message" | "edited", cb: VkCallbackType, now: Date): Inbound[] {
  const m = messageOf(cb);
  // Our own messages come back as message_reply, and edits of them as message_edit with out = 1.
  if (m.out === 1 || m.out === true) return [];
  const from = m.from_id ?? m.user_id;
  const peer = m.peer_id ?? from;
  if (peer === undefined) {
    throw new BadInput(`Invalid VK callback at object: a ${cb.type} without from_id or peer_id`);
  }
  // Private messages have their own id; group-chat ones have id 0 and a per-chat number.
  const ref = m.id
    ? String(m.id)
    : m.conversation_message_id !== undefined
    ? `${peer}_${m.conversation_message_id}`
    : undefined;
  const stable = ref ?? `${peer}:${from ?? ""}:${m.date ?? ""}`;
  const updateKey = cb.event_id ??
    (kind === "edited"
      ? `${cb.type}:${stable}:${m.update_time ?? m.date ?? ""}`
      : `${cb.type}:${stable}`);
  const profile = profileOf(from ?? peer, peer);
  const time = kind === "edited" ? m.update_time ?? m.date : m.date;
  const at = iso(time, now);
  const data = kind === "message" ? buttonData(m.payload) : null;
  if (data !== null) return [{ kind: "button", updateKey, profile, at, data }];
  const { attachments, links } = convertAttachments(m.attachments ?? [], m.geo);
  const said = m.text ?? m.body ?? "";
  const text = [said, ...links.filter((l) => !said.includes(l))].filter(Boolean).join("\n");
  return [{ kind, updateKey, externalId: ref ?? updateKey, profile, at, text, attachments }];
}

function fromButton(cb: VkCallbackType, now: Date): Inbound[] {
  const e = checked(VkMessageEvent, cb.object, "object");
  const peer = e.peer_id ?? e.user_id;
  const updateKey = cb.event_id ??
    `${cb.type}:${e.event_id ?? `${peer}:${e.conversation_message_id ?? ""}`}`;
  const data = e.payload === undefined
    ? ""
    : typeof e.payload === "string"
    ? e.payload
    : JSON.stringify(e.payload);
  return [{
    kind: "button",
    updateKey,
    profile: profileOf(e.user_id, peer),
    at: now.toISOString(),
    data,
  }];
}

function fromPermission(cb: VkCallbackType, now: Date): Inbound[] {
  const p = checked(VkPermission, cb.object, "object");
  return [{
    kind: "botBlocked",
    updateKey: cb.event_id ?? `${cb.type}:${p.user_id}`,
    profile: profileOf(p.user_id, p.user_id),
    at: now.toISOString(),
    blocked: cb.type === "message_deny",
  }];
}

function fromRead(cb: VkCallbackType, now: Date): Inbound[] {
  const r = checked(VkRead, cb.object, "object");
  // The client read the community's messages up to this one: ids grow, so every earlier one too.
  return [{
    kind: "receiptsUpTo",
    updateKey: cb.event_id ?? `${cb.type}:${r.peer_id}:${r.read_message_id}`,
    profile: profileOf(r.from_id ?? r.peer_id, r.peer_id),
    at: now.toISOString(),
    status: "read",
    upToId: String(r.read_message_id),
  }];
}

/**
 * The client of a conversation. In a group chat the chat itself is the client: replies must go
 * to the chat, and a private reply must never land in a group by mistake.
 */
function profileOf(from: number, peer: number): Profile {
  if (peer >= CHAT_PEER_BASE) {
    const id = String(peer);
    return { platformId: id, chatId: id, name: `VK chat ${peer - CHAT_PEER_BASE}` };
  }
  const id = String(from);
  if (from < 0) return { platformId: id, chatId: String(peer), name: `VK community ${-from}` };
  // Callbacks carry only the user's id: the name is a stand-in until `profile` finds the real one.
  return { platformId: id, chatId: String(peer), name: `VK user ${from}`, provisional: true };
}

/**
 * A keyboard button's payload as our button data: a JSON string is unwrapped (that is how we
 * send data), other JSON stays as written. VK's own Start button is just a first message.
 */
export function buttonData(payload: string | Record<string, unknown> | undefined): string | null {
  if (payload === undefined || payload === "") return null;
  let value: unknown = payload;
  if (typeof payload === "string") {
    try {
      value = JSON.parse(payload);
    } catch {
      return payload;
    }
  }
  if (typeof value === "string") return value;
  if (
    typeof value === "object" && value !== null && "command" in value && value.command === "start"
  ) {
    return null;
  }
  return typeof payload === "string" ? payload : JSON.stringify(payload);
}

function iso(unixSeconds: number | undefined, now: Date): string {
  const date = unixSeconds === undefined ? now : new Date(unixSeconds * 1000);
  // A garbled time (or one past year 9999) must not make the event invalid.
  const text = Number.isNaN(date.getTime()) ? "" : date.toISOString();
  return /^\d{4}-/.test(text) ? text : now.toISOString();
}
