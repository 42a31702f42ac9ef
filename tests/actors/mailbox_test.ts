import assert from "node:assert/strict";
import type { Mailbox, MailItem } from "../../actors/mailbox/mod.ts";
import { QueueMailbox } from "../../actors/mailbox/queue.ts";
import { TableMailbox } from "../../actors/mailbox/table.ts";

const backends: Record<string, (kv: Deno.Kv) => Mailbox> = {
  queue: (kv) => new QueueMailbox(kv, 8),
  table: (kv) => new TableMailbox(kv, 8),
};

function item(n: number): MailItem {
  return { kind: "deliver", clientId: "C", messageId: `M${n}` };
}

async function until(fn: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const [name, make] of Object.entries(backends)) {
  Deno.test(`${name} mailbox: an item added to a commit runs once, not before its delay`, async () => {
    const dir = await Deno.makeTempDir();
    const kv = await Deno.openKv(`${dir}/kv.db`);
    const mailbox = make(kv);
    const seen: { id: string; at: number }[] = [];
    mailbox.listen((i) => {
      seen.push({ id: (i as { messageId: string }).messageId, at: Date.now() });
      return Promise.resolve();
    });
    const started = Date.now();
    const op = kv.atomic().set(["x"], 1);
    mailbox.addTo(op, item(1), { delayMs: 600 });
    mailbox.addTo(op, item(2));
    assert.ok((await op.commit()).ok);
    await until(() => seen.length >= 2, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(seen.map((s) => s.id).sort(), ["M1", "M2"]);
    const late = seen.find((s) => s.id === "M1")!.at - started;
    assert.ok(late >= 600, `ran after ${late} ms`);
    mailbox.stop();
    kv.close();
    await Deno.remove(dir, { recursive: true });
  });

  Deno.test(`${name} mailbox: an item in a commit that failed never runs`, async () => {
    const kv = await Deno.openKv(":memory:");
    const mailbox = make(kv);
    let ran = 0;
    mailbox.listen(() => {
      ran++;
      return Promise.resolve();
    });
    await kv.set(["taken"], 1);
    const op = kv.atomic().check({ key: ["taken"], versionstamp: null });
    mailbox.addTo(op, item(1));
    assert.equal((await op.commit()).ok, false);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(ran, 0);
    mailbox.stop();
    kv.close();
  });

  Deno.test(`${name} mailbox: a handler that throws is tried again`, async () => {
    const kv = await Deno.openKv(":memory:");
    const mailbox = make(kv);
    let tries = 0;
    mailbox.listen(() => {
      tries++;
      return tries === 1 ? Promise.reject(new Error("flaky")) : Promise.resolve();
    });
    await mailbox.send(item(1));
    await until(() => tries >= 2, 10_000);
    mailbox.stop();
    kv.close();
  });
}

Deno.test("table mailbox: two runners on one store run each due job exactly once", async () => {
  // Two runners sharing a store, as instances on Deno Deploy share its KV.
  const a = await Deno.openKv(":memory:");
  const b = a;
  const runs = new Map<string, number>();
  const count = (i: MailItem) => {
    const id = (i as { messageId: string }).messageId;
    runs.set(id, (runs.get(id) ?? 0) + 1);
    return Promise.resolve();
  };
  const ma = new TableMailbox(a, 8);
  const mb = new TableMailbox(b, 8);
  ma.listen(count);
  mb.listen(count);
  for (let i = 0; i < 100; i++) {
    await (i % 2 ? ma : mb).send(item(i), { delayMs: 200 + (i % 7) * 50 });
  }
  await until(() => runs.size === 100, 10_000);
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual([...runs.values()].filter((n) => n !== 1), []);
  ma.stop();
  mb.stop();
  a.close();
});

Deno.test("table mailbox: a job whose handler died comes back when its lease ends", async () => {
  const kv = await Deno.openKv(":memory:");
  let now = Date.now();
  const clock = () => now;
  const first = new TableMailbox(kv, 8, clock);
  let hung = 0;
  first.listen(() => {
    hung++;
    return new Promise(() => {}); // never finishes: the process "died" mid-job
  });
  await first.send(item(1));
  await until(() => hung === 1, 3_000);
  first.stop();
  const second = new TableMailbox(kv, 8, clock);
  let ran = 0;
  second.listen(() => {
    ran++;
    return Promise.resolve();
  });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(ran, 0, "not while the lease holds");
  now += 31_000;
  await second.tick();
  await until(() => ran === 1, 3_000);
  second.stop();
  kv.close();
});
