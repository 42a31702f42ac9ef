import assert from "node:assert/strict";
import { entryFor, stepsFrom } from "../../../actors/flow/engine.ts";
import { BotFlow } from "../../../kv/records.ts";

const flow = BotFlow.parse({
  id: "F",
  name: "Shop",
  startBlock: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  blocks: [
    { number: 1, text: "Hello!", next: 2 },
    {
      number: 2,
      text: "What do you need?",
      buttons: [{ text: "Prices", next: 3 }, { text: "Human" }],
    },
    { number: 3, text: "From 10 €", keywords: ["price", "how much"], next: 4 },
    { number: 4, text: "Still there?", delaySec: 3600, next: 5 },
    { number: 5, text: "Your name?", waitForReply: true, next: 6 },
    { number: 6, text: "Thanks!", type: "end", next: 1 },
    { number: 7, text: "Loop A", next: 8 },
    { number: 8, text: "Loop B", next: 7 },
  ],
});

Deno.test("a client new to the flow enters the start block, whatever they write", () => {
  assert.equal(entryFor(flow, { kind: "text", text: "/start" }), 1);
  assert.equal(entryFor(flow, { kind: "text", text: "" }), 1);
});

Deno.test("keywords match whole words anywhere in the flow, case and spacing aside", () => {
  assert.equal(entryFor(flow, { kind: "text", text: "What's the PRICE?" }, 6), 3);
  assert.equal(entryFor(flow, { kind: "text", text: "how   much is it" }, 2), 3);
  assert.equal(entryFor(flow, { kind: "text", text: "priceless" }, 6), null, "not inside a word");
});

Deno.test("a pressed button leads to its block; typing a button's label counts as pressing it", () => {
  assert.equal(entryFor(flow, { kind: "button", data: "block:3" }, 2), 3);
  assert.equal(entryFor(flow, { kind: "text", text: "prices" }, 2), 3);
  assert.equal(entryFor(flow, { kind: "button", data: "block:99" }, 2), null, "no such block");
  assert.equal(
    entryFor(flow, { kind: "text", text: "hmm" }, 2),
    null,
    "free text under buttons waits",
  );
});

Deno.test("an answer to a block that waits for one goes on to its next block", () => {
  assert.equal(entryFor(flow, { kind: "text", text: "Ada" }, 5), 6);
  assert.equal(
    entryFor(flow, { kind: "text", text: "ok" }, 6),
    null,
    "an end block does not go on",
  );
});

Deno.test("steps run on until a block waits, is delayed, or ends", () => {
  assert.deepEqual(stepsFrom(flow, 1).map((s) => [s.block.number, s.delaySec]), [[1, 0], [2, 0]]);
  assert.deepEqual(stepsFrom(flow, 3).map((s) => [s.block.number, s.delaySec]), [[3, 0], [
    4,
    3600,
  ]]);
  assert.deepEqual(stepsFrom(flow, 4, true).map((s) => [s.block.number, s.delaySec]), [[4, 0], [
    5,
    0,
  ]]);
  assert.deepEqual(stepsFrom(flow, 6).map((s) => s.block.number), [6]);
});

Deno.test("a flow that loops on itself sends each block once instead of running away", () => {
  assert.deepEqual(stepsFrom(flow, 7).map((s) => s.block.number), [7, 8]);
});
