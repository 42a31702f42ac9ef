/**
 * `deno task bench`: ingest, live-update and reply latency figures, printed in one run.
 * The server runs as its own process on a KV file, as in production; load comes from this one.
 */
import { startFakeTelegram } from "../../connectors/telegram/fake.ts";
import { spawnServer } from "../process.ts";

const SENDERS = Number(Deno.env.get("BENCH_SENDERS") ?? 128);
const now = () => performance.timeOrigin + performance.now();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Sequential check+set commits on a KV file: the rate one commit per request could reach. */
async function rawCommitRate(dir: string, seconds: number): Promise<number> {
  const kv = await Deno.openKv(`${dir}/raw.db`);
  let n = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const key = ["raw", n];
    await kv.atomic().check({ key, versionstamp: null }).set(key, { n, text: "x".repeat(200) })
      .commit();
    n++;
  }
  kv.close();
  return n / seconds;
}

/** CPU seconds and bytes written to disk so far by a process (Linux /proc; null elsewhere). */
function processUse(pid: number): { cpu: number; written: number; at: number } | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
    const io = Deno.readTextFileSync(`/proc/${pid}/io`);
    return {
      cpu: (Number(stat[11]) + Number(stat[12])) / 100,
      written: Number(/write_bytes: (\d+)/.exec(io)?.[1] ?? NaN),
      at: performance.now() / 1000,
    };
  } catch {
    return null;
  }
}

let updateId = 1;
function update(chat: number, text: string) {
  const id = updateId++;
  return JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      from: { id: chat, is_bot: false, first_name: `Client ${chat}` },
      chat: { id: chat, first_name: `Client ${chat}`, type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  });
}

