import assert from "node:assert/strict";
import { startFakeTelegram } from "../../../connectors/telegram/fake.ts";

const TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

Deno.test("the fake reads params from a form body and the query string", async () => {
  const tg = startFakeTelegram();
  try {
    const form = new URLSearchParams({
      url: "https://inbox.example.com/hook",
      allowed_updates: JSON.stringify(["message"]),
    });
    const res = await fetch(`${tg.url}/bot${TOKEN}/setWebhook?max_connections=40`, {
      method: "POST",
      body: form,
    });
    assert.deepEqual(await res.json(), { ok: true, result: true, description: "Webhook was set" });
    assert.deepEqual(tg.calls[0].params, {
      max_connections: "40",
      url: "https://inbox.example.com/hook",
      allowed_updates: ["message"],
    });

    const get = await fetch(`${tg.url}/bot${TOKEN}/sendMessage?chat_id=5&text=hi`);
    assert.equal(get.status, 200);
    assert.equal((await get.json()).result.text, "hi");
  } finally {
    await tg.close();
  }
});

Deno.test("the fake fails the next calls as programmed, then recovers", async () => {
  const tg = startFakeTelegram();
  const send = () =>
    fetch(`${tg.url}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 5, text: "hi" }),
    });
  try {
    tg.failNext("sendMessage", "tooManyRequests", { times: 2, retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await send();
      assert.equal(res.status, 429);
      assert.deepEqual(await res.json(), {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 7",
        parameters: { retry_after: 7 },
      });
    }
    const res = await send();
    assert.equal(res.status, 200);
    assert.equal((await res.json()).result.message_id, 1);

    tg.setNext(
      "sendMessage",
      (params) => ({ ok: true, result: { message_id: 900, echo: params.text } }),
    );
    assert.deepEqual(await (await send()).json(), {
      ok: true,
      result: { message_id: 900, echo: "hi" },
    });
  } finally {
    await tg.close();
  }
});

Deno.test("the fake answers 401 for a rejected token and 404 for unknown paths", async () => {
  const tg = startFakeTelegram();
  try {
    tg.rejectToken(TOKEN);
    const res = await fetch(`${tg.url}/bot${TOKEN}/getMe`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { ok: false, error_code: 401, description: "Unauthorized" });
    const lost = await fetch(`${tg.url}/nothing`);
    assert.equal(lost.status, 404);
    await lost.body?.cancel();
  } finally {
    await tg.close();
  }
});

Deno.test("waitFor resolves with a call that arrives later, timed in epoch ms", async () => {
  const tg = startFakeTelegram();
  try {
    const before = Date.now();
    const waiting = tg.waitFor((c) => c.method === "answerCallbackQuery", 1_000);
    const res = await fetch(`${tg.url}/bot${TOKEN}/answerCallbackQuery?callback_query_id=1`);
    await res.body?.cancel();
    const call = await waiting;
    assert.equal(call.params.callback_query_id, "1");
    assert.ok(call.at >= before - 1 && call.at <= Date.now() + 1);
    await assert.rejects(tg.waitFor((c) => c.method === "never", 20), /within 20 ms/);
  } finally {
    await tg.close();
  }
});

Deno.test("deleteWebhook answers as Telegram does and clears the webhook", async () => {
  const tg = startFakeTelegram();
  const call = async (method: string, params: Record<string, unknown> = {}) => {
    const res = await fetch(`${tg.url}/bot${TOKEN}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    return { status: res.status, body: await res.json() };
  };
  try {
    await call("setWebhook", { url: "https://inbox.example.com/hook" });
    assert.equal((await call("getWebhookInfo")).body.result.url, "https://inbox.example.com/hook");
    assert.deepEqual(await call("deleteWebhook"), {
      status: 200,
      body: { ok: true, result: true, description: "Webhook was deleted" },
    });
    assert.equal((await call("getWebhookInfo")).body.result.url, "");
    assert.deepEqual((await call("deleteWebhook")).body, {
      ok: true,
      result: true,
      description: "Webhook is already deleted",
    });
    // An empty url given to setWebhook removes it too.
    await call("setWebhook", { url: "https://inbox.example.com/hook" });
    assert.deepEqual((await call("setWebhook", { url: "" })).body, {
      ok: true,
      result: true,
      description: "Webhook was deleted",
    });
    assert.equal((await call("getWebhookInfo")).body.result.url, "");
  } finally {
    await tg.close();
  }
});
