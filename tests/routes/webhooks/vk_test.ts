import assert from "node:assert/strict";
import { type FakeVk, startFakeVk } from "../../../connectors/vk/fake.ts";
import { eventually, json, startTestApp, type TestApp } from "../../helpers.ts";

const GROUP_ID = 203_076_503;
const TOKEN = "vk1.a.Xq9LkT0pRz3sEw8uVb2NcY4mHd7JfG5";

async function start(options: { denySetup?: boolean } = {}) {
  const fake = startFakeVk({ confirmServers: true });
  if (options.denySetup) fake.denyCallbackSetup();
  const app = await startTestApp({ VK_API_BASE: fake.url });
  fake.webhookOrigin = app.base;
  return { app, fake };
}

async function stop({ app, fake }: { app: TestApp; fake: FakeVk }) {
  await app.close();
  await fake.close();
}

async function connect(app: TestApp, config: Record<string, unknown> = {}) {
  const res = await json(
    await app.api("/api/channels", {
      body: {
        type: "vk",
        name: "Shop community",
        config: { groupId: GROUP_ID, accessToken: TOKEN, ...config },
      },
    }),
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const stored = await app.services.channels.get(res.body.id);
  return { id: res.body.id as string, secret: String(stored!.config.secret), body: res.body };
}

let eventNo = 0;
function messageNew(text: string, secret: string, fromId = 48_213_775) {
  const id = 5_000 + ++eventNo;
  return {
    group_id: GROUP_ID,
    type: "message_new",
    event_id: `e${id}`,
    v: "5.199",
    object: {
      message: {
        date: Math.floor(Date.now() / 1000),
        from_id: fromId,
        id,
        out: 0,
        peer_id: fromId,
        text,
        conversation_message_id: id,
        attachments: [],
      },
      client_info: { button_actions: ["text"], keyboard: true, inline_keyboard: true, lang_id: 0 },
    },
    secret,
  };
}

function post(app: TestApp, channelId: string, body: unknown) {
  return fetch(`${app.base}/webhooks/vk/${channelId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("connecting VK adds our callback server, and VK's confirmation gets the code", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    assert.deepEqual(t.fake.calls.map((c) => c.method), [
      "groups.getById",
      "groups.getCallbackConfirmationCode",
      "groups.addCallbackServer",
      "groups.setCallbackSettings",
    ]);
    const server = t.fake.servers[0];
    assert.equal(server.url, `http://localhost:8000/webhooks/vk/${channel.id}`);
    assert.equal(server.secretKey, channel.secret);
    // VK confirmed the server while connect was still running, through the real route.
    assert.equal(server.confirmationAnswer, t.fake.confirmationCode);
    assert.equal(server.status, "ok");
    assert.equal(channel.body.info.setup, "automatic");
    const confirm = await post(t.app, channel.id, { type: "confirmation", group_id: GROUP_ID });
    assert.equal(await confirm.text(), t.fake.confirmationCode);
    const listed = JSON.stringify((await json(await t.app.api("/api/channels"))).body);
    assert.equal(listed.includes(TOKEN), false, "the token is never shown");
  } finally {
    await stop(t);
  }
});

Deno.test("a token without the manage right gives the settings to paste", async () => {
  const t = await start({ denySetup: true });
  try {
    // Another community: no code fetched from VK for it, so the typed one is what we have.
    const channel = await connect(t.app, { groupId: 31_337, confirmationCode: "a1b2c3d4" });
    assert.equal(channel.body.info.setup, "manual");
    assert.equal(channel.body.info.callbackUrl, channel.body.webhookUrl);
    assert.equal(channel.body.info.secret, channel.secret);
    const confirm = await post(t.app, channel.id, { type: "confirmation", group_id: 31_337 });
    assert.equal(await confirm.text(), "a1b2c3d4");
  } finally {
    await stop(t);
  }
});

