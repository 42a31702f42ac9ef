import { z } from "zod";
import type { Channel, ChannelType } from "../../kv/records.ts";
import { sendInParts } from "../meta/send.ts";
import { answerHandshake, SIGNATURE_HEADER, verifySignature } from "../meta/signature.ts";
import type { Connector } from "../types.ts";
import { errorText } from "../http.ts";
import { messagingBodies, type MessagingProfile, messagingRules } from "./api.ts";
import { parseMessaging } from "./parse.ts";
import { lookupProfile, type ProfileQuery } from "./profile.ts";

/** What a Messenger Platform channel keeps after connecting (Messenger or Instagram). */
export const StoredMessagingConfig = z.object({
  pageAccessToken: z.string().min(1),
  appSecret: z.string().min(1),
  verifyToken: z.string().optional(),
  pageId: z.string().optional(),
  instagramId: z.string().optional(),
});
export type StoredMessagingConfig = z.infer<typeof StoredMessagingConfig>;

/** What differs between the products built on the Messenger Platform. */
export interface MessagingProduct {
  type: ChannelType;
  profile: MessagingProfile;
  /** How to look up a client's name and picture (the User Profile API). */
  lookup: ProfileQuery;
  /** The webhook's `object` for this product. */
  object: string;
  /** The account the webhook's entries are for (the page, or the Instagram account). */
  accountId(config: StoredMessagingConfig): string | undefined;
  connect: Connector["connect"];
}

function configOf(channel: Channel): StoredMessagingConfig | null {
  const parsed = StoredMessagingConfig.safeParse(channel.config);
  return parsed.success ? parsed.data : null;
}

/** A connector for one Messenger Platform product: Meta's signature, handshake, parse and send. */
export function messagingConnector(product: MessagingProduct): Connector {
  const { profile } = product;
  const rules = messagingRules(profile);
  return {
    type: product.type,
    connect: product.connect,

    verify({ headers, rawBody }, channel) {
      const config = configOf(channel);
      if (!config) return false;
      return verifySignature(rawBody, headers.get(SIGNATURE_HEADER), config.appSecret);
    },

    handshake(url, channel) {
      return answerHandshake(url, configOf(channel)?.verifyToken ?? channel.webhookSecret);
    },

    parse(body, channel) {
      const config = configOf(channel);
      return parseMessaging(body, {
        platform: profile.platform,
        object: product.object,
        accountId: config ? product.accountId(config) : undefined,
      });
    },

    async media(_channel, attachment) {
      // Messenger Platform attachments are signed CDN URLs that need no token.
      if (!attachment.url) {
        return Response.json({ error: "The attachment has no URL" }, { status: 404 });
      }
      try {
        return await fetch(attachment.url, { signal: AbortSignal.timeout(30_000) });
      } catch (err) {
        return Response.json({ error: errorText(err) }, {
          status: 502,
        });
      }
    },

    profile(channel, platformId, api) {
      const config = configOf(channel);
      if (!config) return Promise.resolve(null);
      return lookupProfile(
        api.metaGraph,
        config.pageAccessToken,
        platformId,
        product.lookup,
        channel.id,
      );
    },

    send(channel, client, message, api) {
      const config = configOf(channel);
      if (!config) {
        return Promise.resolve({
          ok: false,
          reason: `The channel has no valid ${profile.platform} config`,
        });
      }
      return sendInParts(
        api.metaGraph,
        config.pageAccessToken,
        "/me/messages",
        messagingBodies(client.chatId, message, profile),
        rules,
      );
    },
  };
}
