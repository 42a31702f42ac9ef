import { AppError } from "../../errors.ts";
import { keys } from "../../kv/keys.ts";

/** Too many messages: the answer carries `Retry-After`. */
export class RateLimited extends AppError {
  constructor(readonly retryAfterSec: number, message: string) {
    super(429, "rate_limited", message);
  }
}

/** One counter a request must fit under. */
export interface Limit {
  scope: "visitor" | "ip";
  subject: string;
  perMinute: number;
}

const WINDOW_MS = 60_000;
const MAX_TRIES = 20;

/** Seconds until the window `now` falls in ends (at least 1). */
export function secondsLeft(now: number): number {
  return Math.max(1, Math.ceil((WINDOW_MS - (now % WINDOW_MS)) / 1000));
}

/**
 * Counts one request against every limit, in fixed one-minute windows kept in KV so that all
 * instances share them. A request over any limit counts against none and throws RateLimited.
 */
export async function takeRateToken(
  kv: Deno.Kv,
  channelId: string,
  limits: Limit[],
  now = Date.now(),
): Promise<void> {
  const minute = Math.floor(now / WINDOW_MS);
  const counters = limits.map((l) => keys.widgetRate(channelId, l.scope, l.subject, minute));
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const entries = await kv.getMany<number[]>(counters);
    const over = limits.findIndex((l, i) => (entries[i].value ?? 0) >= l.perMinute);
    if (over >= 0) {
      const who = limits[over].scope === "ip" ? "from this network" : "from you";
      throw new RateLimited(
        secondsLeft(now),
        `Too many messages ${who} this minute; try again in ${secondsLeft(now)} s.`,
      );
    }
    const op = kv.atomic();
    entries.forEach((e, i) => {
      op.check(e).set(counters[i], (e.value ?? 0) + 1, { expireIn: 2 * WINDOW_MS });
    });
    if ((await op.commit()).ok) return;
  }
  throw new RateLimited(1, "The chat is busy; try again in a moment.");
}
