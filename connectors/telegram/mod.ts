import { z } from "zod";
import { BadInput } from "../../errors.ts";
import type { Connector, SendOutcome } from "../types.ts";
import { timingSafeEqual } from "../verify.ts";
import { errorText, hideToken, RETRY_LATER_MS } from "../http.ts";
import {
  callTelegram,
  deleteWebhook,
  getMe,
  mapSendError,
  sendMessage,
  setWebhook,
  TelegramBot,
  TelegramSent,
  TelegramUnreachable,
} from "./api.ts";
import { parseUpdate } from "./parse.ts";

/** A channel's Telegram settings: the token BotFather gave. */
export const TelegramConfig = z.object({
  token: z.string().trim().regex(
    /^\d+:[\w-]+$/,
    "config.token must be a bot token from @BotFather, like 123456789:AAExampleToken",
  ),
});
export type TelegramConfig = z.infer<typeof TelegramConfig>;

/** The header Telegram sets to the `secret_token` given to setWebhook. */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/** Which Bot API method sends a file of each kind, and the field its URL goes in. */
const MEDIA_METHOD: Partial<Record<string, { method: string; field: string }>> = {
  photo: { method: "sendPhoto", field: "photo" },
  video: { method: "sendVideo", field: "video" },
  animation: { method: "sendAnimation", field: "animation" },
  audio: { method: "sendAudio", field: "audio" },
  voice: { method: "sendVoice", field: "voice" },
  document: { method: "sendDocument", field: "document" },
  sticker: { method: "sendSticker", field: "sticker" },
};

/** The Telegram Bot API connector. */
export const telegram: Connector = {
  type: "telegram",

  async connect({ config, webhookUrl, secret, api }) {
    const parsed = TelegramConfig.safeParse(config);
    if (!parsed.success) {
      const token = parsed.error.issues.find((i) => i.path[0] === "token");
      throw new BadInput(
        token && token.code !== "invalid_type"
          ? token.message
          : "config.token is required: the bot token from @BotFather, like 123456789:AAExampleToken",
      );
    }
    const { token } = parsed.data;
    const base = api.telegram;
    const me = await reach(base, token, () => getMe(base, token));
    const bot = TelegramBot.safeParse(me.result);
    if (!me.ok || !bot.success) {
      throw new BadInput(
        `Telegram rejected the token: ${me.description ?? "no bot in the answer"}`,
      );
    }
    const hook = await reach(base, token, () => setWebhook(base, token, webhookUrl, secret));
    if (!hook.ok) {
      throw new BadInput(
        `Telegram refused the webhook ${webhookUrl}: ${hook.description ?? "no reason given"}`,
      );
    }
    return {
      config: { token },
      info: {
        botId: String(bot.data.id),
        username: bot.data.username,
        firstName: bot.data.first_name,
      },
    };
  },

  verify({ headers }, channel) {
    const given = headers.get(SECRET_HEADER);
    // An empty stored secret must never match an empty or missing header.
    if (given === null || !channel.webhookSecret) return false;
    return timingSafeEqual(given, channel.webhookSecret);
  },

  parse(body) {
    return parseUpdate(body);
  },

  answer(body) {
    // Telegram runs a method given in the webhook's answer: this stops the button's spinner.
    const id = (body as { callback_query?: { id?: unknown } })?.callback_query?.id;
    return {
      json: typeof id === "string"
        ? { method: "answerCallbackQuery", callback_query_id: id }
        : { ok: true },
    };
  },

  async disconnect(channel, api) {
    const config = TelegramConfig.safeParse(channel.config);
    if (!config.success) return { ok: false, reason: "The channel has no valid Telegram token" };
    const { token } = config.data;
    try {
      const reply = await deleteWebhook(api.telegram, token);
      if (reply.ok) return { ok: true };
      const why = reply.description ?? `HTTP ${reply.httpStatus}`;
      return {
        ok: false,
        reason: `Telegram did not delete the webhook: ${hideToken(why, token)}`,
      };
    } catch (err) {
      const reason = errorText(err);
      return {
        ok: false,
        reason: `Could not reach Telegram at ${api.telegram}: ${hideToken(reason, token)}`,
      };
    }
  },

  async media(channel, attachment, api): Promise<Response> {
    const config = TelegramConfig.safeParse(channel.config);
    if (!config.success || !attachment.fileId) return new Response("Not found", { status: 404 });
    const { token } = config.data;
    const file = await callTelegram(api.telegram, token, "getFile", { file_id: attachment.fileId });
    const path = (file.result as { file_path?: string } | undefined)?.file_path;
    // Bots may download files up to 20 MB; larger ones have no path.
    if (!file.ok || !path) return new Response("The file is not available", { status: 404 });
    return await fetch(`${api.telegram}/file/bot${token}/${path}`, {
      signal: AbortSignal.timeout(30_000),
    });
  },

  async send(channel, client, message, api): Promise<SendOutcome> {
    const files = message.attachments.filter((a) => a.url && MEDIA_METHOD[a.type]);
    if (!message.text.trim() && files.length === 0) return { ok: false, reason: "Nothing to send" };
    const config = TelegramConfig.safeParse(channel.config);
    if (!config.success) return { ok: false, reason: "The channel has no valid Telegram token" };
    const { token } = config.data;
    try {
      // A file goes by its URL (Telegram fetches it), the text as the caption of the first one.
      const file = files[0];
      const reply = file
        ? await callTelegram(api.telegram, token, MEDIA_METHOD[file.type]!.method, {
          chat_id: client.chatId,
          [MEDIA_METHOD[file.type]!.field]: file.url,
          ...(message.text.trim() ? { caption: message.text.slice(0, 1024) } : {}),
        })
        : await sendMessage(
          api.telegram,
          token,
          client.chatId,
          message.text,
          message.buttons,
        );
      if (!reply.ok) return mapSendError(reply, reply.httpStatus);
      const sent = TelegramSent.safeParse(reply.result);
      // Telegram said ok, so the message went out; resending could show it twice.
      if (!sent.success) return { ok: false, reason: "Telegram answered without a message id" };
      return { ok: true, externalId: String(sent.data.message_id) };
    } catch (err) {
      const reason = errorText(err);
      return {
        ok: false,
        retryAfterMs: RETRY_LATER_MS,
        reason: `Could not reach Telegram: ${hideToken(reason, token)}`,
      };
    }
  },
};

/** Runs a setup call, turning a network failure into BadInput that names the base URL. */
async function reach<T>(base: string, token: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof TelegramUnreachable)) throw err;
    throw new BadInput(`Could not reach Telegram at ${base}: ${hideToken(err.message, token)}`);
  }
}
