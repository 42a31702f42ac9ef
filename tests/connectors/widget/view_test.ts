import assert from "node:assert/strict";
import { toVisitorEvent, toVisitorMessage } from "../../../connectors/widget/view.ts";
import type { DialogEvent, Message } from "../../../kv/records.ts";

const base: Message = {
  id: "01J00000000000000000000CL1-4",
  clientId: "01J00000000000000000000CL1",
  seq: 4,
  direction: "out",
  author: { kind: "employee", id: "01J000000000000000000EMP01", name: "Maya" },
  text: "Hello!",
  attachments: [],
  createdAt: "2025-03-01T12:00:00.000Z",
  status: "sent",
  attempts: 1,
  leaseUntil: 123,
  externalId: "01J00000000000000000000CL1-4",
};

Deno.test("a reply shows the employee's name and nothing internal", () => {
  const view = toVisitorMessage(base)!;
  assert.deepEqual(view, {
    id: base.id,
    seq: 4,
    direction: "out",
    author: { kind: "employee", name: "Maya" },
    text: "Hello!",
    attachments: [],
    createdAt: base.createdAt,
    status: "sent",
  });
});

Deno.test("scheduled, failed and internal messages stay hidden from the visitor", () => {
  assert.equal(toVisitorMessage({ ...base, status: "scheduled", sendAt: base.createdAt }), null);
  assert.equal(toVisitorMessage({ ...base, status: "failed", error: "x" }), null);
  assert.equal(
    toVisitorMessage({
      ...base,
      direction: "system",
      author: { kind: "system" },
      notice: { kind: "bot_paused" },
    }),
    null,
  );
  assert.equal(
    toVisitorMessage({ ...base, direction: "in", author: { kind: "client" }, unsentAt: "x" }),
    null,
  );
});

Deno.test("a bot message keeps its buttons; a press shows as the visitor's", () => {
  const bot = toVisitorMessage({
    ...base,
    author: { kind: "bot" },
    blockNumber: 2,
    buttons: [{ text: "Yes", data: "block:3" }],
  })!;
  assert.deepEqual(bot.author, { kind: "bot" });
  assert.deepEqual(bot.buttons, [{ text: "Yes", data: "block:3" }]);
  const press = toVisitorMessage({
    ...base,
    direction: "system",
    author: { kind: "client" },
    text: "Pressed a button (to block 3).",
    notice: { kind: "button", data: "block:3" },
  })!;
  assert.equal(press.direction, "in");
  assert.equal(press.pressed, "block:3");
  assert.equal(press.text, "");
});

Deno.test("the visitor's own message carries its ref and its file's public fields", () => {
  const view = toVisitorMessage({
    ...base,
    direction: "in",
    author: { kind: "client" },
    status: undefined,
    externalId: "ref_12345678",
    attachments: [{
      type: "photo",
      url: "https://inbox.example/widget/ch/files/b",
      fileId: "internal",
      mimeType: "image/png",
      size: 10,
    }],
  })!;
  assert.equal(view.ref, "ref_12345678");
  assert.deepEqual(view.attachments, [{
    type: "photo",
    url: "https://inbox.example/widget/ch/files/b",
    mimeType: "image/png",
    size: 10,
  }]);
});

Deno.test("events: messages pass, a failed reply is taken back, client changes stay inside", () => {
  const at = base.createdAt;
  const ev = (e: Partial<DialogEvent>): DialogEvent => ({
    type: "message.created",
    clientId: base.clientId,
    seq: 4,
    at,
    ...e,
  });
  assert.equal(toVisitorEvent(ev({ message: base }))?.event, "message");
  assert.deepEqual(
    toVisitorEvent(ev({ type: "message.updated", message: { ...base, status: "failed" } })),
    { event: "message.removed", data: { id: base.id } },
  );
  assert.equal(toVisitorEvent(ev({ type: "client.updated" })), null);
  assert.equal(toVisitorEvent(ev({ type: "message.deleted", message: base })), null);
});
