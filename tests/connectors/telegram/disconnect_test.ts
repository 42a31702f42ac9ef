import assert from "node:assert/strict";
import type { Channel } from "../../../kv/records.ts";
import { callTelegram } from "../../../connectors/telegram/api.ts";
import { type FakeTelegram, startFakeTelegram } from "../../../connectors/telegram/fake.ts";
import { telegram } from "../../../connectors/telegram/mod.ts";
import { bases, channel, SECRET, TOKEN, WEBHOOK } from "./samples.ts";

const UNREACHABLE = "http://127.0.0.1:9";

/** Connects the channel through the fake, so it holds our webhook as Telegram would. */
async function connected(tg: FakeTelegram): Promise<Channel> {
  const { config, info } = await telegram.connect({
    config: { token: TOKEN },
    webhookUrl: WEBHOOK,
    secret: SECRET,
    api: bases(tg.url),
  });
  return { ...channel, config, info };
}

/** The webhook Telegram has for the bot, as getWebhookInfo reports it ("" for none). */
async function webhookOf(tg: FakeTelegram): Promise<unknown> {
  const info = await callTelegram(tg.url, TOKEN, "getWebhookInfo", {});
  return (info.result as { url?: unknown }).url;
}

Deno.test("disconnect deletes the webhook at Telegram with the channel's token", async () => {
  const tg = startFakeTelegram();
  try {
    const ch = await connected(tg);
    assert.equal(await webhookOf(tg), WEBHOOK);
    assert.deepEqual(await telegram.disconnect!(ch, bases(tg.url)), { ok: true });
    const call = tg.calls.find((c) => c.method === "deleteWebhook");
    assert.equal(call?.token, TOKEN);
    assert.deepEqual(call?.params, {});
    assert.equal(await webhookOf(tg), "");
    // Deleting again is no error at Telegram either.
    assert.deepEqual(await telegram.disconnect!(ch, bases(tg.url)), { ok: true });
  } finally {
    await tg.close();
  }
});

Deno.test("disconnect reports Telegram's refusal and leaves the webhook in place", async () => {
  const tg = startFakeTelegram();
  try {
    const ch = await connected(tg);
    tg.failNext("deleteWebhook", "serverError");
    assert.deepEqual(await telegram.disconnect!(ch, bases(tg.url)), {
      ok: false,
      reason: "Telegram did not delete the webhook: Internal Server Error",
    });
    tg.failNext("deleteWebhook", "badGateway");
    assert.deepEqual(await telegram.disconnect!(ch, bases(tg.url)), {
      ok: false,
      reason: "Telegram did not delete the webhook: HTTP 502 Bad Gateway",
    });
    assert.equal(await webhookOf(tg), WEBHOOK);
    tg.rejectToken(TOKEN);
    assert.deepEqual(await telegram.disconnect!(ch, bases(tg.url)), {
      ok: false,
      reason: "Telegram did not delete the webhook: Unauthorized",
    });
  } finally {
    await tg.close();
  }
});

Deno.test("disconnect never puts the token in its reason", async () => {
  const tg = startFakeTelegram();
  try {
    tg.setNext("deleteWebhook", {
      ok: false,
      error_code: 400,
      description: `Bad Request: no bot ${TOKEN}`,
    });
    assert.deepEqual(await telegram.disconnect!(channel, bases(tg.url)), {
      ok: false,
      reason: "Telegram did not delete the webhook: Bad Request: no bot <token>",
    });
  } finally {
    await tg.close();
  }
  // A blocked port, and a port where nothing listens any more.
  for (const base of [UNREACHABLE, tg.url]) {
    const unreachable = await telegram.disconnect!(channel, bases(base));
    assert.ok(!unreachable.ok);
    const prefix = `Could not reach Telegram at ${base}: `;
    assert.ok(unreachable.reason.startsWith(prefix), unreachable.reason);
    assert.ok(unreachable.reason.length > prefix.length, unreachable.reason);
    assert.ok(!unreachable.reason.includes(TOKEN.split(":")[1]), unreachable.reason);
  }
});

Deno.test("disconnect without a valid token calls nothing", async () => {
  const tg = startFakeTelegram();
  try {
    for (const config of [{}, { token: "not a token" }, { token: 5 }]) {
      assert.deepEqual(await telegram.disconnect!({ ...channel, config }, bases(tg.url)), {
        ok: false,
        reason: "The channel has no valid Telegram token",
      });
    }
    assert.equal(tg.calls.length, 0);
  } finally {
    await tg.close();
  }
});
