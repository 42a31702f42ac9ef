/**
 * The exact top-level `message_token` in a raw Viber body, as digits. JSON.parse rounds tokens
 * past 2^53, so they are read from the text; when the parsed value is given, only a number that
 * rounds to it counts, so a token quoted inside a user's text can never be picked.
 *
 * @example
 * ```ts
 * exactToken('{"event":"seen","message_token":5466297467809468529}'); // "5466297467809468529"
 * ```
 */
export function exactToken(raw: string, parsed?: unknown): string | undefined {
  for (const match of raw.matchAll(/"message_token"\s*:\s*"?(\d+)/g)) {
    const digits = match[1];
    if (parsed === undefined || Number(digits) === Number(parsed)) return digits;
  }
  return undefined;
}

/** A token as parsed JSON gives it, in digits: exact below 2^53, the nearest double above. */
export function tokenDigits(token: number | string | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (typeof token === "string") return token;
  return Number.isSafeInteger(token) || !Number.isInteger(token)
    ? String(token)
    : BigInt(token).toString();
}
