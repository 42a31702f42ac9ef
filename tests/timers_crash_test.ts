import assert from "node:assert/strict";
import { startFakeTelegram } from "../connectors/telegram/fake.ts";
import { spawnServer } from "./process.ts";
import { textUpdate } from "./helpers.ts";

const TIMERS = 200;

for (const mailbox of ["queue", "table"]) {
  Deno.test({
    name:
      `${mailbox}: SIGKILL with ${TIMERS} timers pending; after restart each is sent once, none early`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const dir = await Deno.makeTempDir();
      const telegram = startFakeTelegram();
      const env = { KV_PATH: `${dir}/store.db`, TELEGRAM_API_BASE: telegram.url, MAILBOX: mailbox };
      let server = await spawnServer(env);
      try {
        let cookie = await server.login();
        const headers = () => ({ cookie, "content-type": "application/json" });
        const channel = await (await fetch(`${server.base}/api/channels`, {
          method: "POST",
          headers: headers(),
          body: JSON.stringify({ type: "telegram", name: "Timers", config: { token: "7:timers" } }),
        })).json();
        const secret = String(
          telegram.calls.find((c) => c.method === "setWebhook")!.params.secret_token,
        );
        for (let k = 0; k < 10; k++) {
          const res = await fetch(`${server.base}/webhooks/telegram/${channel.id}`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "X-Telegram-Bot-Api-Secret-Token": secret,
            },
            body: JSON.stringify(textUpdate("hi", { id: 6_000 + k, first_name: `Client ${k}` })),
          });
          await res.body?.cancel();
        }
        const clients =
          (await (await fetch(`${server.base}/api/clients`, { headers: headers() })).json()).items;
        // 200 messages due between 1.5 s and 4 s from now. The server is killed at 1 s, while all
        // of them are pending, and is down for 2 s, so most come due while nothing runs.
        const due = new Map<string, number>();
        const start = Date.now();
        await Promise.all(Array.from({ length: TIMERS }, async (_, i) => {
          const at = start + 1_500 + Math.floor((i / TIMERS) * 2_500);
          const text = `timer ${i}`;
          due.set(text, at);
          const res = await fetch(
            `${server.base}/api/clients/${clients[i % clients.length].id}/messages`,
            {
              method: "POST",
              headers: headers(),
              body: JSON.stringify({ text, sendAt: new Date(at).toISOString() }),
            },
          );
          assert.equal(res.status, 202);
          await res.body?.cancel();
        }));
        await new Promise((r) => setTimeout(r, Math.max(0, start + 1_000 - Date.now())));
        assert.equal(telegram.calls.filter((c) => c.method === "sendMessage").length, 0);
        await server.kill("SIGKILL");
        await new Promise((r) => setTimeout(r, 2_000));
        server = await spawnServer(env);
        cookie = await server.login();
        const deadline = Date.now() + 15_000;
        const sent = () =>
          telegram.calls.filter((c) =>
            c.method === "sendMessage" && String(c.params.text).startsWith("timer ")
          );
        while (new Set(sent().map((c) => c.params.text)).size < TIMERS && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 1_000));
        const counts = new Map<string, number>();
        for (const c of sent()) {
          counts.set(String(c.params.text), (counts.get(String(c.params.text)) ?? 0) + 1);
        }
        assert.equal(counts.size, TIMERS, `${counts.size} of ${TIMERS} sent`);
        assert.deepEqual([...counts].filter(([, n]) => n !== 1), [], "sent more than once");
        const early = sent().filter((c) => c.at < due.get(String(c.params.text))!);
        assert.deepEqual(early.map((c) => c.params.text), [], "sent early");
      } finally {
        await server.kill();
        await telegram.close();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