/** How late scheduled messages reach the messenger: 300 timers due over 3 s, on one backend. */
async function timerLateness(mailbox: "queue" | "table"): Promise<number[]> {
  const dir = await Deno.makeTempDir({ prefix: "switchboard-bench-" });
  const telegram = startFakeTelegram();
  const server = await spawnServer({
    KV_PATH: `${dir}/store.db`,
    TELEGRAM_API_BASE: telegram.url,
    MAILBOX: mailbox,
  });
  try {
    const cookie = await server.login();
    const headers = { cookie, "content-type": "application/json" };
    const channel = await (await fetch(`${server.base}/api/channels`, {
      method: "POST",
      headers,
      body: JSON.stringify({ type: "telegram", name: "Timers", config: { token: "2:timers" } }),
    })).json();
    const secret = String(
      telegram.calls.find((c) => c.method === "setWebhook")!.params.secret_token,
    );
    for (let k = 0; k < 20; k++) {
      const res = await fetch(`${server.base}/webhooks/telegram/${channel.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
        body: update(300_000 + k, "hi"),
      });
      await res.body?.cancel();
    }
    const clients = (await (await fetch(`${server.base}/api/clients?limit=20`, { headers })).json())
      .items;
    const due = new Map<string, number>();
    const start = Date.now() + 1_000;
    for (let i = 0; i < 300; i++) {
      const at = start + i * 10;
      const text = `timer-${mailbox}-${i}`;
      due.set(text, at);
      const res = await fetch(`${server.base}/api/clients/${clients[i % 20].id}/messages`, {
        method: "POST",
        headers,
        body: JSON.stringify({ text, sendAt: new Date(at).toISOString() }),
      });
      await res.body?.cancel();
    }
    const late: number[] = [];
    for (const [text, at] of due) {
      const call = await telegram.waitFor((c) => c.params.text === text, 15_000);
      late.push(call.at - at);
    }
    return late;
  } finally {
    await server.kill("SIGTERM");
    await telegram.close();
    await Deno.remove(dir, { recursive: true });
  }
}

async function main() {
  const dir = await Deno.makeTempDir({ prefix: "switchboard-bench-" });
  const telegram = startFakeTelegram();
  const server = await spawnServer({ KV_PATH: `${dir}/store.db`, TELEGRAM_API_BASE: telegram.url });
  try {
    const cookie = await server.login();
    const channel = await (await fetch(`${server.base}/api/channels`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ type: "telegram", name: "Bench bot", config: { token: "1:bench" } }),
    })).json();
    const secret = String(
      telegram.calls.find((c) => c.method === "setWebhook")!.params.secret_token,
    );
    const hook = `${server.base}/webhooks/telegram/${channel.id}`;
    const post = async (body: string) => {
      const res = await fetch(hook, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
        body,
      });
      await res.body?.cancel();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    };

    // 1. Raw KV commit rate on the same disk.
    const raw = await rawCommitRate(dir, 3);

    // 2. Sustained ingest: SENDERS concurrent senders, 2,000 different chats, 5 s after a warm-up.
    const ingest = async (seconds: number) => {
      let done = 0;
      const until = Date.now() + seconds * 1000;
      const started = now();
      await Promise.all(Array.from({ length: SENDERS }, async () => {
        while (Date.now() < until) {
          await post(update(100_000 + Math.floor(Math.random() * 2000), "ingest"));
          done++;
        }
      }));
      return done / ((now() - started) / 1000);
    };
    await ingest(1);
    const before = processUse(server.child.pid);
    const rate = await ingest(5);
    const after = processUse(server.child.pid);

    // 3. Webhook → SSE: one message at a time, timed until the stream delivers it.
    const abort = new AbortController();
    const sse = await fetch(`${server.base}/api/events`, {
      headers: { cookie },
      signal: abort.signal,
    });
    const arrivals = new Map<string, number>();
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buf = "";
      try {
        for await (const chunk of sse.body!) {
          buf += decoder.decode(chunk, { stream: true });
          for (const m of buf.matchAll(/"text":"(sse-\d+)"/g)) {
            if (!arrivals.has(m[1])) arrivals.set(m[1], now());
          }
          buf = buf.slice(Math.max(0, buf.lastIndexOf("\n\n")));
        }
      } catch { /* aborted */ }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const sseLatency: number[] = [];
    for (let i = 0; i < 400; i++) {
      const text = `sse-${i}`;
      const t0 = now();
      await post(update(200_000 + (i % 50), text));
      while (!arrivals.has(text)) await new Promise((r) => setTimeout(r, 0));
      sseLatency.push(arrivals.get(text)! - t0);
    }
    abort.abort();
    await reading;

    // 4. Reply → Telegram API: from the employee's POST to the fake Bot API receiving sendMessage.
    const clients =
      await (await fetch(`${server.base}/api/clients?limit=20`, { headers: { cookie } })).json();
    const replyLatency: number[] = [];
    for (let i = 0; i < 300; i++) {
      const client = clients.items[i % clients.items.length];
      const text = `reply-${i}`;
      const t0 = now();
      const res = await fetch(`${server.base}/api/clients/${client.id}/messages`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
      await res.body?.cancel();
      const call = await telegram.waitFor(
        (c) => c.method === "sendMessage" && c.params.text === text,
        10_000,
      );
      replyLatency.push(call.at - t0);
    }

    const lateness = {
      queue: await timerLateness("queue"),
      table: await timerLateness("table"),
    };
    const rows: [string, string, string][] = [
      ["raw Deno KV check+set commits/s (one at a time, same disk)", fmt(raw, 0), ""],
      [
        `sustained webhook ingest, msg/s (${SENDERS} senders, HTTP, file KV)`,
        fmt(rate, 0),
        `${fmt(rate / raw, 2)}× raw (target ≥ 2×)`,
      ],
      ...(before && after
        ? [
          [
            "  server disk writes per ingested message, KB",
            fmt((after.written - before.written) / 1024 / (rate * (after.at - before.at)), 1),
            "SQLite pages + WAL",
          ],
          [
            "  server CPU during ingest, % of one core",
            fmt(((after.cpu - before.cpu) / (after.at - before.at)) * 100, 0),
            `${navigator.hardwareConcurrency} cores here`,
          ],
        ] as [string, string, string][]
        : []),
      ["webhook → SSE latency p50, ms", fmt(pct(sseLatency, 50), 2), ""],
      ["webhook → SSE latency p99, ms", fmt(pct(sseLatency, 99), 2), "target < 25 ms"],
      ["reply → Telegram API p50, ms", fmt(pct(replyLatency, 50), 2), "target < 10 ms"],
      ["reply → Telegram API p99, ms", fmt(pct(replyLatency, 99), 2), ""],
      ...(["queue", "table"] as const).flatMap((m): [string, string, string][] => [
        [`timer lateness p50, ms (${m} mailbox)`, fmt(pct(lateness[m], 50), 1), ""],
        [`timer lateness p99, ms (${m} mailbox)`, fmt(pct(lateness[m], 99), 1), "target < 300 ms"],
      ]),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log("\nSwitchboard benchmark");
    for (const [name, value, note] of rows) {
      console.log(`  ${name.padEnd(width)}  ${value.padStart(9)}  ${note}`);
    }
  } finally {
    await server.kill("SIGTERM");
    await telegram.close();
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await main();
