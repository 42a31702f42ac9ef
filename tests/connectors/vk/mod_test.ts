import assert from "node:assert/strict";
import { warningsOf } from "../../helpers.ts";
import { randomIdFor } from "../../../connectors/vk/api.ts";
import { startFakeVk } from "../../../connectors/vk/fake.ts";
import { vk } from "../../../connectors/vk/mod.ts";
import {
  bases,
  channel,
  client,
  GROUP_ID,
  outgoing,
  privateMessage,
  SECRET,
  TOKEN,
} from "./samples.ts";

function check(body: unknown, ch = channel) {
  const raw = new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
  return vk.verify({ headers: new Headers(), rawBody: raw }, ch);
}

Deno.test("verify wants the channel's secret in the body, compared in full", async () => {
  assert.equal(await check(privateMessage({ text: "hi" })), true);
  assert.equal(await check(privateMessage({ text: "hi" }, { secret: SECRET.slice(0, -1) })), false);
  assert.equal(await check(privateMessage({ text: "hi" }, { secret: `${SECRET}x` })), false);
  assert.equal(await check(privateMessage({ text: "hi" }, { secret: undefined })), false);
  assert.equal(await check(privateMessage({ text: "hi" }, { group_id: 1 })), false);
  const noSecret = { ...channel, config: { groupId: GROUP_ID, accessToken: TOKEN } };
  assert.equal(await check(privateMessage({ text: "hi" }, { secret: "" }), noSecret), false);
});

Deno.test("a confirmation for our community passes without a secret, another community's does not", async () => {
  assert.equal(await check({ type: "confirmation", group_id: GROUP_ID }), true);
  assert.equal(await check({ type: "confirmation", group_id: String(GROUP_ID) }), true);
  assert.equal(await check({ type: "confirmation", group_id: 1, secret: SECRET }), false);
  assert.equal(await check({ type: "confirmation" }), false);
});

Deno.test("a body that is not JSON is left to the route to refuse as malformed", async () => {
  assert.equal(await check("{oops"), true);
  assert.throws(() => vk.parse([], channel));
});

Deno.test("answer gives the confirmation code to a confirmation and plain ok to the rest", () => {
  assert.deepEqual(vk.answer!({ type: "confirmation", group_id: GROUP_ID }, channel), {
    text: "5e1f0c2a",
  });
  assert.deepEqual(vk.answer!(privateMessage({ text: "hi" }), channel), { text: "ok" });
});

Deno.test("send posts messages.send with a random_id derived from our message id", async () => {
  const fake = startFakeVk();
  try {
    const message = outgoing("Ваш заказ готов", {
      buttons: [{ text: "Pick up", data: "pickup" }, { text: "Deliver", data: "deliver" }],
      attachments: [{ type: "photo", url: "https://cdn.example.com/receipt.png" }],
    });
    const outcome = await vk.send(channel, client, message, bases(fake.url));
    assert.deepEqual(outcome, { ok: true, externalId: "100" });
    const params = fake.calls[0].params;
    assert.equal(params.peer_id, "48213775");
    assert.equal(params.random_id, String(randomIdFor(message.id)));
    assert.equal(params.message, "Ваш заказ готов\nhttps://cdn.example.com/receipt.png");
    assert.deepEqual(JSON.parse(params.keyboard), {
      inline: true,
      buttons: [
        [{ action: { type: "text", label: "Pick up", payload: '"pickup"' } }],
        [{ action: { type: "text", label: "Deliver", payload: '"deliver"' } }],
      ],
    });
    // A retry of the same message is dropped by VK and answered with the first id.
    assert.deepEqual(await vk.send(channel, client, message, bases(fake.url)), outcome);
    assert.equal(fake.sent.length, 1);
  } finally {
    await fake.close();
  }
});

