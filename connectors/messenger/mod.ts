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
import { callGraph, describeGraphError, GraphUnreachable } from "../meta/graph.ts";
import { MESSENGER } from "./api.ts";
import { messagingConnector } from "./platform.ts";
import { MESSENGER_PROFILE } from "./profile.ts";

/** A channel's Facebook Messenger settings: the page, its token, and the Meta app's secret. */
export const MessengerConfig = z.object({
  pageId: GraphId.optional(),
  pageAccessToken: Secret(20),
  appSecret: Secret(16),
  verifyToken: VerifyToken.optional(),
});
export type MessengerConfig = z.infer<typeof MessengerConfig>;

const HINTS: Record<string, string> = {
  pageId: "the Facebook Page ID (digits), from the page's About → Page transparency",
  pageAccessToken:
    "a Page access token with pages_messaging, from the Meta app's Messenger settings",
  appSecret: "the App secret from the Meta app's Settings → Basic",
  verifyToken: "any text without spaces, to paste as the Verify token of the app's webhook",
};

/** The webhook fields the Meta app must subscribe to for the page. */
export const MESSENGER_FIELDS = [
  "messages",
  "messaging_postbacks",
  "message_deliveries",
  "message_reads",
  "message_reactions",
  "message_edits",
];

/** The page, as `GET /me` describes it for a page token. */
export type Page = z.infer<typeof Page>;
export const Page = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  instagram_business_account: z.looseObject({ id: z.string(), username: z.string().optional() })
    .optional(),
});

/** The page a page access token belongs to; BadInput when it is not the page the config names. */
export async function pageOfToken(
  product: string,
  base: string,
  token: string,
  fields: string,
  pageId: string | undefined,
): Promise<Page> {
  const me = await checkWithGraph(product, base, token, { path: "/me", query: { fields } });
  const page = Page.safeParse(me.body);
  if (!page.success) throw new BadInput(`${product} did not say which page the token is for.`);
  if (pageId && page.data.id !== pageId) {
    throw new BadInput(
      `config.pageAccessToken belongs to ${page.data.name ?? "another page"} ` +
        `(${page.data.id}), not to config.pageId ${pageId}: use that page's access token.`,
    );
  }
  return page.data;
}

/** The Facebook Messenger connector (a page's inbox through the Messenger Platform). */
export const messenger = messagingConnector({
  type: "messenger",
  profile: MESSENGER,
  lookup: MESSENGER_PROFILE,
  object: "page",
  accountId: (config) => config.pageId,

  async connect({ config, webhookUrl, secret, api }) {
    const c = readConfig(MessengerConfig, config, HINTS);
    const page = await pageOfToken(
      "Messenger",
      api.metaGraph,
      c.pageAccessToken,
      "id,name",
      c.pageId,
    );
    const pageId = page.id;
    const verifyToken = c.verifyToken ?? secret;
    return {
      config: { ...c, pageId, verifyToken },
      info: {
        pageId,
        pageName: page.name,
        ...webhookInfo(webhookUrl, verifyToken, MESSENGER_FIELDS),
        ...await subscribePage(api.metaGraph, c.pageAccessToken, pageId),
      },
    };
  },
});

/**
 * Subscribes the app to the page's messaging events, which a page needs besides the app's
 * callback URL. Best effort: without the permission the owner can still do it in the dashboard.
 */
async function subscribePage(base: string, token: string, pageId: string) {
  try {
    const reply = await callGraph(base, token, {
      method: "POST",
      path: `/${pageId}/subscribed_apps`,
      query: { subscribed_fields: MESSENGER_FIELDS.join(",") },
    });
    return reply.error
      ? { pageSubscribed: false, pageSubscribeError: describeGraphError(reply.error) }
      : { pageSubscribed: true };
  } catch (err) {
    if (!(err instanceof GraphUnreachable)) throw err;
    return { pageSubscribed: false, pageSubscribeError: err.message };
  }
}
