import { z } from "zod";
import type { Button } from "../../kv/records.ts";
import {
  CALL_TIMEOUT_MS,
  errorText,
  hideToken,
  httpText,
  parseJson,
  RETRY_LATER_MS,
} from "../http.ts";
import type { SendOutcome } from "../types.ts";

/** The API version we speak; VK answers in the shape of the version asked for. */
export const VK_API_VERSION = "5.199";

/** VK's error object; it comes inside an HTTP 200 answer. */
export const VkError = z.looseObject({
  error_code: z.number().int(),
  error_msg: z.string().optional(),
});
export type VkError = z.infer<typeof VkError>;

/** The envelope of every VK API answer: `response`, or `error`. */
export const VkResponse = z.looseObject({
  response: z.unknown().optional(),
  error: VkError.optional(),
});

/** A VK answer together with the HTTP status it came with. */
export type VkReply = z.infer<typeof VkResponse> & { httpStatus: number };

/** A community, as `groups.getById` describes it. */
export const VkGroup = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  screen_name: z.string().optional(),
  photo_200: z.string().optional(),
});
export type VkGroup = z.infer<typeof VkGroup>;

/** `groups.getById`: an array before 5.139, `{groups, profiles}` since. */
export const VkGroups = z.union([
  z.array(VkGroup),
  z.looseObject({ groups: z.array(VkGroup) }).transform((r) => r.groups),
]);

/** Thrown when VK cannot be reached or answers with something that is not the VK API. */
export class VkUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VkUnreachable";
  }
}

/** Parameters of a VK method call; undefined ones are left out. */
export type VkParams = Record<string, string | number | undefined>;

/**
 * Calls one VK API method, form-encoded as VK expects. Resolves with VK's answer, errors
 * included (VK reports them inside HTTP 200); rejects with VkUnreachable on network failure or
 * a non-API answer.
 *
 * @example
 * ```ts
 * const reply = await callVk("https://api.vk.com", token, "groups.getById", { group_id: 1 });
 * ```
 */
export async function callVk(
  base: string,
  token: string,
  method: string,
  params: VkParams,
): Promise<VkReply> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) form.set(key, String(value));
  }
  form.set("access_token", token);
  form.set("v", VK_API_VERSION);
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/+$/, "")}/method/${method}`, {
      method: "POST",
      body: form,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new VkUnreachable(hideToken(errorText(err), token));
  }
  const parsed = VkResponse.safeParse(parseJson(await res.text()));
  if (parsed.success && (parsed.data.error || "response" in parsed.data)) {
    return { ...parsed.data, httpStatus: res.status };
  }
  // A proxy or load balancer answering in HTML still says something useful with its status.
  if (res.status >= 400) {
    return {
      error: { error_code: 0, error_msg: httpText(res) },
      httpStatus: res.status,
    };
  }
  throw new VkUnreachable(`${method} answered HTTP ${res.status} without a VK API body`);
}

/** Error codes that mean "slow down": too many per second, flood control, rate limit. */
const RATE_LIMITS: Record<number, number> = { 6: 1_000, 9: 60_000, 29: 60_000 };
/** Error codes of a broken or revoked access token. */
const AUTH_ERRORS = new Set([5, 27, 28]);
/** The client does not take messages from the community (never allowed, or privacy). */
const CLIENT_GONE = new Set([901, 902]);

/** Maps a VK error to what the sender should do next. */
export function mapSendError(error: VkError, httpStatus: number): SendOutcome {
  const code = error.error_code;
  const reason = error.error_msg ?? `VK error ${code}`;
  if (code in RATE_LIMITS) return { ok: false, retryAfterMs: RATE_LIMITS[code], reason };
  // 1 is "unknown error, try later", 10 an internal server error.
  if (code === 1 || code === 10 || httpStatus >= 500) {
    return { ok: false, retryAfterMs: RETRY_LATER_MS, reason };
  }
  if (CLIENT_GONE.has(code)) return { ok: false, reason, clientBlocked: true };
  if (AUTH_ERRORS.has(code)) {
    return { ok: false, reason: `VK rejected the access token: ${reason}` };
  }
  return { ok: false, reason };
}

/**
 * A `random_id` derived from our message id (31-bit FNV-1a), so a retried send carries the same
 * one and VK drops the repeat instead of showing the message twice.
 */
export function randomIdFor(messageId: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(messageId)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  // 0 means "no deduplication" to VK.
  return (hash & 0x7fffffff) || 1;
}

/** VK limits: 40 characters on a label, 255 on a payload, 10 buttons on an inline keyboard. */
const LABEL_MAX = 40;
const PAYLOAD_MAX = 255;
const INLINE_MAX = 10;

/**
 * An inline keyboard of text buttons. Each payload is the button's data as a JSON string; a
 * press comes back as a message carrying it.
 */
export function keyboardOf(buttons: Button[]): string | undefined {
  if (buttons.length === 0) return undefined;
  const items = buttons.slice(0, INLINE_MAX).map((b) => {
    let payload = JSON.stringify(b.data);
    for (let n = b.data.length; payload.length > PAYLOAD_MAX; n = Math.floor(n / 2)) {
      payload = JSON.stringify(b.data.slice(0, n));
    }
    return { action: { type: "text", label: b.text.slice(0, LABEL_MAX), payload } };
  });
  // An inline keyboard holds at most 6 rows: pair the buttons up when there are more.
  const perRow = items.length > 6 ? 2 : 1;
  const rows = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow));
  return JSON.stringify({ inline: true, buttons: rows });
}

/** Our id of a sent message, from `messages.send`'s answer (a number, or a list by peer). */
export function sentId(response: unknown): string | null {
  if (typeof response === "number" && response > 0) return String(response);
  const first = Array.isArray(response) ? response[0] : response;
  if (typeof first !== "object" || first === null) return null;
  const { message_id, peer_id, conversation_message_id } = first as Record<string, unknown>;
  if (typeof message_id === "number" && message_id > 0) return String(message_id);
  if (typeof conversation_message_id === "number" && typeof peer_id === "number") {
    return `${peer_id}_${conversation_message_id}`;
  }
  return null;
}
