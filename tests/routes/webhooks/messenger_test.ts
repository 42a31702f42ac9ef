import assert from "node:assert/strict";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import { eventually, json, startTestApp } from "../../helpers.ts";
import { APP_SECRET, connectMeta, inbox, postSigned, postStatus } from "./meta.ts";

const PAGE_ID = "111899832631525";
const PSID = "1433960459967306";
const TOKEN = "EAAGm0PX4ZCpsBAMessengerPageToken123";

function pageHook(...messaging: Record<string, unknown>[]) {
  return { object: "page", entry: [{ id: PAGE_ID, time: Date.now(), messaging }] };
}

function fromClient(fields: Record<string, unknown>, sender = PSID) {
  return { sender: { id: sender }, recipient: { id: PAGE_ID }, timestamp: Date.now(), ...fields };
}

async function setup() {
  const graph = startFakeGraph();
  graph.addPage(TOKEN, { id: PAGE_ID, name: "Julia's Bakery" });
  const app = await startTestApp({ META_GRAPH_BASE: graph.url });
  const channel = await connectMeta(app, "messenger", {
    pageAccessToken: TOKEN,
    appSecret: APP_SECRET,
    verifyToken: "bakery-hook",
  });
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

Deno.test("connecting Messenger shows the page, the callback URL and the verify token chosen", async () => {
  const { app, channel, graph, close } = await setup();
  try {
    assert.equal(channel.body.info.pageName, "Julia's Bakery");
    assert.equal(
      channel.body.info.callbackUrl,
      `http://localhost:8000/webhooks/messenger/${channel.id}`,
    );
    assert.equal(channel.body.info.verifyToken, "bakery-hook");
    assert.deepEqual(graph.calls.map((c) => c.endpoint), ["me", "subscribedApps"]);
    const hub = await fetch(
      `${app.base}/webhooks/messenger/${channel.id}?hub.mode=subscribe&hub.verify_token=bakery-hook&hub.challenge=xyz`,
    );
    assert.equal(await hub.text(), "xyz");
  } finally {
    await close();
  }
});

Deno.test("a signed Messenger message reaches the inbox; the reply goes to /me/messages once, tagged", async () => {
  const { app, channel, graph, close } = await setup();
  try {
    const hook = pageHook(fromClient({ message: { mid: "m_in_1", text: "Any croissants left?" } }));
    assert.equal(await postStatus(app, "messenger", channel.id, hook), 200);
    const { clients, messages } = await inbox(app);
    assert.equal(clients.length, 1);
    assert.equal(clients[0].platformId, PSID);
    assert.deepEqual(messages.map((m) => [m.direction, m.text]), [["in", "Any croissants left?"]]);
    await (await app.api(`/api/clients/${clients[0].id}/messages`, { body: { text: "Two left!" } }))
      .body?.cancel();
    const call = await graph.waitFor((c) => c.endpoint === "messagingSend");
    assert.equal(call.token, TOKEN);
    assert.deepEqual(call.body, {
      recipient: { id: PSID },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Two left!" },
    });
    await eventually(async () => (await inbox(app)).messages.at(-1).status === "sent");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(graph.calls.filter((c) => c.endpoint === "messagingSend").length, 1);
    const delivered = pageHook(
      fromClient({ delivery: { mids: ["m_FAKE1"], watermark: Date.now() } }),
    );
    assert.equal(await postStatus(app, "messenger", channel.id, delivered), 200);
    assert.equal((await inbox(app)).messages.at(-1).status, "delivered");
  } finally {
    await close();
  }
});

Deno.test("a wrong signature is 401 and stores nothing; echoes are ignored; a redelivery is stored once", async () => {
  const { app, channel, close } = await setup();
  try {
    const hook = pageHook(fromClient({ message: { mid: "m_dup", text: "hello" } }));
    assert.equal(await postStatus(app, "messenger", channel.id, hook, "sha256=deadbeef"), 401);
    assert.equal((await inbox(app)).clients.length, 0);
    const echo = pageHook(fromClient({ message: { mid: "m_echo", text: "ours", is_echo: true } }));
    assert.equal(await postStatus(app, "messenger", channel.id, echo), 200);
    assert.equal((await inbox(app)).clients.length, 0);
    for (let i = 0; i < 2; i++) {
      assert.equal(await postStatus(app, "messenger", channel.id, hook), 200);
    }
    const { clients, messages } = await inbox(app);
    assert.equal(clients.length, 1);
    assert.equal(messages.length, 1);
    const res = await postSigned(app, "messenger", channel.id, "[]");
    assert.equal(res.status, 400);
    await res.body?.cancel();
  } finally {
    await close();
  }
});

Deno.test("a Messenger batch with several clients and a postback stores each in its dialog", async () => {
  const { app, channel, close } = await setup();
  try {
    const hook = pageHook(
      fromClient({ message: { mid: "m_a", text: "from A" } }, "1000000000000001"),
      fromClient(
        { postback: { mid: "m_pb", title: "Get Started", payload: "GET_STARTED" } },
        "1000000000000002",
      ),
      fromClient({ message: { mid: "m_a2", text: "again A" } }, "1000000000000001"),
    );
    assert.equal(await postStatus(app, "messenger", channel.id, hook), 200);
    const clients = (await json(await app.api("/api/clients"))).body.items;
    assert.equal(clients.length, 2);
    const a = clients.find((c: { platformId: string }) => c.platformId === "1000000000000001");
    const texts = (await json(await app.api(`/api/clients/${a.id}/messages`))).body.items.map((
      m: { text: string },
    ) => m.text);
    assert.deepEqual(texts, ["from A", "again A"]);
  } finally {
    await close();
  }
});

Deno.test("a new Messenger client is named from their profile, live, and looked up once", async () => {
  const { app, channel, graph, close } = await setup();
  try {
    graph.addUser(PSID, {
      first_name: "Julia",
      last_name: "Child",
      profile_pic: "https://platform-lookaside.example/julia.jpg",
    });
    const hook = pageHook(fromClient({ message: { mid: "m_in_9", text: "Hello!" } }));
    assert.equal(await postStatus(app, "messenger", channel.id, hook), 200);
    const named = await eventually(async () => {
      const [client] = (await inbox(app)).clients;
      return client?.name === "Julia Child" ? client : null;
    });
    assert.equal(named.avatarUrl, "https://platform-lookaside.example/julia.jpg");
    assert.equal(named.nameProvisional, false);
    const lookups = graph.calls.filter((c) => c.endpoint === "node" && c.path === `/${PSID}`);
    assert.equal(lookups.length, 1);
    assert.equal(lookups[0].token, TOKEN);
    // More messages from them ask nothing more.
    const more = pageHook(fromClient({ message: { mid: "m_in_10", text: "Are you open?" } }));
    assert.equal(await postStatus(app, "messenger", channel.id, more), 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(graph.calls.filter((c) => c.path === `/${PSID}`).length, 1);
    assert.equal((await inbox(app)).clients[0].name, "Julia Child");
  } finally {
    await close();
  }
});

Deno.test("a Messenger client the profile lookup cannot name keeps the stand-in name", async () => {
  const { app, channel, close } = await setup();
  try {
    const hook = pageHook(fromClient({ message: { mid: "m_in_11", text: "Hi" } }, "999000111"));
    assert.equal(await postStatus(app, "messenger", channel.id, hook), 200);
    await new Promise((r) => setTimeout(r, 300));
    const [client] = (await inbox(app)).clients;
    assert.equal(client.name, "Messenger user 999000111");
  } finally {
    await close();
  }
});

Deno.test("a Messenger read watermark marks every reply sent up to it as read, and no later one", async () => {
  const { app, channel, graph, close } = await setup();
  try {
    const hook = pageHook(fromClient({ message: { mid: "m_in_20", text: "Do you deliver?" } }));
    assert.equal(await postStatus(app, "messenger", channel.id, hook), 200);
    const [client] = (await inbox(app)).clients;
    for (const text of ["Yes!", "Within the city, same day."]) {
      await (await app.api(`/api/clients/${client.id}/messages`, { body: { text } })).body
        ?.cancel();
      await graph.waitFor((c) =>
        c.endpoint === "messagingSend" &&
        JSON.stringify(c.body.message) === JSON.stringify({ text })
      );
    }
    await eventually(async () =>
      (await inbox(app)).messages.filter((m) => m.status === "sent").length === 2
    );
    const watermark = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    await (await app.api(`/api/clients/${client.id}/messages`, { body: { text: "Later" } })).body
      ?.cancel();
    await eventually(async () => (await inbox(app)).messages.at(-1).status === "sent");

    const read = pageHook(fromClient({ read: { watermark } }));
    assert.equal(await postStatus(app, "messenger", channel.id, read), 200);
    const states = await eventually(async () => {
      const out = (await inbox(app)).messages.filter((m) => m.direction === "out");
      return out[0].status === "read" ? out.map((m) => [m.text, m.status]) : null;
    });
    assert.deepEqual(states, [
      ["Yes!", "read"],
      ["Within the city, same day.", "read"],
      ["Later", "sent"],
    ]);
    // The same receipt again changes nothing; a read with no dialog starts none.
    assert.equal(await postStatus(app, "messenger", channel.id, read), 200);
    const stranger = pageHook(fromClient({ read: { watermark } }, "5550001"));
    assert.equal(await postStatus(app, "messenger", channel.id, stranger), 200);
    assert.equal((await inbox(app)).clients.length, 1);
  } finally {
    await close();
  }
});
