import assert from "node:assert/strict";
import { eventually, json, SseReader } from "../../helpers.ts";
import { startWidgetApp, Visitor, type WidgetApp } from "./harness.ts";
import { feedFor } from "../../../connectors/widget/feed.ts";

const SHOP = "https://shop.example";

async function setup(config: Record<string, unknown> = {}) {
  const app = await startWidgetApp();
  const channel = await app.connectWidget({
    allowedOrigins: [SHOP],
    title: "Acme Shop",
    greeting: "Hi! Ask us anything.",
    ...config,
  });
  return { app, channel };
}

/** The visitor's own event stream, as the widget opens it. */
async function openStream(v: Visitor, lastEventId?: string): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(`${v.base}/events`, {
    headers: v.headers(lastEventId ? { "Last-Event-ID": lastEventId } : {}),
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), v.origin);
  const reader = new SseReader(res, abort);
  await reader.waitFor((e) => e.event === "ready");
  return reader;
}

async function clients(app: WidgetApp) {
  return (await json(await app.api("/api/clients"))).body.items;
}

Deno.test("connecting a widget validates its config and answers with the embed snippet", async () => {
  const { app, channel } = await setup();
  try {
    assert.equal(
      channel.info.embed,
      `<script src="http://localhost:8000/widget/${channel.id}.js" async></script>`,
    );
    assert.deepEqual(channel.info.allowedOrigins, [SHOP]);
    const bad = await json(
      await app.api("/api/channels", {
        body: {
          type: "widget",
          name: "x",
          config: { title: "Acme", allowedOrigins: ["https://shop.example/checkout"] },
        },
      }),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /config\.allowedOrigins\[0\]/);
    const noTitle = await json(
      await app.api("/api/channels", {
        body: { type: "widget", name: "x", config: { allowedOrigins: [SHOP] } },
      }),
    );
    assert.equal(noTitle.body.error.message, "config.title is required");
    assert.equal((await json(await app.api("/api/channels"))).body.items.length, 1);
  } finally {
    await app.close();
  }
});

Deno.test("a visitor's message becomes a client and a message in the inbox", async () => {
  const { app, channel } = await setup();
  try {
    const v = new Visitor(app, channel.id, SHOP);
    const session = await json(await v.session());
    assert.equal(session.status, 200);
    assert.equal(session.body.title, "Acme Shop");
    assert.equal(session.body.greeting, "Hi! Ask us anything.");
    assert.equal(session.body.hasConversation, false);
    const visitorId = v.token.split(".")[0];

    const sent = await json(
      await v.say("Do you ship to Norway?", { name: "Ingrid", contact: "ingrid@example.no" }),
    );
    assert.equal(sent.status, 201);
    assert.equal(sent.body.message.text, "Do you ship to Norway?");
    assert.equal(sent.body.message.direction, "in");
    assert.equal(sent.body.message.clientId, undefined, "internal fields stay inside");

    const [client] = await clients(app);
    assert.equal(client.channelId, channel.id);
    assert.equal(client.channelType, "widget");
    assert.equal(client.platformId, visitorId);
    assert.equal(client.name, "Ingrid");
    assert.equal(client.email, "ingrid@example.no");
    assert.equal(client.unread, 1);
    const messages = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.deepEqual(messages.map((m: { text: string }) => m.text), ["Do you ship to Norway?"]);

    const history = await json(await v.history());
    assert.deepEqual(history.body.items.map((m: { text: string }) => m.text), [
      "Do you ship to Norway?",
    ]);
    assert.equal((await json(await v.session())).body.hasConversation, true);
  } finally {
    await app.close();
  }
});

