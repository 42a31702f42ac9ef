import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { buttonData } from "../../../connectors/vk/parse.ts";
import { NOW, parse, privateMessage, profile } from "./samples.ts";

Deno.test("a keyboard button's payload becomes a button press; VK's Start button is a message", () => {
  const [press] = parse(privateMessage({ text: "Yes", payload: '"yes-order-4471"' }));
  assert.deepEqual(press, {
    kind: "button",
    updateKey: "evt-5102",
    profile,
    at: "2025-03-01T12:00:00.000Z",
    data: "yes-order-4471",
  });
  const [start] = parse(privateMessage({ text: "Start", payload: '{"command":"start"}' }));
  assert.equal(start.kind, "message");
  assert.equal(buttonData('{"button":"1"}'), '{"button":"1"}');
  assert.equal(buttonData("not json"), "not json");
  assert.equal(buttonData(""), null);
});

Deno.test("a callback button press (message_event) carries its payload", () => {
  const [item] = parse({
    type: "message_event",
    object: {
      user_id: 48_213_775,
      peer_id: 48_213_775,
      event_id: "1263a33e9e57",
      payload: { order: 4471, action: "cancel" },
      conversation_message_id: 101,
    },
    group_id: 203_076_503,
  });
  assert.deepEqual(item, {
    kind: "button",
    updateKey: "message_event:1263a33e9e57",
    profile,
    at: NOW.toISOString(),
    data: '{"order":4471,"action":"cancel"}',
  });
});

Deno.test("an edit becomes edited with the same external id and its own key", () => {
  const edit = {
    type: "message_edit",
    object: {
      date: 1_740_830_400,
      update_time: 1_740_830_460,
      from_id: 48_213_775,
      id: 5_102,
      out: 0,
      peer_id: 48_213_775,
      text: "Is the red kettle in stock?",
      conversation_message_id: 311,
    },
    group_id: 203_076_503,
  };
  const [item] = parse(edit);
  assert.deepEqual(item, {
    kind: "edited",
    updateKey: "message_edit:5102:1740830460",
    externalId: "5102",
    profile,
    at: "2025-03-01T12:01:00.000Z",
    text: "Is the red kettle in stock?",
    attachments: [],
  });
  assert.deepEqual(parse({ ...edit, object: { ...edit.object, out: 1 } }), []);
});

Deno.test("message_deny and message_allow block and unblock", () => {
  const [deny] = parse({
    type: "message_deny",
    object: { user_id: 48_213_775 },
    group_id: 203_076_503,
    event_id: "e1",
  });
  assert.deepEqual(deny, {
    kind: "botBlocked",
    updateKey: "e1",
    profile,
    at: NOW.toISOString(),
    blocked: true,
  });
  const [allow] = parse({
    type: "message_allow",
    object: { user_id: 48_213_775, key: "promo" },
    group_id: 203_076_503,
  });
  assert.ok(allow.kind === "botBlocked" && allow.blocked === false);
  assert.equal(allow.updateKey, "message_allow:48213775");
});

Deno.test("message_read is a read receipt for our messages up to the one it names", () => {
  const [item] = parse({
    type: "message_read",
    object: { from_id: 48_213_775, peer_id: 48_213_775, read_message_id: 5_110 },
    group_id: 203_076_503,
  });
  assert.deepEqual(item, {
    kind: "receiptsUpTo",
    updateKey: "message_read:48213775:5110",
    profile,
    at: NOW.toISOString(),
    status: "read",
    upToId: "5110",
  });
});

Deno.test("confirmation, typing, replies and other events give nothing", () => {
  for (
    const body of [
      { type: "confirmation", group_id: 203_076_503 },
      {
        type: "message_typing_state",
        object: { state: "typing", from_id: 1, to_id: -203_076_503 },
      },
      { type: "message_reply", object: { id: 9, out: 1, peer_id: 1, text: "ours" } },
      { type: "wall_post_new", object: { id: 1 } },
      { type: "group_join", object: { user_id: 1, join_type: "join" } },
    ]
  ) {
    assert.deepEqual(parse(body), [], body.type);
  }
});

Deno.test("a body that is not a VK callback is BadInput", () => {
  for (const body of [null, [], "ok", 5, {}, { type: 5 }, { type: "" }]) {
    assert.throws(() => parse(body), BadInput, JSON.stringify(body));
  }
  assert.throws(
    () => parse({ type: "message_new", object: { message: { id: 1, text: "no sender" } } }),
    (err: unknown) => err instanceof BadInput && /from_id or peer_id/.test(err.message),
  );
  assert.throws(
    () => parse({ type: "message_deny", object: {} }),
    (err: unknown) => err instanceof BadInput && /object\.user_id/.test(err.message),
  );
});

Deno.test("numeric strings and garbled dates are tolerated", () => {
  const [item] = parse({
    type: "message_new",
    object: { message: { id: "77", date: 99_999_999_999_999, from_id: "42", text: "x" } },
  });
  assert.ok(item.kind === "message");
  assert.equal(item.externalId, "77");
  assert.equal(item.profile.platformId, "42");
  assert.equal(item.at, NOW.toISOString());
});
