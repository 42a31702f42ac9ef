import assert from "node:assert/strict";
import { type FakeViber, startFakeViber } from "../../../connectors/viber/fake.ts";
import { viberSignature } from "../../../connectors/viber/signature.ts";
import { eventually, json, startTestApp, type TestApp } from "../../helpers.ts";

const TOKEN = "4a6f1e2d9c8b7a65-3e2f1d0c9b8a7f6e-5d4c3b2a19087f6e";
const USER = "3SQNc4FPUQmysaM/AQEhXg==";

async function start() {
  const fake = startFakeViber();
  const app = await startTestApp({ VIBER_API_BASE: fake.url });
  fake.webhookOrigin = app.base;
  return { app, fake };
}

async function stop({ app, fake }: { app: TestApp; fake: FakeViber }) {
  await app.close();
  await fake.close();
}

async function connect(app: TestApp) {
  const res = await json(
    await app.api("/api/channels", {
      body: { type: "viber", name: "Shop on Viber", config: { authToken: TOKEN } },
    }),
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; info: Record<string, unknown>; webhookUrl: string };
}

/** Posts raw text as Viber does, signed with `token` (the channel's, unless told). */
async function post(app: TestApp, channelId: string, raw: string, token = TOKEN) {
  const signature = await viberSignature(token, new TextEncoder().encode(raw));
  return fetch(`${app.base}/webhooks/viber/${channelId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Viber-Content-Signature": signature },
    body: raw,
  });
}

function messageRaw(text: string, token: string) {
  return `{"event":"message","timestamp":${Date.now()},"chat_hostname":"SN-CHAT-05_",` +
    `"message_token":${token},"sender":{"id":"${USER}","name":"Georgy Buranov",` +
    `"language":"en-CA","country":"DE","api_version":10},` +
    `"message":{"type":"text","text":${JSON.stringify(text)}},"silent":false}`;
}

Deno.test("connecting Viber checks the token and sets the webhook, whose check our route answers", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    assert.deepEqual(t.fake.calls.map((c) => c.method), ["get_account_info", "set_webhook"]);
    assert.equal(t.fake.calls[1].params.url, `http://localhost:8000/webhooks/viber/${channel.id}`);
    assert.equal(t.fake.checks.length, 1);
    assert.equal(t.fake.checks[0].answerStatus, 200);
    assert.equal(channel.info.name, "Fake shop");
    const listed = JSON.stringify((await json(await t.app.api("/api/channels"))).body);
    assert.equal(listed.includes(TOKEN), false, "the token is never shown");
  } finally {
    await stop(t);
  }
});

Deno.test("a Viber message is stored once; the reply goes out once and its receipts apply", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    // Two tokens JSON.parse rounds to the same number: both messages must be kept.
    const first = messageRaw("Is the kettle in stock?", "5466358343372472277");
    const second = messageRaw("The blue one.", "5466358343372472278");
    for (const raw of [first, first, second]) {
      const res = await post(t.app, channel.id, raw);
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const clients = (await json(await t.app.api("/api/clients"))).body.items;
    assert.equal(clients.length, 1);
    assert.equal(clients[0].platformId, USER);
    assert.equal(clients[0].name, "Georgy Buranov");
    const path = `/api/clients/${clients[0].id}/messages`;
    assert.deepEqual(
      (await json(await t.app.api(path))).body.items.map((m: { text: string }) => m.text),
      [
        "Is the kettle in stock?",
        "The blue one.",
      ],
    );
    await (await t.app.api(path, { body: { text: "Yes, it is." } })).body?.cancel();
    const call = await t.fake.waitFor((c) => c.method === "send_message");
    assert.equal(call.params.receiver, USER);
    assert.equal(call.params.text, "Yes, it is.");
    assert.deepEqual(call.params.sender, { name: "Fake shop" });
    const token = t.fake.sent[0].token;
    await eventually(async () => {
      const last = (await json(await t.app.api(path))).body.items.at(-1);
      return last.status === "sent" && last.externalId === token;
    });
    const seen = `{"event":"seen","timestamp":${Date.now()},"chat_hostname":"SN-CHAT-02_",` +
      `"message_token":${token},"user_id":"${USER}"}`;
    await (await post(t.app, channel.id, seen)).body?.cancel();
    await eventually(async () =>
      (await json(await t.app.api(path))).body.items.at(-1).status === "read"
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(t.fake.calls.filter((c) => c.method === "send_message").length, 1);
  } finally {
    await stop(t);
  }
});

Deno.test("a wrong or missing Viber signature gets 401 and stores nothing", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    const raw = messageRaw("hi", "5466358343372472301");
    const wrong = await json(await post(t.app, channel.id, raw, "another-bot-token-0000"));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "bad_signature");
    const missing = await fetch(`${t.app.base}/webhooks/viber/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
    });
    assert.equal(missing.status, 401);
    await missing.body?.cancel();
    const malformed = await post(t.app, channel.id, '{"event":"message","message_token":1}');
    assert.equal(malformed.status, 400);
    await malformed.body?.cancel();
    assert.equal((await json(await t.app.api("/api/clients"))).body.items.length, 0);
  } finally {
    await stop(t);
  }
});

Deno.test("an unsubscribed client's reply fails and marks them blocked", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    await (await post(t.app, channel.id, messageRaw("hi", "5466358343372472401"))).body?.cancel();
    const [client] = (await json(await t.app.api("/api/clients"))).body.items;
    t.fake.failNext("send_message", "receiverNotSubscribed");
    await (await t.app.api(`/api/clients/${client.id}/messages`, { body: { text: "Hello?" } }))
      .body?.cancel();
    const failed = await eventually(async () => {
      const m = (await json(await t.app.api(`/api/clients/${client.id}/messages`))).body.items
        .at(-1);
      return m.status === "failed" ? m : null;
    });
    assert.equal(failed.error, "receiverNotSubscribed");
    assert.equal((await json(await t.app.api(`/api/clients/${client.id}`))).body.botBlocked, true);
  } finally {
    await stop(t);
  }
});
