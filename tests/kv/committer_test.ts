import assert from "node:assert/strict";
import { type CommitPlan, Committer } from "../../kv/committer.ts";
import { EventLog } from "../../kv/events.ts";
import type { DialogEvent } from "../../kv/records.ts";

function plan(
  key: string,
  vs: string | null,
  value: unknown,
  events: DialogEvent[] = [],
): CommitPlan {
  return {
    checks: [{ key: ["t", key], versionstamp: vs }],
    sets: [{ key: ["t", key], value }],
    deletes: [],
    events,
  };
}

function event(clientId: string, seq: number): DialogEvent {
  return { type: "client.updated", clientId, seq, at: new Date().toISOString() };
}

Deno.test("plans that arrive together commit in one operation and all succeed", async () => {
  const kv = await Deno.openKv(":memory:");
  const committer = new Committer(kv);
  const results = await Promise.all(
    Array.from(
      { length: 200 },
      (_, i) => committer.commit(plan(`k${i}`, null, i, [event(`c${i}`, 1)])),
    ),
  );
  assert.ok(results.every((r) => r.ok));
  const stamps = new Set(results.map((r) => r.ok && r.versionstamp));
  assert.ok(stamps.size < 200, `expected grouping, got ${stamps.size} commits for 200 plans`);
  for (let i = 0; i < 200; i++) assert.equal((await kv.get(["t", `k${i}`])).value, i);
  kv.close();
});

Deno.test("a stale plan fails alone; the rest of its batch commits", async () => {
  const kv = await Deno.openKv(":memory:");
  await kv.set(["t", "taken"], "old");
  const committer = new Committer(kv);
  const [a, stale, b] = await Promise.all([
    committer.commit(plan("a", null, 1)),
    committer.commit(plan("taken", null, "new")),
    committer.commit(plan("b", null, 2)),
  ]);
  assert.equal(a.ok, true);
  assert.equal(stale.ok, false);
  assert.equal(b.ok, true);
  assert.equal((await kv.get(["t", "taken"])).value, "old");
  kv.close();
});

Deno.test("two plans checking the same key in one batch: the second is told to retry", async () => {
  const kv = await Deno.openKv(":memory:");
  const committer = new Committer(kv);
  const results = await Promise.all([
    committer.commit(plan("x", null, "first")),
    committer.commit(plan("x", null, "second")),
  ]);
  assert.deepEqual(results.map((r) => r.ok), [true, false]);
  assert.equal((await kv.get(["t", "x"])).value, "first");
  kv.close();
});

Deno.test("the event log replays in commit order and resumes after any cursor with no gap or repeat", async () => {
  const kv = await Deno.openKv(":memory:");
  const committer = new Committer(kv);
  const log = new EventLog(kv, 250);
  const start = await log.head();
  await Promise.all(
    Array.from(
      { length: 60 },
      (_, i) => committer.commit(plan(`k${i}`, null, i, [event(`c${i % 7}`, i)])),
    ),
  );
  const all = await log.readAfter(start);
  assert.equal(all.length, 60);
  assert.deepEqual(new Set(all.map((e) => e.event.seq)).size, 60);
  for (const cut of [0, 1, 17, 59]) {
    const rest = await log.readAfter({
      vs: all[cut].sseId.slice(0, 20),
      id: all[cut].sseId.slice(21),
    });
    assert.deepEqual(rest.map((e) => e.sseId), all.slice(cut + 1).map((e) => e.sseId));
  }
  assert.deepEqual(await log.readAfter(await log.head()), []);
  kv.close();
});
