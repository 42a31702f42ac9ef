import type { Channel } from "../../kv/records.ts";
import { timingSafeEqual } from "../verify.ts";

/** The header carrying the visitor token the widget keeps in the host page's localStorage. */
export const VISITOR_HEADER = "X-Switchboard-Visitor";
/** The cookie (on our origin) carrying the same token. */
export const VISITOR_COOKIE = "sb_visitor";

const ID_RE = /^[0-9a-f]{32}$/;
const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(secret, key);
  }
  return key;
}

async function sign(channel: Channel, visitorId: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(channel.webhookSecret),
    encoder.encode(`widget-visitor:${channel.id}:${visitorId}`),
  );
  return btoa(String.fromCharCode(...new Uint8Array(mac)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * A new visitor: a random id (the client's `platformId`) and the token that proves it. The
 * token is the id signed with the channel's secret, so knowing a visitor's id (employees see it
 * in the inbox) is not enough to read their chat.
 */
export async function mintVisitor(channel: Channel): Promise<{ id: string; token: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return { id, token: `${id}.${await sign(channel, id)}` };
}

/** The visitor id a token names, or null when it is not one this channel signed. */
export async function readVisitor(
  channel: Channel,
  token: string | null | undefined,
): Promise<string | null> {
  if (!token || token.length > 200 || !channel.webhookSecret) return null;
  const [id, mac, ...rest] = token.trim().split(".");
  if (rest.length > 0 || !ID_RE.test(id ?? "") || !mac) return null;
  return timingSafeEqual(mac, await sign(channel, id)) ? id : null;
}

/** The name an anonymous visitor gets in the inbox. */
export function visitorName(visitorId: string): string {
  return `Website visitor ${visitorId.slice(0, 4).toUpperCase()}`;
}
