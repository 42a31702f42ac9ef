import assert from "node:assert/strict";
import { InboxSweeper } from "../../kv/inbox_sweeper.ts";
import { keys } from "../../kv/keys.ts";
import type { Client } from "../../kv/records.ts";
import { startTestApp, textUpdate } from "../helpers.ts";

async function inboxKeys(kv: Deno.Kv): Promise<Deno.KvKey[]> {
  const out: Deno.KvKey[] = [];
  for await (const e of kv.list({ prefix: keys.inboxPrefix() })) out.push(e.key);
  return out;
}

const people = [
  { id: 7001, first_name: "Ada" },
  { id: 7002, first_name: "Grace" },
  { id: 7003, first_name: "Edsger" },
];

Deno.test("a chatty client is listed once, pages skip nothing, and its old entries are swept", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    // Ada, Grace, Ada, Edsger, Ada, Grace: newest activity is Grace, then Ada, then Edsger.
    for (const who of [0, 1, 0, 2, 0, 1]) {
      const res = await app.webhook(channel, textUpdate(`hi from ${who}`, people[who]));
      assert.equal(res.status, 200);
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, 3)); // distinct activity times
    }
    const clients = app.services.clients;
    assert.ok((await inboxKeys(app.services.kv)).length > 3, "old entries wait for the sweeper");

    const whole = await clients.list({ limit: 10 });
    assert.deepEqual(whole.items.map((c) => c.name), ["Grace", "Ada", "Edsger"]);
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const p = await clients.list({ limit: 1, cursor });
      paged.push(...p.items.map((c) => c.name));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    assert.deepEqual(paged, ["Grace", "Ada", "Edsger"]);

    await clients.sweeper!.sweep();
    const left = await inboxKeys(app.services.kv);
    assert.equal(left.length, 3);
    const current = await Promise.all(whole.items.map((c) => clients.get(c.id)));
    assert.deepEqual(
      new Set(left.map((k) => JSON.stringify(k))),
      new Set(current.map((c) => JSON.stringify(keys.inboxOf(c!)))),
    );
  } finally {
    await app.close();
  }
});

Deno.test("entries a crash left behind are skipped by readers and swept after", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    const res = await app.webhook(channel, textUpdate("hello", people[0]));
    await res.body?.cancel();
    const [ada] = (await app.services.clients.list({ limit: 5 })).items;
    // What a process killed before its sweep leaves: entries for times Ada has moved past.
    const kv = app.services.kv;
    const old = [1, 2, 3].map((k) => keys.inbox(false, Date.parse(ada.lastActivityAt) - k, ada.id));
    for (const key of old) await kv.set(key, ada.id);
    await kv.set(keys.inbox(false, 5, "01J0NOSUCHCLIENT0000000000"), "01J0NOSUCHCLIENT0000000000");

    const listed = await app.services.clients.list({ limit: 5 });
    assert.deepEqual(listed.items.map((c) => c.id), [ada.id]);
    await app.services.clients.sweeper!.sweep();
    assert.deepEqual(await inboxKeys(kv), [keys.inboxOf(ada)]);
  } finally {
    await app.close();
  }
});

Deno.test("the sweeper keeps an entry its client has come back to", async () => {
  const kv = await Deno.openKv(":memory:");
  const sweeper = new InboxSweeper(kv, 60_000);
  try {
    const client = {
      id: "01J0000000000000000000000C",
      pinned: false,
      lastActivityAt: "2026-11-24T10:00:00.000Z",
    } as Client;
    const current = keys.inboxOf(client);
    const moved = keys.inboxOf({ ...client, pinned: true });
    await kv.set(keys.client(client.id), client);
    await kv.set(current, client.id);
    await kv.set(moved, client.id);
    sweeper.add(current); // reported stale once, but the client is back on it
    sweeper.add(moved);
    await sweeper.sweep();
    assert.deepEqual(await inboxKeys(kv), [current]);
  } finally {
    await sweeper.close();
    kv.close();
  }
});
