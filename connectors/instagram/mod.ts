import { z } from "zod";
import { BadInput } from "../../errors.ts";
import {
  checkWithGraph,
  GraphId,
  readConfig,
  Secret,
  VerifyToken,
  webhookInfo,
} from "../meta/config.ts";
import { INSTAGRAM } from "../messenger/api.ts";
import { Page } from "../messenger/mod.ts";
import { messagingConnector } from "../messenger/platform.ts";

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
  object: "instagram",
  // Instagram's entries are per Instagram account, not per page.
  accountId: (config) => config.instagramId,

  async connect({ config, webhookUrl, secret, api }) {
    const c = readConfig(InstagramConfig, config, HINTS);
    const me = await checkWithGraph("Instagram", api.metaGraph, c.pageAccessToken, {
      path: "/me",
      query: { fields: "id,name,instagram_business_account{id,username}" },
    });
    const page = Page.safeParse(me.body);
    if (!page.success) throw new BadInput("Meta did not say which page the token is for.");
    if (c.pageId && page.data.id !== c.pageId) {
      throw new BadInput(
        `config.pageAccessToken belongs to ${page.data.name ?? "another page"} ` +
          `(${page.data.id}), not to config.pageId ${c.pageId}: use that page's access token.`,
      );
    }
    const linked = page.data.instagram_business_account;
    const instagramId = c.instagramId ?? linked?.id;
    const verifyToken = c.verifyToken ?? secret;
    return {
      config: { ...c, pageId: page.data.id, verifyToken, ...(instagramId ? { instagramId } : {}) },
      info: {
        pageId: page.data.id,
        pageName: page.data.name,
        ...(instagramId ? { instagramId } : {}),
        ...(linked?.username && linked.id === instagramId ? { username: linked.username } : {}),
        ...webhookInfo(webhookUrl, verifyToken, INSTAGRAM_FIELDS),
      },
    };
  },
});
