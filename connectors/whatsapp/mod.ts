import { z } from "zod";
import type { Channel } from "../../kv/records.ts";
import {
  checkWithGraph,
  GraphId,
  readConfig,
  Secret,
  VerifyToken,
  webhookInfo,
} from "../meta/config.ts";
import { callGraph, describeGraphError } from "../meta/graph.ts";
import { sendInParts } from "../meta/send.ts";
import { answerHandshake, SIGNATURE_HEADER, verifySignature } from "../meta/signature.ts";
import type { Connector } from "../types.ts";
import { errorText, hideToken } from "../http.ts";
import { whatsappBodies, whatsappRules } from "./api.ts";
import { parseWhatsApp } from "./parse.ts";

/** A channel's WhatsApp Business Cloud API settings. */
export const WhatsAppConfig = z.object({
  phoneNumberId: GraphId,
  accessToken: Secret(20),
  appSecret: Secret(16),
  verifyToken: VerifyToken.optional(),
});
export type WhatsAppConfig = z.infer<typeof WhatsAppConfig>;

const HINTS: Record<string, string> = {
  phoneNumberId: "the Phone number ID (digits) from WhatsApp Manager → API Setup",
  accessToken: "a permanent (system user) access token with whatsapp_business_messaging",
  appSecret: "the App secret from the Meta app's Settings → Basic",
  verifyToken: "any text without spaces, to paste as the Verify token of the app's webhook",
};

/** The webhook fields the Meta app must subscribe to. */
const FIELDS = ["messages"];

const PhoneNumber = z.looseObject({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
});
const MediaInfo = z.looseObject({ url: z.string(), mime_type: z.string().optional() });

/** The stored config, or null when the channel was saved without a valid one. */
function configOf(channel: Channel): WhatsAppConfig | null {
  const parsed = WhatsAppConfig.safeParse(channel.config);
  return parsed.success ? parsed.data : null;
}

/** The WhatsApp Business Cloud API connector. */
export const whatsapp: Connector = {
  type: "whatsapp",

  async connect({ config, webhookUrl, secret, api }) {
    const c = readConfig(WhatsAppConfig, config, HINTS);
    const reply = await checkWithGraph("WhatsApp", api.metaGraph, c.accessToken, {
      path: `/${c.phoneNumberId}`,
      query: { fields: "id,display_phone_number,verified_name" },
    });
    const number = PhoneNumber.safeParse(reply.body);
    const verifyToken = c.verifyToken ?? secret;
    return {
      config: { ...c, verifyToken },
      info: {
        phoneNumberId: c.phoneNumberId,
        ...(number.success
          ? {
            displayPhoneNumber: number.data.display_phone_number,
            verifiedName: number.data.verified_name,
          }
          : {}),
        ...webhookInfo(webhookUrl, verifyToken, FIELDS),
      },
    };
  },

  verify({ headers, rawBody }, channel) {
    const config = configOf(channel);
    if (!config) return false;
    return verifySignature(rawBody, headers.get(SIGNATURE_HEADER), config.appSecret);
  },

  handshake(url, channel) {
    return answerHandshake(url, configOf(channel)?.verifyToken ?? channel.webhookSecret);
  },

  parse(body, channel) {
    return parseWhatsApp(body, { phoneNumberId: configOf(channel)?.phoneNumberId });
  },

  async media(channel, attachment, api) {
    const config = configOf(channel);
    if (!config) {
      return Response.json({ error: "The channel has no valid config" }, { status: 404 });
    }
    const token = config.accessToken;
    try {
      let url = attachment.url;
      if (attachment.fileId) {
        // Media URLs from WhatsApp last five minutes: ask for a fresh one every time.
        const info = await callGraph(api.metaGraph, token, { path: `/${attachment.fileId}` });
        const media = MediaInfo.safeParse(info.body);
        if (info.error || !media.success) {
          const reason = info.error ? describeGraphError(info.error) : "no media URL";
          return Response.json({ error: reason }, { status: 502 });
        }
        url = media.data.url;
      }
      if (!url) return Response.json({ error: "The attachment has no file" }, { status: 404 });
      return await fetch(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      const message = errorText(err);
      return Response.json({ error: hideToken(message, token) }, { status: 502 });
    }
  },

  send(channel, client, message, api) {
    const config = configOf(channel);
    if (!config) {
      return Promise.resolve({ ok: false, reason: "The channel has no valid WhatsApp config" });
    }
    return sendInParts(
      api.metaGraph,
      config.accessToken,
      `/${config.phoneNumberId}/messages`,
      whatsappBodies(client.chatId, message),
      whatsappRules,
    );
  },
};
