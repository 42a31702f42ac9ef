import { hmacSha256Hex, timingSafeEqual } from "../verify.ts";

/** How old a Mailgun signature may be before it counts as a replay. */
export const MAILGUN_MAX_AGE_MS = 15 * 60_000;

/** The user name Postmark must put in the inbound webhook URL's basic auth. */
export const POSTMARK_USER = "postmark";

/** The three fields Mailgun signs every webhook with. */
export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

/**
 * Checks Mailgun's signature: HMAC-SHA256(signing key, timestamp + token) as hex, compared in
 * constant time, and the timestamp no further than `maxAgeMs` from `now` (pass `Infinity` to
 * check a recorded test vector).
 *
 * @example
 * ```ts
 * await verifyMailgunSignature(fields, key, { now: Date.now() });
 * ```
 */
export async function verifyMailgunSignature(
  fields: MailgunSignature,
  signingKey: string,
  { now = Date.now(), maxAgeMs = MAILGUN_MAX_AGE_MS }: { now?: number; maxAgeMs?: number } = {},
): Promise<boolean> {
  const seconds = Number(fields.timestamp);
  if (!signingKey || !fields.token || !fields.signature || !Number.isFinite(seconds)) return false;
  if (Math.abs(now - seconds * 1000) > maxAgeMs) return false;
  const signed = new TextEncoder().encode(fields.timestamp + fields.token);
  const hex = await hmacSha256Hex(signingKey, signed);
  return timingSafeEqual(hex, fields.signature.toLowerCase());
}

/**
 * Finds Mailgun's signature fields in a raw webhook body: a route's form post (urlencoded or
 * multipart), or an event webhook's JSON (`signature: {timestamp, token, signature}`).
 */
export async function mailgunSignatureOf(
  rawBody: Uint8Array,
  contentType: string,
): Promise<MailgunSignature | null> {
  let fields: Record<string, unknown> = {};
  try {
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType)) {
      const form = await new Response(rawBody as BodyInit, {
        headers: { "content-type": contentType },
      }).formData();
      for (const name of ["timestamp", "token", "signature"]) fields[name] = form.get(name);
    } else {
      const json: unknown = JSON.parse(new TextDecoder().decode(rawBody));
      if (typeof json !== "object" || json === null) return null;
      const outer = Object.fromEntries(Object.entries(json));
      const inner = outer.signature;
      fields = typeof inner === "object" && inner !== null
        ? Object.fromEntries(Object.entries(inner))
        : outer;
    }
  } catch {
    return null;
  }
  const text = (v: unknown) => typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
  const signature = {
    timestamp: text(fields.timestamp),
    token: text(fields.token),
    signature: text(fields.signature),
  };
  return signature.timestamp && signature.token && signature.signature ? signature : null;
}

/** True when the request carries HTTP basic auth `postmark:<password>`. */
export function verifyPostmarkAuth(headers: Headers, password: string): boolean {
  const given = headers.get("authorization")?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)?.[1];
  if (!given || !password) return false;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(given), (c) => c.charCodeAt(0)));
  } catch {
    return false;
  }
  return timingSafeEqual(decoded, `${POSTMARK_USER}:${password}`);
}
