import assert from "node:assert/strict";
import { SseReader, startTestApp, textUpdate } from "../../helpers.ts";

Deno.test("a webhook message reaches an open event stream with its client", async () => {
  const app = await startTestApp();
  const stream = await SseReader.open(app);
  try {
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("Where is my parcel?"))).body?.cancel();
    const created = await stream.waitFor((e) => e.event === "message.created");
    const data = JSON.parse(created.data);
    assert.equal(data.message.text, "Where is my parcel?");
    assert.equal(data.clientId, data.message.clientId);
    assert.ok(created.id);
    const client = await stream.waitFor((e) => e.event === "client.created");
    assert.equal(JSON.parse(client.data).client.name, "Ada Lovelace");
  } finally {
    await stream.close();
    await app.close();
  }
});

Deno.test("reconnecting with Last-Event-ID replays exactly what was missed", async () => {
  const app = await startTestApp();
  const channel = await app.connectTelegram();
  const first = await SseReader.open(app);
  try {
    for (let i = 0; i < 5; i++) {
      await (await app.webhook(channel, textUpdate(`before ${i}`))).body?.cancel();
    }
    await first.waitFor((e) => JSON.parse(e.data).message?.text === "before 4");
    const seen = first.changes;
    const lastId = seen.at(-1)!.id!;
    await first.close();

    const missed = ["gap 1", "gap 2", "gap 3"];
    for (const t of missed) {
      await (await app.webhook(channel, textUpdate(t, { id: 77, first_name: "Grace" }))).body
        ?.cancel();
    }
    const resumed = await SseReader.open(app, lastId);
    try {
      await resumed.waitFor((e) => JSON.parse(e.data).message?.text === "gap 3");
      await (await app.webhook(channel, textUpdate("live again"))).body?.cancel();
      await resumed.waitFor((e) => JSON.parse(e.data).message?.text === "live again");
      const texts = resumed.changes.filter((e) => e.event === "message.created").map((e) =>
        JSON.parse(e.data).message.text
      );
      assert.deepEqual(texts, [...missed, "live again"]);
      const ids = [...seen, ...resumed.changes].map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, "no event is sent twice");
      assert.deepEqual([...ids].sort(), ids, "ids increase");
    } finally {
      await resumed.close();
    }
  } finally {
    await app.close();
  }
});

Deno.test("a stream resumes with no gap and no duplicate across a server restart", async () => {
  const dir = await Deno.makeTempDir();
  const env = { KV_PATH: `${dir}/store.db` };
  let app = await startTestApp(env);
  try {
    const channel = await app.connectTelegram();
    const stream = await SseReader.open(app);
    await (await app.webhook(channel, textUpdate("one"))).body?.cancel();
    await stream.waitFor((e) => JSON.parse(e.data).message?.text === "one");
    const lastId = stream.changes.at(-1)!.id!;
    const sentBefore = stream.changes.map((e) => e.id);
    await stream.close();
    await (await app.webhook(channel, textUpdate("two"))).body?.cancel();
    await app.close();

    app = await startTestApp(env);
    const secret = (await app.services.channels.get(channel.id))!.webhookSecret;
    await (await app.webhook({ id: channel.id, secret }, textUpdate("three"))).body?.cancel();
    const resumed = await SseReader.open(app, lastId);
    try {
      await resumed.waitFor((e) => JSON.parse(e.data).message?.text === "three");
      const texts = resumed.changes.filter((e) => e.event === "message.created").map((e) =>
        JSON.parse(e.data).message.text
      );
      assert.deepEqual(texts, ["two", "three"]);
      assert.equal(resumed.changes.some((e) => sentBefore.includes(e.id)), false);
    } finally {
      await resumed.close();
    }
  } finally {
    await app.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a Last-Event-ID that is not ours starts the stream live", async () => {
  const app = await startTestApp();
  const channel = await app.connectTelegram();
  await (await app.webhook(channel, textUpdate("old news"))).body?.cancel();
  const stream = await SseReader.open(app, "garbage-id");
  try {
    await (await app.webhook(channel, textUpdate("fresh"))).body?.cancel();
    await stream.waitFor((e) => JSON.parse(e.data).message?.text === "fresh");
    assert.equal(
      stream.changes.some((e) => JSON.parse(e.data).message?.text === "old news"),
      false,
    );
  } finally {
    await stream.close();
    await app.close();
  }
});
