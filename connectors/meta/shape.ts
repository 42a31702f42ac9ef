import { BadInput } from "../../errors.ts";

/** Drops keys whose value is undefined, so stored records and test expectations stay tidy. */
export function defined<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}

/**
 * An event time as ISO text from Unix seconds (WhatsApp) or milliseconds (Messenger), given as a
 * number or a string; `fallback` when it is missing or not a time.
 */
export function isoTime(
  value: string | number | undefined,
  unit: "s" | "ms",
  fallback: Date,
): string {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) return fallback.toISOString();
  const date = new Date(unit === "s" ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? fallback.toISOString() : date.toISOString();
}

/** Checks the outline every Meta webhook has: a JSON object with an `entry` array. */
export function requireEntries(body: unknown, platform: string): void {
  const entry = typeof body === "object" && body !== null && !Array.isArray(body)
    ? Reflect.get(body, "entry")
    : undefined;
  if (!Array.isArray(entry)) {
    throw new BadInput(`A ${platform} webhook must be a JSON object with an entry array.`);
  }
}

/** Splits text into pieces of at most `max` characters, at a line or word break where there is one. */
export function chunkText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    let at = cut > max / 2 ? cut : max;
    // Never cut an emoji (a surrogate pair) in half.
    if (at === max && /[\uD800-\uDBFF]/.test(rest[at - 1])) at--;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
