import assert from "node:assert/strict";
import { mintVisitor, readVisitor, visitorName } from "../../../connectors/widget/visitor.ts";
import type { Channel } from "../../../kv/records.ts";

const channel: Channel = {
  id: "01J0000000000000000000000A",
  type: "widget",
  name: "Website",
  config: {},
  webhookSecret: "c2f1e0d9b8a7",
  info: {},
  createdAt: "2025-03-01T12:00:00.000Z",
};

Deno.test("a minted visitor token reads back to its id, on its channel only", async () => {
  const v = await mintVisitor(channel);
  assert.match(v.id, /^[0-9a-f]{32}$/);
  assert.equal(await readVisitor(channel, v.token), v.id);
  assert.equal(await readVisitor({ ...channel, id: "01J0000000000000000000000B" }, v.token), null);
  assert.equal(await readVisitor({ ...channel, webhookSecret: "other" }, v.token), null);
  assert.notEqual((await mintVisitor(channel)).id, v.id);
});

Deno.test("a forged or malformed token names no visitor", async () => {
  const v = await mintVisitor(channel);
  const [id, mac] = v.token.split(".");
  for (
    const bad of [
      id,
      `${id}.`,
      `${id}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`,
      `${id}.${mac.slice(0, -1)}`,
      `${"0".repeat(32)}.${mac}`,
      `${v.token}.x`,
      "",
      null,
      undefined,
      "x".repeat(500),
    ]
  ) assert.equal(await readVisitor(channel, bad), null, String(bad));
  assert.equal(await readVisitor({ ...channel, webhookSecret: "" }, v.token), null);
});

Deno.test("an anonymous visitor gets a short readable name", () => {
  assert.equal(visitorName("3f9a0000000000000000000000000000"), "Website visitor 3F9A");
});
