import { CallLog, redirect } from "../fake_log.ts";
import { viberSignature } from "./signature.ts";

/** One request the fake Viber API received. */
export interface FakeViberCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** When the request arrived, in epoch milliseconds with sub-millisecond precision. */
  at: number;
}

/** A Viber body (sent with HTTP 200 as Viber does), or an explicit HTTP status and body. */
export type FakeViberAnswer =
  | { status: number; [field: string]: unknown }
  | { httpStatus: number; body: string };

/** A programmed answer, fixed or computed from the call. */
export type FakeViberResponse =
  | FakeViberAnswer
  | ((params: Record<string, unknown>, call: FakeViberCall) => FakeViberAnswer);

/** Statuses Viber really answers with, by name. */
export const VIBER_FAILURES = {
  invalidAuthToken: 2,
  badData: 3,
  receiverNotRegistered: 5,
  receiverNotSubscribed: 6,
  receiverNoSuitableDevice: 11,
  tooManyRequests: 12,
} as const;

/** A failure to program: one of Viber's statuses, or an HTML error page from a proxy. */
export type FakeViberFailure = keyof typeof VIBER_FAILURES | "badGateway";

/** A message the fake accepted, with the token it answered (exact, past 2^53). */
export interface FakeViberSent {
  token: string;
  receiver: string;
  params: Record<string, unknown>;
}

/** The webhook check the fake sent during `set_webhook`, and what it got back. */
export interface FakeViberCheck {
  url: string;
  body: string;
  signature: string;
  answerStatus: number;
}

