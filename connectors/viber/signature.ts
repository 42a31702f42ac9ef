import { hmacSha256Hex } from "../verify.ts";

/**
 * Viber's `X-Viber-Content-Signature`: the hex HMAC-SHA256 of the raw body, keyed with the
 * bot's auth token.
 *
 * @example
 * ```ts
 * const signature = await viberSignature(token, new TextEncoder().encode(body));
 * ```
 */
export function viberSignature(authToken: string, raw: Uint8Array): Promise<string> {
  return hmacSha256Hex(authToken, raw);
}
