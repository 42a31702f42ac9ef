import { hmacSha256Hex, timingSafeEqual } from "../verify.ts";

/** The header Meta signs every webhook with: `sha256=` and the hex HMAC of the raw body. */
export const SIGNATURE_HEADER = "X-Hub-Signature-256";

/**
 * Computes Meta's signature of a body: `sha256=` + hex HMAC-SHA256 keyed with the app secret.
 *
 * @example
 * ```ts
 * const header = await signBody("1222e786b144d0e85b9f365372d93676", new TextEncoder().encode("{}"));
 * ```
 */
export async function signBody(appSecret: string, rawBody: Uint8Array): Promise<string> {
  return `sha256=${await hmacSha256Hex(appSecret, rawBody)}`;
}

/** True when `header` is Meta's signature of exactly these bytes; compared in constant time. */
export async function verifySignature(
  rawBody: Uint8Array,
  header: string | null,
  appSecret: string,
): Promise<boolean> {
  // An empty secret would make anyone's HMAC valid.
  if (!header || !appSecret) return false;
  const expected = await signBody(appSecret, rawBody);
  // Hex digits are case-insensitive; Meta sends lower case, some proxies rewrite.
  return timingSafeEqual(header.trim().toLowerCase(), expected);
}

/**
 * Answers Meta's subscription check (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`):
 * the challenge when the verify token matches, otherwise null.
 */
export function answerHandshake(url: URL, verifyToken: string): string | null {
  const q = url.searchParams;
  const given = q.get("hub.verify_token");
  const challenge = q.get("hub.challenge");
  if (q.get("hub.mode") !== "subscribe" || given === null || challenge === null) return null;
  if (!verifyToken || !timingSafeEqual(given, verifyToken)) return null;
  return challenge;
}
