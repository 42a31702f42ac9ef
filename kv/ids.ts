import { monotonicFactory, type PRNG, ulid } from "ulid";

const pool = new Uint32Array(1024);
let next = pool.length;

/**
 * Cryptographic randomness drawn a kilobyte at a time: the ulid library otherwise asks the
 * system for one byte per character, which shows up on the webhook path.
 */
const pooled: PRNG = () => {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  return pool[next++] / 0x1_0000_0000;
};

/** A new ULID: time-ordered, 80 random bits. */
export function newUlid(): string {
  return ulid(Date.now(), pooled);
}

/** ULIDs strictly increasing within this process, even within one millisecond. */
export function monotonicUlids(): () => string {
  const make = monotonicFactory(pooled);
  return () => make();
}
