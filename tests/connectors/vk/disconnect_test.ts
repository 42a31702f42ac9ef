import assert from "node:assert/strict";
import type { Channel } from "../../../kv/records.ts";
import { type FakeVk, startFakeVk } from "../../../connectors/vk/fake.ts";
import { vk } from "../../../connectors/vk/mod.ts";
import { bases, channel, GROUP_ID, TOKEN } from "./samples.ts";

const WEBHOOK = "https://inbox.example.com/webhooks/vk/ch_vk";
const UNREACHABLE = "http://127.0.0.1:9";

/** Connects the channel through the fake, which adds our callback server automatically. */
async function connected(fake: FakeVk): Promise<Channel> {
  const { config, info } = await vk.connect({
    config: { groupId: GROUP_ID, accessToken: TOKEN },
    webhookUrl: WEBHOOK,
    secret: "ab".repeat(32),
    api: bases(fake.url),
  });
  return { ...channel, config, info };
}

Deno.test("disconnect deletes the callback server connect added", async () => {
  const fake = startFakeVk();
  try {
    const ch = await connected(fake);
    assert.equal(ch.config.callbackServerId, 1);
    assert.deepEqual(fake.servers.map((s) => s.url), [WEBHOOK]);
    const before = fake.calls.length;
    assert.deepEqual(await vk.disconnect!(ch, bases(fake.url)), { ok: true });
    assert.deepEqual(fake.calls.slice(before).map((c) => [c.method, c.token, c.params]), [
      [
        "groups.deleteCallbackServer",
        TOKEN,
        { group_id: String(GROUP_ID), server_id: "1", v: "5.199" },
      ],
    ]);
    assert.deepEqual(fake.servers, []);
  } finally {
    await fake.close();
  }
});

Deno.test("disconnect finds the server id in the channel's info when the config lacks it", async () => {
  const fake = startFakeVk();
  try {
    const ch = await connected(fake);
    const { callbackServerId: _, ...config } = ch.config;
    assert.deepEqual(await vk.disconnect!({ ...ch, config }, bases(fake.url)), { ok: true });
    assert.equal(fake.calls.at(-1)?.params.server_id, "1");
    assert.deepEqual(fake.servers, []);
  } finally {
    await fake.close();
  }
});

Deno.test("a channel set up by hand is left for the admin to remove, without calling VK", async () => {
  const fake = startFakeVk();
  try {
    fake.denyCallbackSetup();
    const { config, info } = await vk.connect({
      config: { groupId: GROUP_ID, accessToken: TOKEN, confirmationCode: "a1b2c3d4" },
      webhookUrl: WEBHOOK,
      secret: "ab".repeat(32),
      api: bases(fake.url),
    });
    assert.equal(info.setup, "manual");
    const before = fake.calls.length;
    for (const ch of [{ ...channel, config, info }, channel]) {
      const outcome = await vk.disconnect!(ch, bases(fake.url));
      assert.ok(!outcome.ok);
      assert.match(outcome.reason, /remove the callback server in the community's settings/);
      assert.match(outcome.reason, new RegExp(String(GROUP_ID)));
    }
    assert.equal(fake.calls.length, before);
  } finally {
    await fake.close();
  }
});

Deno.test("disconnect reports VK's errors and keeps the server", async () => {
  const fake = startFakeVk();
  try {
    const ch = await connected(fake);
    fake.failNext("groups.deleteCallbackServer", "internal");
    assert.deepEqual(await vk.disconnect!(ch, bases(fake.url)), {
      ok: false,
      reason: `VK did not delete callback server 1 of community ${GROUP_ID}: Internal server error`,
    });
    fake.failNext("groups.deleteCallbackServer", "badGateway");
    assert.deepEqual(await vk.disconnect!(ch, bases(fake.url)), {
      ok: false,
      reason: `VK did not delete callback server 1 of community ${GROUP_ID}: HTTP 502 Bad Gateway`,
    });
    assert.equal(fake.servers.length, 1);

    const unknown = { ...ch, config: { ...ch.config, callbackServerId: 42 } };
    assert.deepEqual(await vk.disconnect!(unknown, bases(fake.url)), {
      ok: false,
      reason: `VK did not delete callback server 42 of community ${GROUP_ID}: Not found ` +
        "(it may have been removed already)",
    });

    fake.denyCallbackSetup();
    const denied = await vk.disconnect!(ch, bases(fake.url));
    assert.ok(!denied.ok && /Access denied/.test(denied.reason));
    fake.rejectToken(TOKEN);
    const rejected = await vk.disconnect!(ch, bases(fake.url));
    assert.ok(!rejected.ok && /User authorization failed/.test(rejected.reason));
    assert.ok(!rejected.reason.includes(TOKEN));
    assert.equal(fake.servers.length, 1);
  } finally {
    await fake.close();
  }
});

Deno.test("disconnect from an unreachable VK resolves with a reason, never the token", async () => {
  const fake = startFakeVk();
  const ch = await connected(fake);
  await fake.close();
  // A blocked port, and a port where nothing listens any more.
  for (const base of [UNREACHABLE, fake.url]) {
    const outcome = await vk.disconnect!(ch, bases(base));
    assert.ok(!outcome.ok);
    const prefix = `Could not reach VK at ${base}: `;
    assert.ok(outcome.reason.startsWith(prefix), outcome.reason);
    assert.ok(outcome.reason.length > prefix.length, outcome.reason);
    assert.ok(!outcome.reason.includes(TOKEN), outcome.reason);
  }
});

Deno.test("disconnect with broken settings calls nothing", async () => {
  const fake = startFakeVk();
  try {
    for (const config of [{}, { groupId: "club1", accessToken: TOKEN, callbackServerId: 1 }]) {
      assert.deepEqual(await vk.disconnect!({ ...channel, config }, bases(fake.url)), {
        ok: false,
        reason: "The channel has no valid VK settings",
      });
    }
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.close();
  }
});
