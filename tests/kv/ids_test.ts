import assert from "node:assert/strict";
import { decodeTime, isValid } from "ulid";
import { monotonicUlids, newUlid } from "../../kv/ids.ts";

Deno.test("new ids are valid ULIDs of this moment, all different", () => {
  const before = Date.now();
  const ids = Array.from({ length: 5_000 }, newUlid);
  assert.ok(ids.every(isValid));
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(decodeTime(ids[0]) >= before && decodeTime(ids.at(-1)!) <= Date.now());
  // The random part spreads over the whole alphabet, not a few pooled values.
  const firstRandomChars = new Set(ids.map((id) => id[10]));
  assert.equal(firstRandomChars.size, 32);
});

Deno.test("monotonic ids strictly increase, also within one millisecond", () => {
  const next = monotonicUlids();
  const ids = Array.from({ length: 5_000 }, next);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], `${ids[i - 1]} < ${ids[i]}`);
});
