import { z } from "zod";
import type { Attachment, Button } from "../../kv/records.ts";
import {
  CALL_TIMEOUT_MS,
  errorText,
  hideToken,
  httpText,
  parseJson,
  RETRY_LATER_MS,
} from "../http.ts";
import type { SendOutcome } from "../types.ts";
import type { ButtonTracking } from "./parse.ts";
import { exactToken } from "./token.ts";

/** Retry delay after Viber's rate control (it gives no time of its own). */
export const RATE_LIMIT_MS = 10_000;

/** The callbacks we ask for; `message` always comes and cannot be listed. */
export const EVENT_TYPES = [
  "delivered",
  "seen",
  "failed",
  "subscribed",
  "unsubscribed",
  "conversation_started",
];

/** The envelope of every Viber answer: `status` 0 is success, whatever the HTTP status. */
export const ViberResponse = z.looseObject({
  status: z.number().int(),
  status_message: z.string().optional(),
});

/** A Viber answer, its exact `message_token` as digits, and the HTTP status it came with. */
export type ViberReply = z.infer<typeof ViberResponse> & {
  messageToken?: string;
  httpStatus: number;
};

/** The bot account, as `get_account_info` describes it. */
export const ViberAccount = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  uri: z.string().optional(),
  icon: z.string().optional(),
  subscribers_count: z.number().optional(),
});

/** Thrown when Viber cannot be reached or answers with something that is not its API. */
export class ViberUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ViberUnreachable";
  }
}

/**
 * Calls one Viber REST method (`/pa/<method>`) with a JSON body and the auth token header.
 * Resolves with Viber's answer, errors included (Viber reports them inside HTTP 200); rejects
 * with ViberUnreachable on network failure or a non-API answer.
 *
 * @example
 * ```ts
 * const me = await callViber("https://chatapi.viber.com", token, "get_account_info", {});
 * ```
 */
export async function callViber(
  base: string,
  token: string,
  method: string,
  body: unknown,
): Promise<ViberReply & Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/+$/, "")}/pa/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Viber-Auth-Token": token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new ViberUnreachable(hideToken(errorText(err), token));
  }
  const text = await res.text();
  const json = parseJson(text);
  const parsed = ViberResponse.safeParse(json);
  if (parsed.success) {
    const token = (json as { message_token?: unknown }).message_token;
    const messageToken = token === undefined ? undefined : exactToken(text, token);
    return { ...parsed.data, ...(messageToken ? { messageToken } : {}), httpStatus: res.status };
  }
  // A proxy or load balancer answering in HTML still says something useful with its status.
  if (res.status >= 400) {
    return {
      status: -1,
      status_message: httpText(res),
      httpStatus: res.status,
    };
  }
  throw new ViberUnreachable(`${method} answered HTTP ${res.status} without a Viber body`);
}

/** Viber's status codes that decide what happens to a failed send. */
const STATUS = { invalidAuthToken: 2, receiverNotSubscribed: 6, tooManyRequests: 12 };

/** Maps a failed Viber answer to what the sender should do next. */
export function mapSendError(reply: ViberReply): SendOutcome {
  const reason = reply.status_message ?? `Viber status ${reply.status}`;
  if (
    reply.status === STATUS.tooManyRequests || reply.httpStatus === 429 ||
    /too ?many ?requests/i.test(reason)
  ) {
    return { ok: false, retryAfterMs: RATE_LIMIT_MS, reason };
  }
  if (reply.httpStatus >= 500) return { ok: false, retryAfterMs: RETRY_LATER_MS, reason };
  if (reply.status === STATUS.receiverNotSubscribed) {
    return { ok: false, reason, clientBlocked: true };
  }
  if (reply.status === STATUS.invalidAuthToken) {
    return { ok: false, reason: `Viber rejected the auth token: ${reason}` };
  }
  // 5 receiverNotRegistered, 11 receiverNoSuitableDevice, 3 badData, …: sending again won't help.
  return { ok: false, reason };
}

// Viber's limits: a sender name of 28 characters, a picture description of 768, a text of 7000.
const SENDER_MAX = 28;
const CAPTION_MAX = 768;
const TEXT_MAX = 7000;
const BUTTONS_MAX = 24;

/** What to send: our message in Viber's `send_message` shape, minus the receiver. */
export function messageBody(
  senderName: string,
  text: string,
  attachments: Attachment[],
  buttons: Button[],
): Record<string, unknown> | null {
  const sender = { name: senderName.slice(0, SENDER_MAX) || "Support" };
  const withUrl = attachments.filter((a) => a.url);
  const one = withUrl.length === 1 ? withUrl[0] : undefined;
  const said = text.trim() ? text : "";
  let content: Record<string, unknown>;
  if (one?.type === "photo" && said.length <= CAPTION_MAX) {
    content = { type: "picture", media: one.url, text: said };
  } else if (one?.type === "document" && !said && one.fileName && one.size) {
    content = { type: "file", media: one.url, size: one.size, file_name: one.fileName };
  } else if (one && !said) {
    content = { type: "url", media: one.url };
  } else {
    // Videos and files need their size, and several media need several messages: links it is.
    const all = [said, ...withUrl.map((a) => a.url!)].filter(Boolean).join("\n");
    if (!all) return null;
    content = { type: "text", text: all.slice(0, TEXT_MAX) };
  }
  if (buttons.length === 0) return { sender, ...content };
  const shown = buttons.slice(0, BUTTONS_MAX);
  const tracking: ButtonTracking = { buttons: shown.map((b) => b.data) };
  return {
    sender,
    ...content,
    tracking_data: JSON.stringify(tracking),
    keyboard: {
      Type: "keyboard",
      DefaultHeight: false,
      Buttons: shown.map((b) => ({
        ActionType: "reply",
        ActionBody: b.data,
        Text: b.text,
        TextSize: "regular",
        // The press reaches us as the user's text; Silent keeps it out of their chat.
        Silent: true,
      })),
    },
  };
}
