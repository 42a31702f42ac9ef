const encoder = new TextEncoder();

/**
 * Viber's `X-Viber-Content-Signature`: the hex HMAC-SHA256 of the raw body, keyed with the
 * bot's auth token.
 *
 * @example
 * ```ts
 * const signature = await viberSignature(token, new TextEncoder().encode(body));
 * ```
 */
export async function viberSignature(authToken: string, raw: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(authToken),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, raw as BufferSource));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
