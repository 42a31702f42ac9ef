import { z } from "zod";
import { BadInput } from "../../errors.ts";
import type { Connector, SendOutcome } from "../types.ts";
import { timingSafeEqual } from "../verify.ts";
import { errorText, hideToken, RETRY_LATER_MS } from "../http.ts";
import {
  callViber,
  EVENT_TYPES,
  mapSendError,
  messageBody,
  ViberAccount,
  ViberUnreachable,
} from "./api.ts";
import { parseViberEvent } from "./parse.ts";
import { viberSignature } from "./signature.ts";
import { exactToken } from "./token.ts";

/** A channel's Viber settings: the bot's token from the Viber Admin Panel. */
export const ViberConfig = z.object({
  authToken: z.string().trim().regex(
    /^[\w-]{8,}$/,
    "config.authToken must be the bot's token from the Viber Admin Panel, like 445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9",
  ),
});
export type ViberConfig = z.infer<typeof ViberConfig>;

/** The header that carries Viber's signature of the raw body. */
export const SIGNATURE_HEADER = "X-Viber-Content-Signature";

/** The Viber bot (REST API) connector. */
export const viber: Connector = {
  type: "viber",

  async connect({ config, webhookUrl, api }) {
    const parsed = ViberConfig.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.path[0] === "authToken");
      throw new BadInput(
        issue && issue.code !== "invalid_type"
          ? issue.message
          : "config.authToken is required: the bot's token from the Viber Admin Panel",
      );
    }
    const { authToken } = parsed.data;
    const base = api.viber;
    const account = await reach(base, authToken, "get_account_info", {});
    if (account.status !== 0) {
      throw new BadInput(`Viber rejected the token: ${account.status_message ?? account.status}`);
    }
    // Viber calls the webhook with event "webhook" before answering; the route answers it.
    const hook = await reach(base, authToken, "set_webhook", {
      url: webhookUrl,
      event_types: EVENT_TYPES,
      send_name: true,
      send_photo: true,
    });
    if (hook.status !== 0) {
      throw new BadInput(
        `Viber refused the webhook ${webhookUrl}: ${hook.status_message ?? hook.status}`,
      );
    }
    const about = ViberAccount.safeParse(account).data;
    return {
      config: { authToken },
      info: Object.fromEntries(
        Object.entries({
          accountId: about?.id,
          name: about?.name,
          uri: about?.uri,
          icon: about?.icon,
        }).filter(([, v]) => v !== undefined),
      ),
    };
  },

  async verify({ headers, rawBody }, channel) {
    const given = headers.get(SIGNATURE_HEADER);
    const config = ViberConfig.safeParse(channel.config);
    if (!given || !config.success) return false;
    const expected = await viberSignature(config.data.authToken, rawBody);
    return timingSafeEqual(given.trim().toLowerCase(), expected);
  },

  parse(body, _channel, rawBody) {
    // JSON.parse rounds tokens past 2^53: the exact digits are read from the raw text.
    const parsed = (body as { message_token?: unknown } | null)?.message_token;
    const messageToken = rawBody
      ? exactToken(new TextDecoder().decode(rawBody), parsed)
      : undefined;
    return parseViberEvent(body, { messageToken });
  },

  answer(body) {
    // Viber sends a JSON answer to conversation_started to the user as a welcome message.
    const event = (body as { event?: unknown } | null)?.event;
    return event === "conversation_started" ? { text: "" } : { json: { ok: true } };
  },

  async disconnect(channel, api) {
    const config = ViberConfig.safeParse(channel.config);
    if (!config.success) return { ok: false, reason: "The channel has no valid Viber token" };
    const { authToken } = config.data;
    try {
      // Viber's documented way to remove a webhook: set it to an empty url.
      const reply = await callViber(api.viber, authToken, "set_webhook", { url: "" });
      if (reply.status === 0) return { ok: true };
      const why = reply.status_message ?? `status ${reply.status}`;
      return {
        ok: false,
        reason: `Viber did not remove the webhook: ${hideToken(why, authToken)}`,
      };
    } catch (err) {
      const reason = hideToken(errorText(err), authToken);
      return { ok: false, reason: `Could not reach Viber at ${api.viber}: ${reason}` };
    }
  },

  async send(channel, client, message, api): Promise<SendOutcome> {
    const config = ViberConfig.safeParse(channel.config);
    if (!config.success) return { ok: false, reason: "The channel has no valid Viber token" };
    const { authToken } = config.data;
    const senderName = typeof channel.info.name === "string" ? channel.info.name : channel.name;
    const body = messageBody(senderName, message.text, message.attachments, message.buttons ?? []);
    if (!body) return { ok: false, reason: "Nothing to send" };
    try {
      const reply = await callViber(api.viber, authToken, "send_message", {
        receiver: client.chatId,
        ...body,
      });
      if (reply.status !== 0) return mapSendError(reply);
      // Viber said ok, so the message went out; resending could show it twice.
      if (!reply.messageToken) return { ok: false, reason: "Viber answered without a token" };
      return { ok: true, externalId: reply.messageToken };
    } catch (err) {
      return {
        ok: false,
        retryAfterMs: RETRY_LATER_MS,
        reason: `Could not reach Viber: ${hideToken(errorText(err), authToken)}`,
      };
    }
  },
};

/** Runs a setup call, turning a network failure into BadInput that names the base URL. */
async function reach(base: string, token: string, method: string, body: unknown) {
  try {
    return await callViber(base, token, method, body);
  } catch (err) {
    if (!(err instanceof ViberUnreachable)) throw err;
    throw new BadInput(`Could not reach Viber at ${base}: ${err.message}`);
  }
}
