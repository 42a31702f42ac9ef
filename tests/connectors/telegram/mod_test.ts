import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import type { Message } from "../../../kv/records.ts";
import { startFakeTelegram } from "../../../connectors/telegram/fake.ts";
import { telegram } from "../../../connectors/telegram/mod.ts";
import { sampleClient, sampleOutgoing } from "../records.ts";
import { bases, channel, SECRET, TOKEN, WEBHOOK } from "./samples.ts";

const client = sampleClient({
  id: "cl_01",
  channelId: "ch_01",
  channelType: "telegram",
  chatId: "731552104",
  name: "Marta Quintero",
});

function outgoing(text: string): Message {
  return sampleOutgoing({ id: "msg_01", clientId: "cl_01", text });
}

Deno.test("connect checks the token with getMe, then sets the webhook with the secret", async () => {
  const tg = startFakeTelegram();
  try {
    const result = await telegram.connect({
      config: { token: TOKEN, extra: "ignored" },
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(tg.url),
    });
    assert.deepEqual(result, {
      config: { token: TOKEN },
      info: { botId: "7012345678", username: "fake_bot", firstName: "Fake bot" },
    });
    assert.deepEqual(tg.calls.map((c) => c.method), ["getMe", "setWebhook"]);
    assert.deepEqual(tg.calls[1].params, {
      url: WEBHOOK,
      secret_token: SECRET,
      allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"],
    });
  } finally {
    await tg.close();
  }
});

Deno.test("connect refuses a malformed token without calling Telegram", async () => {
  const tg = startFakeTelegram();
  try {
    for (const config of [{ token: "not a token" }, {}, null, { token: 123 }]) {
      await assert.rejects(
        telegram.connect({ config, webhookUrl: WEBHOOK, secret: SECRET, api: bases(tg.url) }),
        (err: unknown) => err instanceof BadInput && /config\.token|bot token/.test(err.message),
      );
    }
    assert.equal(tg.calls.length, 0);
  } finally {
    await tg.close();
  }
});

Deno.test("connect turns a token Telegram rejects into BadInput", async () => {
  const tg = startFakeTelegram();
  try {
    tg.rejectToken(TOKEN);
    await assert.rejects(
      telegram.connect({
        config: { token: TOKEN },
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(tg.url),
      }),
      (err: unknown) =>
        err instanceof BadInput && err.message === "Telegram rejected the token: Unauthorized",
    );
    assert.deepEqual(tg.calls.map((c) => c.method), ["getMe"]);
  } finally {
    await tg.close();
  }
});

Deno.test("connect reports a refused webhook as BadInput", async () => {
  const tg = startFakeTelegram();
  try {
    tg.setNext("setWebhook", {
      ok: false,
      error_code: 400,
      description: "Bad Request: bad webhook: HTTPS url must be provided for webhook",
    });
    await assert.rejects(
      telegram.connect({
        config: { token: TOKEN },
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(tg.url),
      }),
      (err: unknown) => err instanceof BadInput && /HTTPS url must be provided/.test(err.message),
    );
  } finally {
    await tg.close();
  }
});

Deno.test("connect to an unreachable API names the base and hides the token", async () => {
  const tg = startFakeTelegram();
  await tg.close();
  await assert.rejects(
    telegram.connect({
      config: { token: TOKEN },
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(tg.url),
    }),
    (err: unknown) =>
      err instanceof BadInput && err.message.startsWith(`Could not reach Telegram at ${tg.url}:`) &&
      !err.message.includes(TOKEN),
  );
});

Deno.test("verify accepts only the channel's secret header", async () => {
  const check = (headers: HeadersInit, ch = channel) =>
    telegram.verify({ headers: new Headers(headers), rawBody: new Uint8Array() }, ch);
  assert.equal(await check({ "X-Telegram-Bot-Api-Secret-Token": SECRET }), true);
  assert.equal(await check({ "x-telegram-bot-api-secret-token": SECRET }), true);
  assert.equal(await check({ "X-Telegram-Bot-Api-Secret-Token": SECRET.slice(0, -1) }), false);
  assert.equal(await check({ "X-Telegram-Bot-Api-Secret-Token": `${SECRET}x` }), false);
  assert.equal(await check({}), false);
  assert.equal(
    await check({ "X-Telegram-Bot-Api-Secret-Token": "" }, { ...channel, webhookSecret: "" }),
    false,
  );
});

Deno.test("parse hands the update to parseUpdate", () => {
  const body = {
    update_id: 9,
    message: { message_id: 1, chat: { id: 731552104, type: "private" }, date: 1, text: "hi" },
  };
  const [item] = telegram.parse(body, channel);
  assert.equal(item.kind, "message");
});

Deno.test("send delivers the text and returns Telegram's message id", async () => {
  const tg = startFakeTelegram();
  try {
    const outcome = await telegram.send(
      channel,
      client,
      outgoing("Your order ships today"),
      bases(tg.url),
    );
    assert.deepEqual(outcome, { ok: true, externalId: "1" });
    assert.equal(tg.calls[0].token, TOKEN);
    assert.deepEqual(tg.calls[0].params, { chat_id: "731552104", text: "Your order ships today" });
  } finally {
    await tg.close();
  }
});

Deno.test("send reports a rate limit with Telegram's delay", async () => {
  const tg = startFakeTelegram();
  try {
    tg.failNext("sendMessage", "tooManyRequests", { retryAfter: 30 });
    const outcome = await telegram.send(channel, client, outgoing("hello"), bases(tg.url));
    assert.deepEqual(outcome, {
      ok: false,
      retryAfterMs: 30_000,
      reason: "Too Many Requests: retry after 30",
    });
    assert.deepEqual(await telegram.send(channel, client, outgoing("hello"), bases(tg.url)), {
      ok: true,
      externalId: "1",
    });
  } finally {
    await tg.close();
  }
});

Deno.test("send marks the client blocked when the user blocked the bot", async () => {
  const tg = startFakeTelegram();
  try {
    tg.failNext("sendMessage", "blocked");
    const outcome = await telegram.send(channel, client, outgoing("hello"), bases(tg.url));
    assert.deepEqual(outcome, {
      ok: false,
      reason: "Forbidden: bot was blocked by the user",
      clientBlocked: true,
    });
  } finally {
    await tg.close();
  }
});

Deno.test("send retries later when Telegram cannot be reached", async () => {
  const tg = startFakeTelegram();
  await tg.close();
  const outcome = await telegram.send(channel, client, outgoing("hello"), bases(tg.url));
  assert.ok(!outcome.ok && "retryAfterMs" in outcome);
  assert.equal(outcome.retryAfterMs, 5_000);
  assert.ok(!outcome.reason.includes(TOKEN));
});

Deno.test("send refuses an empty message without calling Telegram", async () => {
  const tg = startFakeTelegram();
  try {
    assert.deepEqual(await telegram.send(channel, client, outgoing("  "), bases(tg.url)), {
      ok: false,
      reason: "Nothing to send",
    });
    assert.equal(tg.calls.length, 0);
  } finally {
    await tg.close();
  }
});
