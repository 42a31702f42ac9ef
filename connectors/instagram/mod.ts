import { z } from "zod";
import { GraphId, readConfig, Secret, VerifyToken, webhookInfo } from "../meta/config.ts";
import { INSTAGRAM } from "../messenger/api.ts";
import { pageOfToken } from "../messenger/mod.ts";
import { messagingConnector } from "../messenger/platform.ts";
import { INSTAGRAM_PROFILE } from "../messenger/profile.ts";

/**
 * A channel's Instagram Direct settings: the token of the Facebook page the Instagram
 * professional account is linked to, and the Meta app's secret.
 */
export const InstagramConfig = z.object({
  pageAccessToken: Secret(20),
  appSecret: Secret(16),
  verifyToken: VerifyToken.optional(),
  pageId: GraphId.optional(),
  instagramId: GraphId.optional(),
});
export type InstagramConfig = z.infer<typeof InstagramConfig>;

const HINTS: Record<string, string> = {
  pageAccessToken: "the access token of the Facebook page linked to the Instagram account, " +
    "with instagram_manage_messages",
  appSecret: "the App secret from the Meta app's Settings → Basic",
  verifyToken: "any text without spaces, to paste as the Verify token of the app's webhook",
  pageId: "the ID (digits) of the Facebook page linked to the Instagram account",
  instagramId: "the Instagram professional account ID (digits)",
};

/** The webhook fields the Meta app must subscribe to on its "Instagram" object. */
export const INSTAGRAM_FIELDS = [
  "messages",
  "messaging_postbacks",
  "messaging_seen",
  "message_reactions",
];

/** The Instagram Direct connector (through the Messenger Platform, with a page token). */
export const instagram = messagingConnector({
  type: "instagram",
  profile: INSTAGRAM,
  lookup: INSTAGRAM_PROFILE,
  object: "instagram",
  // Instagram's entries are per Instagram account, not per page.
  accountId: (config) => config.instagramId,

  async connect({ config, webhookUrl, secret, api }) {
    const c = readConfig(InstagramConfig, config, HINTS);
    const page = await pageOfToken(
      "Instagram",
      api.metaGraph,
      c.pageAccessToken,
      "id,name,instagram_business_account{id,username}",
      c.pageId,
    );
    const linked = page.instagram_business_account;
    const instagramId = c.instagramId ?? linked?.id;
    const verifyToken = c.verifyToken ?? secret;
    return {
      config: { ...c, pageId: page.id, verifyToken, ...(instagramId ? { instagramId } : {}) },
      info: {
        pageId: page.id,
        pageName: page.name,
        ...(instagramId ? { instagramId } : {}),
        ...(linked?.username && linked.id === instagramId ? { username: linked.username } : {}),
        ...webhookInfo(webhookUrl, verifyToken, INSTAGRAM_FIELDS),
      },
    };
  },
});