Deno.test("send maps VK's errors inside HTTP 200", async () => {
  const fake = startFakeVk();
  try {
    const send = () => vk.send(channel, client, outgoing("hello"), bases(fake.url));
    fake.failNext("messages.send", "privacy");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "Can't send messages to this user due to their privacy settings",
      clientBlocked: true,
    });
    fake.failNext("messages.send", "tooManyRequests");
    assert.deepEqual(await send(), {
      ok: false,
      retryAfterMs: 1_000,
      reason: "Too many requests per second",
    });
    fake.failNext("messages.send", "auth");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "VK rejected the access token: User authorization failed: invalid access_token (4).",
    });
    fake.failNext("messages.send", "badGateway");
    const gateway = await send();
    assert.ok(!gateway.ok && "retryAfterMs" in gateway);
  } finally {
    await fake.close();
  }
});

Deno.test("send retries when VK is unreachable, and refuses an empty message", async () => {
  const fake = startFakeVk();
  assert.deepEqual(await vk.send(channel, client, outgoing("  "), bases(fake.url)), {
    ok: false,
    reason: "Nothing to send",
  });
  assert.equal(fake.calls.length, 0);
  await fake.close();
  const outcome = await vk.send(channel, client, outgoing("hello"), bases(fake.url));
  assert.ok(!outcome.ok && "retryAfterMs" in outcome);
  assert.ok(!outcome.reason.includes(TOKEN));
});

Deno.test("profile asks users.get for the user's name, screen name and picture", async () => {
  const fake = startFakeVk();
  try {
    fake.addUser({
      id: 48_213_775,
      first_name: "Марта",
      last_name: "Кинтеро",
      screen_name: "marta.q",
      photo_100: "https://sun9-21.userapi.com/s/v1/ig2/marta.jpg?size=100x100",
      sex: 1,
    });
    const details = await vk.profile!(channel, "48213775", bases(fake.url));
    assert.deepEqual(details, {
      name: "Марта Кинтеро",
      username: "marta.q",
      avatarUrl: "https://sun9-21.userapi.com/s/v1/ig2/marta.jpg?size=100x100",
    });
    const [call] = fake.calls;
    assert.equal(call.method, "users.get");
    assert.equal(call.token, TOKEN);
    assert.deepEqual(call.params, {
      user_ids: "48213775",
      fields: "photo_100,screen_name",
      v: "5.199",
    });
    // A closed profile still has a name; the picture and screen name may be missing.
    fake.addUser({ id: 7, first_name: "Ivan", last_name: "", is_closed: true });
    assert.deepEqual(await vk.profile!(channel, "7", bases(fake.url)), { name: "Ivan" });
  } finally {
    await fake.close();
  }
});

Deno.test("profile resolves null for communities, chats, unknown or deleted users, and failures", async () => {
  const fake = startFakeVk();
  const lookup = (id = "48213775") => vk.profile!(channel, id, bases(fake.url));
  const warned = await warningsOf(async () => {
    try {
      assert.equal(await lookup(), null, "an unknown id answers an empty list");
      for (const id of ["-203076503", "2000000001", "0", "abc", ""]) {
        assert.equal(await lookup(id), null, id);
      }
      const broken = { ...channel, config: {} };
      assert.equal(await vk.profile!(broken, "48213775", bases(fake.url)), null);
      assert.equal(fake.calls.length, 1, "only a user's id is looked up");
      fake.addUser({
        id: 48_213_775,
        first_name: "DELETED",
        last_name: "",
        deactivated: "deleted",
      });
      assert.equal(await lookup(), null);
      fake.addUser({ id: 48_213_775, first_name: "Marta", last_name: "Quintero" });
      fake.failNext("users.get", "auth");
      assert.equal(await lookup(), null);
      fake.failNext("users.get", "badGateway");
      assert.equal(await lookup(), null);
      fake.setNext("users.get", { response: { count: 1 } });
      assert.equal(await lookup(), null);
      fake.setNext("users.get", { status: 200, body: "<html>maintenance</html>" });
      assert.equal(await lookup(), null);
      assert.deepEqual(await lookup(), { name: "Marta Quintero" });
    } finally {
      await fake.close();
    }
    assert.equal(await lookup(), null);
  });
  assert.equal(warned.length, 4);
  assert.match(warned[0], /^VK profile of 48213775 on channel ch_vk: User authorization failed/);
  assert.ok(warned.every((w) => !w.includes(TOKEN)));
});
