import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import {
  originAllowed,
  parseWidgetConfig,
  WIDGET_PATH,
  type WidgetConfig,
} from "../../connectors/widget/config.ts";
import { readVisitor, VISITOR_COOKIE, VISITOR_HEADER } from "../../connectors/widget/visitor.ts";
import { type Limit, takeRateToken } from "../../connectors/widget/ratelimit.ts";
import { Forbidden, NotFound, Unauthorized } from "../../errors.ts";
import { keys } from "../../kv/keys.ts";
import type { Channel } from "../../kv/records.ts";
import type { AppEnv } from "../env.ts";

/** A widget channel with its parsed settings. */
export interface WidgetChannel {
  channel: Channel;
  config: WidgetConfig;
}

const parsed = new WeakMap<Channel, WidgetConfig>();

/** The widget channel with this id, or NotFound. */
export async function widgetChannel(c: Context<AppEnv>, id: string): Promise<WidgetChannel> {
  const channel = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)
    ? await c.get("services").channels.get(id)
    : null;
  if (!channel || channel.type !== "widget") {
    throw new NotFound("No such chat widget.", "unknown_channel");
  }
  let config = parsed.get(channel);
  if (!config) parsed.set(channel, config = parseWidgetConfig(channel.config));
  return { channel, config };
}

/**
 * CORS for the channel's allowed sites only: a request (or preflight) from any other origin is
 * a 403 before anything is read or stored.
 */
export const allowedOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = await widgetChannel(c, c.req.param("channelId") ?? "");
  const origin = c.req.header("Origin");
  if (!originAllowed(config, origin)) {
    throw new Forbidden(
      `This chat is not enabled on ${origin ? origin : "pages that send no Origin"}.`,
      "origin_not_allowed",
    );
  }
  c.header("Access-Control-Allow-Origin", origin!);
  c.header("Access-Control-Allow-Credentials", "true");
  c.header("Access-Control-Expose-Headers", "Retry-After");
  c.header("Vary", "Origin", { append: true });
  if (c.req.method === "OPTIONS") {
    c.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    c.header("Access-Control-Allow-Headers", `Content-Type, ${VISITOR_HEADER}, Last-Event-ID`);
    c.header("Access-Control-Max-Age", "600");
    return c.body(null, 204);
  }
  await next();
};

/** The visitor's tokens: the cookie on our origin first, then the host page's copy. */
function visitorToken(c: Context<AppEnv>): string[] {
  return [getCookie(c, VISITOR_COOKIE), c.req.header(VISITOR_HEADER)]
    .filter((t): t is string => !!t);
}

/** The visitor a request comes from and the token that proved it; null without a valid one. */
export async function findVisitor(
  c: Context<AppEnv>,
  channel: Channel,
): Promise<{ id: string; token: string } | null> {
  for (const token of visitorToken(c)) {
    const id = await readVisitor(channel, token);
    if (id) return { id, token };
  }
  return null;
}

/** The visitor's id, or 401 when the widget has not started a session. */
export async function requireVisitor(c: Context<AppEnv>, channel: Channel): Promise<string> {
  const found = await findVisitor(c, channel);
  if (!found) throw new Unauthorized("Open the chat again to start a session.", "no_visitor");
  return found.id;
}

/** The visitor's client id, once they have written. */
export async function clientIdOf(
  c: Context<AppEnv>,
  channelId: string,
  visitorId: string,
): Promise<string | null> {
  const kv = c.get("services").kv;
  return (await kv.get<string>(keys.clientByPlatform(channelId, visitorId))).value;
}

/** Where browsers reach the widget: PUBLIC_URL when set, else the address they used. */
export function publicBase(c: Context<AppEnv>): string {
  const config = c.get("services").config;
  const origin = config.PUBLIC_URL ? config.publicUrl : new URL(c.req.url).origin;
  return `${origin}${WIDGET_PATH}`;
}

/** Counts a message against the visitor's and the address's per-minute limits. */
export async function rateLimit(
  c: Context<AppEnv>,
  { channel, config }: WidgetChannel,
  visitorId: string,
): Promise<void> {
  // Deno.serve hands the connection's address to the app as its env.
  const addr = (c.env as { remoteAddr?: { hostname?: string } } | undefined)?.remoteAddr;
  const ip = addr?.hostname ?? "unknown";
  const limits: Limit[] = [
    { scope: "visitor", subject: visitorId, perMinute: config.rateLimitPerMinute },
    { scope: "ip", subject: ip, perMinute: config.ipRateLimitPerMinute },
  ];
  await takeRateToken(c.get("services").kv, channel.id, limits);
}