Deno.test("an employee's reply reaches the visitor's stream and no other visitor's", async () => {
  const { app, channel } = await setup();
  const streams: SseReader[] = [];
  try {
    const ada = new Visitor(app, channel.id, SHOP);
    const bob = new Visitor(app, channel.id, SHOP);
    await (await ada.session()).body?.cancel();
    await (await bob.session()).body?.cancel();
    await (await ada.say("Where is my parcel?")).body?.cancel();
    await (await bob.say("Hello from Bob")).body?.cancel();
    const adaStream = await openStream(ada);
    const bobStream = await openStream(bob);
    streams.push(adaStream, bobStream);

    const adaClient = (await clients(app)).find((c: { platformId: string }) =>
      c.platformId === ada.token.split(".")[0]
    );
    const reply = await app.api(`/api/clients/${adaClient.id}/messages`, {
      body: { text: "It left our warehouse today." },
    });
    assert.equal(reply.status, 202);
    await reply.body?.cancel();

    const got = await adaStream.waitFor((e) =>
      e.event === "message" && JSON.parse(e.data).text === "It left our warehouse today."
    );
    const message = JSON.parse(got.data);
    assert.equal(message.direction, "out");
    assert.deepEqual(message.author, { kind: "employee", name: "Owner" });
    assert.equal(message.clientId, undefined);
    assert.ok(got.id, "events carry an id to resume from");
    // The send completes at once: the same message turns "sent".
    await adaStream.waitFor((e) => e.event === "message" && JSON.parse(e.data).status === "sent");

    // Bob writes again, so his stream certainly saw everything up to after Ada's reply.
    await (await bob.say("Still there?")).body?.cancel();
    await bobStream.waitFor((e) => JSON.parse(e.data || "{}").text === "Still there?");
    const leaked = bobStream.events.filter((e) => e.data.includes("warehouse"));
    assert.deepEqual(leaked, []);
    assert.ok(!bobStream.events.some((e) => e.data.includes(adaClient.id)));

    // The widget tells us it was shown and read: the inbox sees the receipt.
    const receipt = await fetch(`${ada.base}/receipts`, {
      method: "POST",
      headers: ada.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ status: "read", ids: [message.id] }),
    });
    assert.equal((await receipt.json()).applied, 1);
    const inbox = (await json(await app.api(`/api/clients/${adaClient.id}/messages`))).body.items;
    assert.equal(inbox.at(-1).status, "read");
    // Bob cannot mark Ada's messages.
    const forged = await fetch(`${bob.base}/receipts`, {
      method: "POST",
      headers: bob.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ status: "read", ids: [`${adaClient.id}-1`] }),
    });
    assert.equal((await forged.json()).applied, 0);
    await Promise.all(streams.splice(0).map((s) => s.close()));
    // With no stream open, the shared feed stops reading the log.
    await eventually(() => feedFor(app.services.events, app.services.waker).listeners === 0);
  } finally {
    await Promise.all(streams.map((s) => s.close()));
    await app.close();
  }
});

Deno.test("the stream resumes from the history's cursor with Last-Event-ID", async () => {
  const { app, channel } = await setup();
  const streams: SseReader[] = [];
  try {
    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();
    await (await v.say("first")).body?.cancel();
    const { cursor } = (await json(await v.history())).body;
    await (await v.say("second")).body?.cancel();
    await (await v.say("third")).body?.cancel();
    const stream = await openStream(v, cursor);
    streams.push(stream);
    await stream.waitFor((e) => JSON.parse(e.data || "{}").text === "third");
    const texts = stream.changes.filter((e) => e.event === "message")
      .map((e) => JSON.parse(e.data).text);
    assert.deepEqual(texts, ["second", "third"]);
    // Resuming from the last id gets nothing twice.
    const again = await openStream(v, stream.changes.at(-1)!.id);
    streams.push(again);
    await (await v.say("fourth")).body?.cancel();
    await again.waitFor((e) => JSON.parse(e.data || "{}").text === "fourth");
    assert.deepEqual(
      again.changes.filter((e) => e.event === "message").map((e) => JSON.parse(e.data).text),
      ["fourth"],
    );
  } finally {
    await Promise.all(streams.map((s) => s.close()));
    await app.close();
  }
});

Deno.test("the generic webhook route cannot inject widget messages", async () => {
  const { app, channel } = await setup();
  try {
    const res = await fetch(`${app.base}/webhooks/widget/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "injected" }),
    });
    assert.equal(res.status, 401);
    await res.body?.cancel();
    assert.deepEqual(await clients(app), []);
  } finally {
    await app.close();
  }
});

Deno.test("a retried message (same ref) is stored once", async () => {
  const { app, channel } = await setup();
  try {
    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();
    const ref = "r_0123456789abcdef";
    const answers = await Promise.all([1, 2].map(() => v.say("only once", { ref })));
    const statuses = await Promise.all(answers.map(async (a) => (await json(a)).status));
    assert.deepEqual(statuses.sort(), [200, 201]);
    const [client] = await clients(app);
    const stored = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.equal(stored.length, 1);
  } finally {
    await app.close();
  }
});
