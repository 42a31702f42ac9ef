import assert from "node:assert/strict";
import {
  callVk,
  keyboardOf,
  mapSendError,
  randomIdFor,
  sentId,
  VkUnreachable,
} from "../../../connectors/vk/api.ts";
import { startFakeVk } from "../../../connectors/vk/fake.ts";
import { TOKEN } from "./samples.ts";

Deno.test("rate limits are retried: 6 after a second, 9 and 29 after a minute", () => {
  assert.deepEqual(
    mapSendError({ error_code: 6, error_msg: "Too many requests per second" }, 200),
    {
      ok: false,
      retryAfterMs: 1_000,
      reason: "Too many requests per second",
    },
  );
  for (const code of [9, 29]) {
    const outcome = mapSendError({ error_code: code, error_msg: "slow down" }, 200);
    assert.ok(!outcome.ok && "retryAfterMs" in outcome && outcome.retryAfterMs === 60_000);
  }
});

Deno.test("901 and 902 mark the client blocked", () => {
  const msg = "Can't send messages to this user due to their privacy settings";
  assert.deepEqual(mapSendError({ error_code: 902, error_msg: msg }, 200), {
    ok: false,
    reason: msg,
    clientBlocked: true,
  });
  const never = mapSendError({ error_code: 901, error_msg: "Can't send messages" }, 200);
  assert.ok(!never.ok && "clientBlocked" in never && never.clientBlocked);
});

Deno.test("auth errors fail with a reason naming the token; internal errors are retried", () => {
  for (const code of [5, 27, 28]) {
    assert.deepEqual(
      mapSendError({ error_code: code, error_msg: "User authorization failed" }, 200),
      {
        ok: false,
        reason: "VK rejected the access token: User authorization failed",
      },
    );
  }
  const internal = mapSendError({ error_code: 10, error_msg: "Internal server error" }, 200);
  assert.ok(!internal.ok && "retryAfterMs" in internal);
  const gateway = mapSendError({ error_code: 0, error_msg: "HTTP 502" }, 502);
  assert.ok(!gateway.ok && "retryAfterMs" in gateway);
  assert.deepEqual(mapSendError({ error_code: 914 }, 200), { ok: false, reason: "VK error 914" });
});

Deno.test("random_id is stable per message, positive and within 31 bits", () => {
  const a = randomIdFor("01JN0Q8D3V6Z2S9K4T7W1X5Y0A-4");
  assert.equal(a, randomIdFor("01JN0Q8D3V6Z2S9K4T7W1X5Y0A-4"));
  assert.notEqual(a, randomIdFor("01JN0Q8D3V6Z2S9K4T7W1X5Y0A-5"));
  for (let i = 0; i < 500; i++) {
    const id = randomIdFor(`m-${i}`);
    assert.ok(Number.isInteger(id) && id > 0 && id < 2 ** 31, String(id));
  }
});

Deno.test("buttons become an inline keyboard of text buttons with JSON-string payloads", () => {
  assert.equal(keyboardOf([]), undefined);
  assert.deepEqual(JSON.parse(keyboardOf([{ text: "Yes", data: "yes" }])!), {
    inline: true,
    buttons: [[{ action: { type: "text", label: "Yes", payload: '"yes"' } }]],
  });
  const many = Array.from({ length: 12 }, (_, i) => ({ text: `Option ${i}`, data: `o${i}` }));
  const kb = JSON.parse(keyboardOf(many)!);
  assert.equal(kb.buttons.length, 5, "10 buttons at most, two to a row");
  assert.equal(kb.buttons.flat().length, 10);
  const long = JSON.parse(keyboardOf([{ text: "x".repeat(60), data: "d".repeat(400) }])!);
  assert.equal(long.buttons[0][0].action.label.length, 40);
  assert.ok(long.buttons[0][0].action.payload.length <= 255);
});

Deno.test("sentId reads a number, or the per-peer list", () => {
  assert.equal(sentId(5_110), "5110");
  assert.equal(sentId([{ peer_id: 1, message_id: 9, conversation_message_id: 3 }]), "9");
  assert.equal(
    sentId([{ peer_id: 2_000_000_001, message_id: 0, conversation_message_id: 3 }]),
    "2000000001_3",
  );
  assert.equal(sentId(0), null);
  assert.equal(sentId("x"), null);
});

Deno.test("callVk posts a form with the token and version to /method/<name>", async () => {
  const vk = startFakeVk();
  try {
    const reply = await callVk(`${vk.url}/`, TOKEN, "messages.send", {
      peer_id: 48_213_775,
      random_id: 7,
      message: "Ваш заказ готов",
      keyboard: undefined,
    });
    assert.deepEqual(reply, { response: 100, httpStatus: 200 });
    assert.equal(vk.calls[0].method, "messages.send");
    assert.equal(vk.calls[0].token, TOKEN);
    assert.deepEqual(vk.calls[0].params, {
      peer_id: "48213775",
      random_id: "7",
      message: "Ваш заказ готов",
      v: "5.199",
    });
  } finally {
    await vk.close();
  }
});

Deno.test("an error inside HTTP 200 is returned as VK's error", async () => {
  const vk = startFakeVk();
  try {
    vk.rejectToken(TOKEN);
    const reply = await callVk(vk.url, TOKEN, "groups.getById", { group_id: 1 });
    assert.equal(reply.httpStatus, 200);
    assert.equal(reply.error?.error_code, 5);
    assert.equal(reply.error?.error_msg, "User authorization failed: invalid access_token (4).");
  } finally {
    await vk.close();
  }
});

Deno.test("an HTML error page keeps its status; an unreachable API rejects without the token", async () => {
  const vk = startFakeVk();
  vk.failNext("messages.send", "badGateway");
  const reply = await callVk(vk.url, TOKEN, "messages.send", { peer_id: 1, message: "x" });
  assert.equal(reply.httpStatus, 502);
  assert.equal(reply.error?.error_code, 0);
  const url = vk.url;
  await vk.close();
  await assert.rejects(
    () => callVk(url, TOKEN, "groups.getById", {}),
    (err: unknown) => err instanceof VkUnreachable && !err.message.includes(TOKEN),
  );
});