/** A running fake Viber REST API. */
export interface FakeViber {
  /** The base URL, to use as `VIBER_API_BASE`. */
  url: string;
  calls: FakeViberCall[];
  sent: FakeViberSent[];
  checks: FakeViberCheck[];
  /** The webhook now set, if any: an empty `set_webhook` url clears it. */
  webhook: string | undefined;
  /**
   * Where the fake really sends webhook calls: this origin replaces the URL's (tests run the
   * app on a random port, while the URL is built from PUBLIC_URL).
   */
  webhookOrigin?: string;
  /** Answers the next `times` calls of `method` with `response` instead of the default. */
  setNext(method: string, response: FakeViberResponse, times?: number): void;
  /** Makes the next `times` calls of `method` fail the way Viber does. */
  failNext(method: string, failure: FakeViberFailure, times?: number): void;
  /** Answers every call made with `token` with invalidAuthToken. */
  rejectToken(token: string): void;
  /** Resolves with the first call, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: FakeViberCall) => boolean, timeoutMs?: number): Promise<FakeViberCall>;
  close(): Promise<void>;
}

/**
 * Starts a fake Viber REST API on 127.0.0.1 for tests. Like Viber, `set_webhook` first posts a
 * signed `webhook` event to the URL and fails unless it answers 200 (`checkWebhook: false`
 * skips that), `set_webhook` with an empty url removes the webhook without a check, and
 * `send_message` fails until a webhook is set (`webhook` presets one).
 *
 * @example
 * ```ts
 * const viber = startFakeViber({ webhook: "https://example.com/hook" });
 * viber.failNext("send_message", "receiverNotSubscribed");
 * await viber.close();
 * ```
 */
export function startFakeViber(
  options: { port?: number; checkWebhook?: boolean; webhook?: string } = {},
): FakeViber {
  const log = new CallLog<FakeViberCall>("Viber call");
  const calls = log.calls;
  const sent: FakeViberSent[] = [];
  const checks: FakeViberCheck[] = [];
  const queued = new Map<string, FakeViberResponse[]>();
  const rejected = new Set<string>();
  // Real tokens are 64-bit and past 2^53: JSON.parse cannot hold them exactly.
  let nextToken = 5_466_297_467_809_468_529n;
  const token = () => (nextToken += 1_000_003n).toString();

  const defaults: Record<
    string,
    (p: Record<string, unknown>, c: FakeViberCall) => Promise<FakeViberAnswer> | FakeViberAnswer
  > = {
    get_account_info: () => ({
      status: 0,
      status_message: "ok",
      id: "pa:5166437628813383542",
      chat_hostname: "SN-CHAT-04_",
      name: "Fake shop",
      uri: "fakeshop",
      icon: "https://media-direct.cdn.viber.com/pg_download?id=fake",
      category: "Shopping",
      country: "DE",
      webhook: fake.webhook ?? "",
      event_types: [],
      subscribers_count: 0,
      members: [],
    }),
    set_webhook: async (p, c) => {
      if (typeof p.url !== "string") return failure(4, "missingData");
      // An empty url removes the webhook: nothing to check, and Viber stops calling.
      if (!p.url) {
        fake.webhook = undefined;
        return { status: 0, status_message: "ok" };
      }
      if (options.checkWebhook !== false) {
        const answer = await check(p.url, c.token);
        if (answer !== 200) return failure(1, "invalidUrl");
      }
      fake.webhook = p.url;
      return {
        status: 0,
        status_message: "ok",
        chat_hostname: "SN-CHAT-04_",
        event_types: p.event_types ?? [],
      };
    },
    send_message: (p) => {
      if (!fake.webhook) return failure(10, "webhookNotSet");
      const sender = p.sender as { name?: unknown } | undefined;
      if (typeof p.receiver !== "string" || !p.receiver || typeof sender?.name !== "string") {
        return failure(4, "missingData");
      }
      if (!validContent(p)) return failure(3, "badData");
      const exact = token();
      sent.push({ token: exact, receiver: p.receiver, params: p });
      return { status: 0, status_message: "ok", message_token: exact, billing_status: 1 };
    },
  };

  async function check(url: string, authToken: string): Promise<number> {
    const body = `{"event":"webhook","timestamp":${Date.now()},"chat_hostname":"SN-CHAT-04_",` +
      `"message_token":${token()}}`;
    const signature = await viberSignature(authToken, new TextEncoder().encode(body));
    let answerStatus = 0;
    try {
      const res = await fetch(redirect(url, fake.webhookOrigin), {
        method: "POST",
        headers: { "content-type": "application/json", "X-Viber-Content-Signature": signature },
        body,
      });
      await res.body?.cancel();
      answerStatus = res.status;
    } catch {
      answerStatus = 0;
    }
    checks.push({ url, body, signature, answerStatus });
    return answerStatus;
  }

  async function handle(req: Request): Promise<Response> {
    const at = performance.timeOrigin + performance.now();
    const method = new URL(req.url).pathname.match(/^\/pa\/(\w+)$/)?.[1];
    if (!method || req.method !== "POST") {
      await req.body?.cancel();
      return new Response("Not Found", { status: 404 });
    }
    const json: unknown = await req.json().catch(() => undefined);
    const params = typeof json === "object" && json !== null && !Array.isArray(json)
      ? Object.fromEntries(Object.entries(json))
      : {};
    const authToken = req.headers.get("X-Viber-Auth-Token") ?? "";
    const call: FakeViberCall = { method, token: authToken, params, at };
    log.record(call);
    if (!authToken || rejected.has(authToken)) return reply(failure(2, "invalidAuthToken"));
    const programmed = queued.get(method)?.shift();
    if (programmed !== undefined) {
      return reply(typeof programmed === "function" ? programmed(params, call) : programmed);
    }
    const answer = defaults[method];
    return reply(answer ? await answer(params, call) : { httpStatus: 404, body: "Not Found" });
  }

  const server = Deno.serve(
    { port: options.port ?? 0, hostname: "127.0.0.1", onListen() {} },
    handle,
  );
  const fake: FakeViber = {
    url: `http://127.0.0.1:${server.addr.port}`,
    calls,
    sent,
    checks,
    webhook: options.webhook,
    setNext(method, response, times = 1) {
      const list = queued.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(response);
      queued.set(method, list);
    },
    failNext(method, name, times = 1) {
      fake.setNext(
        method,
        name === "badGateway"
          ? { httpStatus: 502, body: "<html><body>502 Bad Gateway</body></html>" }
          : failure(VIBER_FAILURES[name], name),
        times,
      );
    },
    rejectToken(authToken) {
      rejected.add(authToken);
    },
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    close: () => server.shutdown(),
  };
  return fake;
}

function failure(status: number, status_message: string): FakeViberAnswer {
  return { status, status_message };
}

/** What Viber requires of each message type. */
function validContent(p: Record<string, unknown>): boolean {
  const has = (field: string) => p[field] !== undefined && p[field] !== "";
  switch (p.type) {
    case "text":
      return typeof p.text === "string" && p.text.trim() !== "";
    case "picture":
      return has("media") && typeof p.text === "string";
    case "file":
      return has("media") && has("size") && has("file_name");
    case "video":
      return has("media") && has("size");
    case "url":
      return has("media");
    default:
      return false;
  }
}

/** Sends an answer. Tokens are written as bare digits, past 2^53, as Viber writes them. */
function reply(answer: FakeViberAnswer): Response {
  if ("httpStatus" in answer && typeof answer.httpStatus === "number") {
    return new Response(String(answer.body), {
      status: answer.httpStatus,
      headers: { "content-type": "text/html" },
    });
  }
  const text = JSON.stringify(answer).replace(/"message_token":"(\d+)"/, '"message_token":$1');
  return new Response(text, { headers: { "content-type": "application/json" } });
}
