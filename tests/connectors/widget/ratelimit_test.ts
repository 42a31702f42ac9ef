import assert from "node:assert/strict";
import { RateLimited, secondsLeft, takeRateToken } from "../../../connectors/widget/ratelimit.ts";

const T0 = Date.UTC(2025, 2, 1, 12, 0, 10);

Deno.test("a visitor gets N messages a minute, then RateLimited until the minute ends", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const limits = [{ scope: "visitor" as const, subject: "v1", perMinute: 3 }];
    for (let i = 0; i < 3; i++) await takeRateToken(kv, "ch", limits, T0 + i);
    await assert.rejects(
      () => takeRateToken(kv, "ch", limits, T0 + 5),
      (e: unknown) => e instanceof RateLimited && e.status === 429 && e.retryAfterSec === 50,
    );
    // Refused requests do not count; the next minute starts afresh.
    await takeRateToken(kv, "ch", limits, T0 + 60_000);
    // Other visitors and other channels have their own counters.
    await takeRateToken(kv, "ch", [{ ...limits[0], subject: "v2" }], T0);
    await takeRateToken(kv, "other", limits, T0);
  } finally {
    kv.close();
  }
});

Deno.test("a request over any of its limits counts against none", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const ip = { scope: "ip" as const, subject: "203.0.113.9", perMinute: 2 };
    await takeRateToken(kv, "ch", [{ scope: "visitor", subject: "a", perMinute: 5 }, ip], T0);
    await takeRateToken(kv, "ch", [{ scope: "visitor", subject: "b", perMinute: 5 }, ip], T0);
    await assert.rejects(
      () => takeRateToken(kv, "ch", [{ scope: "visitor", subject: "c", perMinute: 5 }, ip], T0),
      (e: unknown) => e instanceof RateLimited && /network/.test(e.message),
    );
    const c = await kv.get(["widget_rate", "ch", "visitor", "c", Math.floor(T0 / 60_000)]);
    assert.equal(c.value, null);
  } finally {
    kv.close();
  }
});

Deno.test("concurrent requests never exceed the limit", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const limits = [{ scope: "visitor" as const, subject: "v", perMinute: 5 }];
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => takeRateToken(kv, "ch", limits, T0)),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 5);
  } finally {
    kv.close();
  }
});

Deno.test("Retry-After counts the seconds to the end of the minute", () => {
  assert.equal(secondsLeft(T0), 50);
  assert.equal(secondsLeft(T0 - 10_000), 60);
  assert.equal(secondsLeft(T0 + 49_999), 1);
});
