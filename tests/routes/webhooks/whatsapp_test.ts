import assert from "node:assert/strict";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import { eventually, json, startTestApp } from "../../helpers.ts";
import { APP_SECRET, connectMeta, inbox, postSigned, postStatus } from "./meta.ts";

const PHONE_ID = "1122334455667";
const CONFIG = {
  phoneNumberId: PHONE_ID,
  accessToken: "EAAGm0PX4ZCpsBAWhatsAppSystemUserToken",
  appSecret: APP_SECRET,
};

function textHook(text: string, id: string, from = "972987654321", name = "Noa Levi") {
  return {
    object: "whatsapp_business_account",
    entry: [{
      id: "5467539754836534",
      changes: [{
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: "15550953877", phone_number_id: PHONE_ID },
          contacts: [{ profile: { name }, wa_id: from }],
          messages: [{
            from,
            id,
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: "text",
            text: { body: text },
          }],
        },
      }],
    }],
  };
}

function statusHook(wamid: string, status: string) {
  return {
    object: "whatsapp_business_account",
    entry: [{
      id: "5467539754836534",
      changes: [{
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: "15550953877", phone_number_id: PHONE_ID },
          statuses: [{
            id: wamid,
            status,
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: "972987654321",
          }],
        },
      }],
    }],
  };
}

async function setup() {
  const graph = startFakeGraph();
  const app = await startTestApp({ META_GRAPH_BASE: graph.url });
  const channel = await connectMeta(app, "whatsapp", CONFIG);
  return {
    graph,
    app,
    channel,
    async close() {
      await app.close();
      await graph.close();
    },
  };
}

Deno.test("connecting WhatsApp checks the number and shows the callback URL and verify token to paste", async () => {
  const { app, channel, graph, close } = await setup();
  try {
    const info = channel.body.info;
    assert.equal(info.callbackUrl, `http://localhost:8000/webhooks/whatsapp/${channel.id}`);
    assert.equal(info.callbackUrl, channel.body.webhookUrl);
    assert.equal(info.verifiedName, "Fake Business");
    assert.match(info.verifyToken, /^[A-Za-z0-9_-]{32,}$/);
    assert.deepEqual(graph.calls.map((c) => [c.method, c.path]), [["GET", `/${PHONE_ID}`]]);
    const listed = JSON.stringify((await json(await app.api("/api/channels"))).body);
    assert.equal(listed.includes(CONFIG.accessToken) || listed.includes(APP_SECRET), false);
    const hub = (token: string) =>
      fetch(
        `${app.base}/webhooks/whatsapp/${channel.id}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
      );
    const ok = await hub(info.verifyToken);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "1158201444");
    const refused = await hub("guess");
    assert.equal(refused.status, 401);
    await refused.body?.cancel();
  } finally {
    await close();
  }
});

Deno.test("a signed WhatsApp message reaches the inbox, and the reply reaches the Cloud API once", async () => {
  const { app, channel, graph, close } = await setup();
  try {
    assert.equal(
      await postStatus(app, "whatsapp", channel.id, textHook("Is my order ready?", "wamid.IN1")),
      200,
    );
    const { clients, messages } = await inbox(app);
    assert.equal(clients.length, 1);
    assert.equal(clients[0].name, "Noa Levi");
    assert.equal(clients[0].platformId, "972987654321");
    assert.equal(clients[0].phone, "+972987654321");
    assert.deepEqual(messages.map((m) => [m.direction, m.text, m.externalId]), [[
      "in",
      "Is my order ready?",
      "wamid.IN1",
    ]]);
    const sent = await json(
      await app.api(`/api/clients/${clients[0].id}/messages`, {
        body: { text: "Yes, pick it up today." },
      }),
    );
    assert.equal(sent.status, 202);
    const call = await graph.waitFor((c) => c.endpoint === "whatsappSend");
    assert.equal(call.path, `/${PHONE_ID}/messages`);
    assert.equal(call.version, "v21.0");
    assert.equal(call.token, CONFIG.accessToken);
    assert.deepEqual(call.body, {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "972987654321",
      type: "text",
      text: { body: "Yes, pick it up today.", preview_url: false },
    });
    const out = await eventually(async () => {
      const m = (await inbox(app)).messages.at(-1);
      return m.status === "sent" ? m : null;
    });
    assert.equal(out.externalId, "wamid.FAKE1");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(graph.calls.filter((c) => c.endpoint === "whatsappSend").length, 1);
    assert.equal(
      await postStatus(app, "whatsapp", channel.id, statusHook("wamid.FAKE1", "read")),
      200,
    );
    assert.equal((await inbox(app)).messages.at(-1).status, "read");
  } finally {
    await close();
  }
});

Deno.test("a wrong signature is 401 and stores nothing; a redelivery is stored once", async () => {
  const { app, channel, close } = await setup();
  try {
    const hook = textHook("hello", "wamid.DUP");
    assert.equal(
      await postStatus(app, "whatsapp", channel.id, hook, "sha256=" + "0".repeat(64)),
      401,
    );
    const unsigned = await fetch(`${app.base}/webhooks/whatsapp/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(hook),
    });
    assert.equal(unsigned.status, 401);
    await unsigned.body?.cancel();
    assert.equal((await inbox(app)).clients.length, 0);
    for (let i = 0; i < 2; i++) {
      assert.equal(await postStatus(app, "whatsapp", channel.id, hook), 200);
    }
    const { clients, messages } = await inbox(app);
    assert.equal(clients.length, 1);
    assert.equal(messages.length, 1);
    const bad = await postSigned(app, "whatsapp", channel.id, '{"entry":"nope"}');
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
  } finally {
    await close();
  }
});

Deno.test("one WhatsApp POST carrying several clients' messages stores them all", async () => {
  const { app, channel, close } = await setup();
  try {
    const a = textHook("first", "wamid.A", "4915112345678", "Anna");
    const b = textHook("second", "wamid.B", "447700900123", "Ben");
    const batch = { ...a, entry: [...a.entry, ...b.entry] };
    assert.equal(await postStatus(app, "whatsapp", channel.id, batch), 200);
    const names = (await inbox(app)).clients.map((c) => c.name).sort();
    assert.deepEqual(names, ["Anna", "Ben"]);
  } finally {
    await close();
  }
});
