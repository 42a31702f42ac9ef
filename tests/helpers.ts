import { createApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { type FakeTelegram, startFakeTelegram } from "../connectors/telegram/fake.ts";
import { ensureOwner } from "../main.ts";
import { openServices, type Services } from "../services.ts";

export const OWNER = { email: "owner@example.com", password: "correct horse battery" };

/** A running Switchboard on a real socket with a real (in-memory or file) KV and a fake Telegram. */
export interface TestApp {
  base: string;
  services: Services;
  telegram: FakeTelegram;
  /** A session cookie for the owner. */
  cookie: string;
  /** fetch with the owner's cookie, JSON in and out. */
  api(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Connects a Telegram channel; returns its id and webhook secret. */
  connectTelegram(token?: string): Promise<{ id: string; secret: string }>;
  /** Posts a Telegram update to the channel's webhook. */
  webhook(
    channel: { id: string; secret: string },
    update: unknown,
    secret?: string,
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const telegram = startFakeTelegram();
  const config = loadConfig({
    KV_PATH: ":memory:",
    PASSWORD_ITERATIONS: "1000",
    TELEGRAM_API_BASE: telegram.url,
    ...env,
  });
  const services = await openServices(config);
  await ensureOwner(services.employees, OWNER.email, OWNER.password);
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    createApp(services).fetch,
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(OWNER),
  });
  await login.body?.cancel();
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const app: TestApp = {
    base,
    services,
    telegram,
    cookie,
    api(path, init = {}) {
      return fetch(base + path, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          cookie,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
    async connectTelegram(token = "123456:TEST-token_abc") {
      const res = await app.api("/api/channels", {
        body: { type: "telegram", name: "Support bot", config: { token } },
      });
      const channel = await res.json();
      if (res.status !== 201) throw new Error(`connect failed: ${JSON.stringify(channel)}`);
      const stored = await services.channels.get(channel.id);
      return { id: channel.id, secret: stored!.webhookSecret };
    },
    webhook(channel, update, secret = channel.secret) {
      return fetch(`${base}/webhooks/telegram/${channel.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
        body: typeof update === "string" ? update : JSON.stringify(update),
      });
    },
    async close() {
      await server.shutdown();
      await services.close();
      await telegram.close();
    },
  };
  return app;
}

let updateId = 10_000;
/** A private-chat text message update as Telegram sends it. */
export function textUpdate(
  text: string,
  from: { id: number; first_name: string; last_name?: string; username?: string } = {
    id: 408258968,
    first_name: "Ada",
    last_name: "Lovelace",
    username: "ada",
  },
  update_id = ++updateId,
) {
  return {
    update_id,
    message: {
      message_id: update_id,
      from: { ...from, is_bot: false, language_code: "en" },
      chat: {
        id: from.id,
        first_name: from.first_name,
        last_name: from.last_name,
        username: from.username,
        type: "private",
      },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  };
}

/** Reads a JSON body and its status in one go. */
// deno-lint-ignore no-explicit-any
export async function json(res: Response): Promise<{ status: number; body: any }> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls until `fn` returns a truthy value or the time runs out. */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (true) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** An open `GET /api/events` stream, parsed as it arrives. */
export class SseReader {
  events: SseEvent[] = [];
  #abort = new AbortController();
  #done: Promise<void>;
  #waiters: (() => void)[] = [];

  constructor(readonly res: Response, abort: AbortController) {
    this.#abort = abort;
    this.#done = this.#read();
  }

  static async open(app: TestApp, lastEventId?: string): Promise<SseReader> {
    const abort = new AbortController();
    const res = await fetch(`${app.base}/api/events`, {
      headers: { cookie: app.cookie, ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) },
      signal: abort.signal,
    });
    if (res.status !== 200) throw new Error(`events answered ${res.status}`);
    const reader = new SseReader(res, abort);
    await reader.waitFor((e) => e.event === "ready");
    return reader;
  }

  async #read() {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of this.res.body!) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: "message", data: "" };
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const [field, ...rest] = line.split(":");
            const value = rest.join(":").replace(/^ /, "");
            if (field === "id") e.id = value;
            else if (field === "event") e.event = value;
            else if (field === "data") data.push(value);
          }
          if (data.length === 0 && !e.id) continue;
          e.data = data.join("\n");
          this.events.push(e);
          this.#waiters.splice(0).forEach((w) => w());
        }
      }
    } catch (e) {
      if (!this.#abort.signal.aborted) throw e;
    }
  }

  /** Data events (not the "ready" greeting). */
  get changes(): SseEvent[] {
    return this.events.filter((e) => e.id);
  }

  async waitFor(pred: (e: SseEvent) => boolean, timeoutMs = 5_000): Promise<SseEvent> {
    const until = Date.now() + timeoutMs;
    while (true) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      const left = until - Date.now();
      if (left <= 0) throw new Error("event did not arrive in time");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close() {
    this.#abort.abort();
    await this.#done;
  }
}

/** Runs `fn` with console.warn recorded instead of printed; resolves with what was warned. */
export async function warningsOf(fn: () => Promise<void>): Promise<string[]> {
  const warned: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warned.push(args.map(String).join(" "));
  try {
    await fn();
  } finally {
    console.warn = original;
  }
  return warned;
}
