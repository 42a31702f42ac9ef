import { z } from "zod";
import {
  CALL_TIMEOUT_MS,
  errorText,
  hideToken,
  httpText,
  parseJson,
  RETRY_LATER_MS,
} from "../http.ts";
import type { SendOutcome } from "../types.ts";

/** The envelope of every Bot API answer. */
export const TelegramResponse = z.looseObject({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: z.looseObject({
    retry_after: z.number().optional(),
    migrate_to_chat_id: z.number().optional(),
  }).optional(),
});
export type TelegramResponse = z.infer<typeof TelegramResponse>;

/** A Bot API answer together with the HTTP status it came with. */
export type TelegramReply = TelegramResponse & { httpStatus: number };

/** The bot, as `getMe` describes it. */
export const TelegramBot = z.looseObject({
  id: z.number().int(),
  first_name: z.string(),
  username: z.string().optional(),
});
export type TelegramBot = z.infer<typeof TelegramBot>;

/** The part of a sent message we keep. */
export const TelegramSent = z.looseObject({ message_id: z.number().int() });

/** The update kinds the connector parses; Telegram then skips sending the rest. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"];

/** Thrown when Telegram cannot be reached or answers with something that is not the Bot API. */
export class TelegramUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TelegramUnreachable";
  }
}

/**
 * Calls one Bot API method with a JSON body. Resolves with Telegram's answer for any HTTP
 * status; rejects with TelegramUnreachable on network failure or a non-API answer.
 *
 * @example
 * ```ts
 * const me = await callTelegram("https://api.telegram.org", token, "getMe", {});
 * ```
 */
export async function callTelegram(
  base: string,
  token: string,
  method: string,
  params: Record<string, unknown>,
): Promise<TelegramReply> {
  const url = `${base.replace(/\/+$/, "")}/bot${token}/${method}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new TelegramUnreachable(hideToken(errorText(err), token));
  }
  const parsed = TelegramResponse.safeParse(parseJson(await res.text()));
  if (parsed.success) return { ...parsed.data, httpStatus: res.status };
  // A proxy or load balancer answering in HTML still says something useful with its status.
  if (res.status >= 400) {
    return {
      ok: false,
      error_code: res.status,
      description: httpText(res),
      httpStatus: res.status,
    };
  }
  throw new TelegramUnreachable(`${method} answered HTTP ${res.status} without a Bot API body`);
}

/** Asks Telegram who the bot is; the cheapest way to check a token. */
export function getMe(base: string, token: string): Promise<TelegramReply> {
  return callTelegram(base, token, "getMe", {});
}

/** Points the bot's updates at our webhook, with a secret Telegram will echo in a header. */
export function setWebhook(
  base: string,
  token: string,
  url: string,
  secret_token: string,
  allowed_updates: string[] = ALLOWED_UPDATES,
): Promise<TelegramReply> {
  return callTelegram(base, token, "setWebhook", { url, secret_token, allowed_updates });
}

/** Stops the bot's updates going to a webhook; Telegram then keeps them for getUpdates. */
export function deleteWebhook(base: string, token: string): Promise<TelegramReply> {
  return callTelegram(base, token, "deleteWebhook", {});
}

/** Sends a plain text message to a chat. */
export function sendMessage(
  base: string,
  token: string,
  chat_id: string | number,
  text: string,
  buttons: { text: string; data: string }[] = [],
): Promise<TelegramReply> {
  // Buttons go one to a row, as an inline keyboard whose presses come back as callback queries.
  const reply_markup = buttons.length > 0
    ? {
      inline_keyboard: buttons.map((b) => [{
        text: b.text,
        callback_data: new TextEncoder().encode(b.data).length <= 64 ? b.data : b.data.slice(0, 32),
      }]),
    }
    : undefined;
  return callTelegram(base, token, "sendMessage", {
    chat_id,
    text,
    ...(reply_markup ? { reply_markup } : {}),
  });
}

const CLIENT_GONE = /bot was blocked by the user|user is deactivated/i;

/** Maps a failed Bot API answer to what the sender should do next. */
export function mapSendError(response: TelegramResponse, httpStatus: number): SendOutcome {
  const code = response.error_code ?? httpStatus;
  const reason = response.description ?? `Telegram answered HTTP ${httpStatus}`;
  if (code === 429) {
    const seconds = response.parameters?.retry_after;
    return {
      ok: false,
      retryAfterMs: seconds === undefined ? RETRY_LATER_MS : seconds * 1000,
      reason,
    };
  }
  if (code >= 500 || httpStatus >= 500) return { ok: false, retryAfterMs: RETRY_LATER_MS, reason };
  if (code === 403 && CLIENT_GONE.test(reason)) return { ok: false, reason, clientBlocked: true };
  return { ok: false, reason };
}