Deno.test("a VK message is stored once, and the reply reaches messages.send once", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    const update = messageNew("Есть ли синий чайник?", channel.secret);
    for (let i = 0; i < 2; i++) {
      const res = await post(t.app, channel.id, update);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "ok");
    }
    const clients = (await json(await t.app.api("/api/clients"))).body.items;
    assert.equal(clients.length, 1);
    assert.equal(clients[0].platformId, "48213775");
    assert.equal(clients[0].name, "VK user 48213775");
    const messages = (await json(await t.app.api(`/api/clients/${clients[0].id}/messages`))).body;
    assert.deepEqual(messages.items.map((m: { text: string }) => m.text), [
      "Есть ли синий чайник?",
    ]);
    const sent = await json(
      await t.app.api(`/api/clients/${clients[0].id}/messages`, { body: { text: "Да, есть." } }),
    );
    assert.equal(sent.status, 202);
    const call = await t.fake.waitFor((c) => c.method === "messages.send");
    assert.equal(call.params.peer_id, "48213775");
    assert.equal(call.params.message, "Да, есть.");
    assert.equal(call.params.v, "5.199");
    assert.match(call.params.random_id, /^[1-9]\d*$/);
    await eventually(async () => {
      const items = (await json(await t.app.api(`/api/clients/${clients[0].id}/messages`))).body
        .items;
      return items.at(-1).status === "sent" && items.at(-1).externalId === "100";
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(t.fake.calls.filter((c) => c.method === "messages.send").length, 1);
  } finally {
    await stop(t);
  }
});

Deno.test("a wrong or missing VK secret gets 401 and stores nothing", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    const wrong = await json(await post(t.app, channel.id, messageNew("hi", "not-the-secret")));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "bad_signature");
    const { secret: _, ...unsigned } = messageNew("hi", channel.secret);
    const missing = await post(t.app, channel.id, unsigned);
    assert.equal(missing.status, 401);
    await missing.body?.cancel();
    const malformed = await post(t.app, channel.id, { group_id: GROUP_ID, secret: channel.secret });
    assert.equal(malformed.status, 400);
    await malformed.body?.cancel();
    assert.equal((await json(await t.app.api("/api/clients"))).body.items.length, 0);
  } finally {
    await stop(t);
  }
});

Deno.test("VK's privacy refusal fails the reply and marks the client blocked", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    await (await post(t.app, channel.id, messageNew("hi", channel.secret))).body?.cancel();
    const [client] = (await json(await t.app.api("/api/clients"))).body.items;
    t.fake.failNext("messages.send", "privacy");
    await (await t.app.api(`/api/clients/${client.id}/messages`, {
      body: { text: "Still there?" },
    }))
      .body?.cancel();
    const failed = await eventually(async () => {
      const m = (await json(await t.app.api(`/api/clients/${client.id}/messages`))).body.items
        .at(-1);
      return m.status === "failed" ? m : null;
    });
    assert.equal(failed.error, "Can't send messages to this user due to their privacy settings");
    assert.equal((await json(await t.app.api(`/api/clients/${client.id}`))).body.botBlocked, true);
  } finally {
    await stop(t);
  }
});

Deno.test("VK's message_read marks our replies read up to the one it names, not after", async () => {
  const t = await start();
  try {
    const channel = await connect(t.app);
    await (await post(t.app, channel.id, messageNew("Привет", channel.secret))).body?.cancel();
    const [client] = (await json(await t.app.api("/api/clients"))).body.items;
    const messages = async () =>
      (await json(await t.app.api(`/api/clients/${client.id}/messages`))).body.items
        .filter((m: { direction: string }) => m.direction === "out");
    for (const text of ["Здравствуйте!", "Чем помочь?", "Мы на связи."]) {
      await (await t.app.api(`/api/clients/${client.id}/messages`, { body: { text } })).body
        ?.cancel();
      await eventually(async () => (await messages()).at(-1)?.status === "sent");
    }
    const ids = (await messages()).map((m: { externalId: string }) => m.externalId);
    const read = {
      group_id: GROUP_ID,
      type: "message_read",
      event_id: "e-read-1",
      v: "5.199",
      object: { from_id: 48_213_775, peer_id: 48_213_775, read_message_id: Number(ids[1]) },
      secret: channel.secret,
    };
    const res = await post(t.app, channel.id, read);
    assert.equal(await res.text(), "ok");
    const states = await eventually(async () => {
      const out = await messages();
      return out[1].status === "read" ? out.map((m: { status: string }) => m.status) : null;
    });
    assert.deepEqual(states, ["read", "read", "sent"]);
  } finally {
    await stop(t);
  }
});
