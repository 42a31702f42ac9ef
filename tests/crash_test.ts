import assert from "node:assert/strict";
import { startFakeTelegram } from "../connectors/telegram/fake.ts";
import { spawnServer } from "./process.ts";

const CHATS = 25;
const UPDATES = 1_500;

function update(i: number) {
  const chat = 9_000_000_000 + (i % CHATS);
  return {
    update_id: 700_000_000 + i,
    message: {
      message_id: i + 1,
      from: { id: chat, is_bot: false, first_name: `Client ${i % CHATS}` },
      chat: { id: chat, first_name: `Client ${i % CHATS}`, type: "private" },
      date: 1_700_000_000 + i,
      text: `burst message ${i}`,
    },
  };
}

Deno.test({
  name:
    "SIGKILL in the middle of a webhook burst loses no acknowledged update and stores none twice",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    const telegram = startFakeTelegram();
    const env = { KV_PATH: `${dir}/store.db`, TELEGRAM_API_BASE: telegram.url };
    let server = await spawnServer(env);
    try {
      let cookie = await server.login();
      const created = await fetch(`${server.base}/api/channels`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({
          type: "telegram",
          name: "Crash bot",
          config: { token: "42:crash-test" },
        }),
      });
      const channel = await created.json();
      const secret = String(
        telegram.calls.find((c) => c.method === "setWebhook")!.params.secret_token,
      );
      const post = (base: string, i: number) =>
        fetch(`${base}/webhooks/telegram/${channel.id}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "X-Telegram-Bot-Api-Secret-Token": secret,
          },
          body: JSON.stringify(update(i)),
        }).then(async (r) => {
          await r.body?.cancel();
          return r.status;
        });

      // The burst: 32 senders; the server is killed once a third of it is acknowledged.
      const acked = new Set<number>();
      let next = 0;
      let killed = false;
      const sender = async () => {
        while (next < UPDATES) {
          const i = next++;
          try {
            if ((await post(server.base, i)) === 200) acked.add(i);
          } catch { /* the server died under this request: not acknowledged */ }
          if (!killed && acked.size >= UPDATES / 3) {
            killed = true;
            await server.kill("SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: 32 }, sender));
      assert.ok(killed);
      assert.ok(acked.size >= UPDATES / 3 && acked.size < UPDATES, `acked ${acked.size}`);

      // Telegram redelivers what it did not see acknowledged; we redeliver everything.
      server = await spawnServer(env);
      cookie = await server.login();
      for (let i = 0; i < UPDATES; i += 50) {
        const statuses = await Promise.all(
          Array.from({ length: Math.min(50, UPDATES - i) }, (_, k) => post(server.base, i + k)),
        );
        assert.ok(statuses.every((s) => s === 200), `redelivery answered ${statuses}`);
      }

      const stored = new Map<string, number>();
      const clients =
        await (await fetch(`${server.base}/api/clients?limit=200`, { headers: { cookie } })).json();
      assert.equal(clients.items.length, CHATS);
      for (const c of clients.items) {
        const page = await (await fetch(`${server.base}/api/clients/${c.id}/messages?limit=500`, {
          headers: { cookie },
        }))
          .json();
        assert.equal(page.hasMore, false);
        for (const m of page.items) stored.set(m.text, (stored.get(m.text) ?? 0) + 1);
      }
      const lostAcked = [...acked].filter((i) => !stored.has(`burst message ${i}`));
      const twice = [...stored].filter(([, n]) => n > 1);
      assert.deepEqual(lostAcked, [], "acknowledged updates lost");
      assert.deepEqual(twice, [], "updates stored twice");
      assert.equal(stored.size, UPDATES);
      console.log(
        `crash: ${acked.size} of ${UPDATES} acknowledged before SIGKILL; 0 lost, 0 stored twice`,
      );
    } finally {
      await server.kill();
      await telegram.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
