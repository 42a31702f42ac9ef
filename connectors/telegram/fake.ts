import { CallLog } from "../fake_log.ts";
/** A Bot API answer the fake server gives: a JSON body and the HTTP status to send it with. */
export interface FakeReply {
  status: number;
  body: unknown;
}

/** One request the fake server received. */
export interface FakeCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** When the request arrived, in epoch milliseconds with sub-millisecond precision. */
  at: number;
}

/** A Bot API body (sent with the status its `error_code` names), or an explicit reply. */
export type FakeAnswer = { ok: boolean; [field: string]: unknown } | FakeReply;

/** A programmed answer, fixed or computed from the call. */
export type FakeResponse =
  | FakeAnswer
  | ((params: Record<string, unknown>, call: FakeCall) => FakeAnswer);

/** Failures Telegram really produces, by name. */
export type FakeFailure =
  | "tooManyRequests"
  | "blocked"
  | "deactivated"
  | "chatNotFound"
  | "serverError"
  | "badGateway";

/** A running fake Bot API. */
export interface FakeTelegram {
  /** The base URL, to use as `TELEGRAM_API_BASE`. */
  url: string;
  calls: FakeCall[];
  /** Answers the next `times` calls of `method` with `response` instead of the default. */
  setNext(method: string, response: FakeResponse, times?: number): void;
  /** Makes the next `times` calls of `method` fail the way Telegram does. */
  failNext(
    method: string,
    failure: FakeFailure,
    options?: { times?: number; retryAfter?: number },
  ): void;
  /** Makes a file downloadable through getFile and /file/bot<token>/<path>. */
  addFile(fileId: string, bytes: Uint8Array, mime?: string): void;
  /** Answers every call made with `token` with 401 Unauthorized, as for a revoked token. */
  rejectToken(token: string): void;
  /** Resolves with the first call, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  close(): Promise<void>;
}

/**
 * Starts a fake Telegram Bot API on 127.0.0.1 for tests and benchmarks.
 *
 * @example
 * ```ts
 * const tg = startFakeTelegram();
 * tg.failNext("sendMessage", "tooManyRequests", { retryAfter: 30 });
 * await tg.close();
 * ```
 */
export function startFakeTelegram(options: { port?: number } = {}): FakeTelegram {
  const log = new CallLog<FakeCall>("Telegram call");
  const calls = log.calls;
  const queued = new Map<string, FakeResponse[]>();
  const rejected = new Set<string>();
  let nextMessageId = 1;
  const files = new Map<string, { path: string; bytes: Uint8Array; mime: string }>();
  let webhook = "";

  const defaults: Record<string, (p: Record<string, unknown>, c: FakeCall) => FakeAnswer> = {
    getMe: (_p, c) =>
      ok({
        id: Number(c.token.split(":")[0]) || 1,
        is_bot: true,
        first_name: "Fake bot",
        username: "fake_bot",
        can_join_groups: true,
      }),
    setWebhook: (p) => {
      if (typeof p.url !== "string") return error(400, "Bad Request: bad webhook: URL is empty");
      // An empty url removes the webhook, as deleteWebhook does.
      if (!p.url) return removeWebhook();
      webhook = p.url;
      return { ok: true, result: true, description: "Webhook was set" };
    },
    deleteWebhook: () => removeWebhook(),
    getWebhookInfo: () =>
      ok({ url: webhook, has_custom_certificate: false, pending_update_count: 0 }),
    sendMessage: (p, c) => {
      if (p.chat_id === undefined || p.chat_id === "") {
        return error(400, "Bad Request: chat_id is empty");
      }
      if (typeof p.text !== "string" || !p.text.trim()) {
        return error(400, "Bad Request: message text is empty");
      }
      const chatId = Number(p.chat_id);
      return ok({
        message_id: nextMessageId++,
        from: { id: Number(c.token.split(":")[0]) || 1, is_bot: true, first_name: "Fake bot" },
        chat: { id: Number.isSafeInteger(chatId) ? chatId : p.chat_id, type: "private" },
        date: Math.floor(c.at / 1000),
        text: p.text,
      });
    },
    answerCallbackQuery: () => ok(true),
    ...Object.fromEntries(
      [
        "sendPhoto",
        "sendVideo",
        "sendAnimation",
        "sendAudio",
        "sendVoice",
        "sendDocument",
        "sendSticker",
      ]
        .map((method) => [method, (p: Record<string, unknown>, c: FakeCall) =>
          ok({
            message_id: nextMessageId++,
            chat: { id: Number(p.chat_id) || p.chat_id, type: "private" },
            date: Math.floor(c.at / 1000),
            ...(p.caption ? { caption: p.caption } : {}),
          })]
        ),
    ),
    getFile: (p) => {
      const file = files.get(String(p.file_id));
      if (!file) return error(400, "Bad Request: invalid file_id");
      return ok({
        file_id: p.file_id,
        file_unique_id: `u${p.file_id}`,
        file_size: file.bytes.length,
        file_path: file.path,
      });
    },
  };

  /** Like Telegram, says whether there was a webhook to delete; either way it succeeds. */
  function removeWebhook(): FakeAnswer {
    const had = webhook !== "";
    webhook = "";
    return {
      ok: true,
      result: true,
      description: had ? "Webhook was deleted" : "Webhook is already deleted",
    };
  }

  async function handle(req: Request): Promise<Response> {
    const at = performance.timeOrigin + performance.now();
    const url = new URL(req.url);
    const download = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (download) {
      const file = [...files.values()].find((f) => f.path === download[2]);
      return file
        ? new Response(file.bytes as BodyInit, { headers: { "content-type": file.mime } })
        : new Response("Not Found", { status: 404 });
    }
    const match = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!match) return reply(error(404, "Not Found"));
    const [, token, method] = match;
    const params = { ...fromEntries(url.searchParams), ...await bodyParams(req) };
    const call: FakeCall = { method, token, params, at };
    log.record(call);
    if (rejected.has(token)) return reply(error(401, "Unauthorized"));
    const programmed = queued.get(method)?.shift();
    if (programmed !== undefined) {
      return reply(typeof programmed === "function" ? programmed(params, call) : programmed);
    }
    const answer = defaults[method];
    return reply(answer ? answer(params, call) : error(404, "Not Found: method not found"));
  }

  const failures: Record<FakeFailure, (retryAfter: number) => FakeAnswer> = {
    tooManyRequests: (s) => ({
      ...error(429, `Too Many Requests: retry after ${s}`),
      parameters: { retry_after: s },
    }),
    blocked: () => error(403, "Forbidden: bot was blocked by the user"),
    deactivated: () => error(403, "Forbidden: user is deactivated"),
    chatNotFound: () => error(400, "Bad Request: chat not found"),
    serverError: () => error(500, "Internal Server Error"),
    badGateway: () => ({ status: 502, body: "<html><body>502 Bad Gateway</body></html>" }),
  };

  const server = Deno.serve(
    { port: options.port ?? 0, hostname: "127.0.0.1", onListen() {} },
    handle,
  );
  const fake: FakeTelegram = {
    url: `http://127.0.0.1:${server.addr.port}`,
    calls,
    addFile(fileId, bytes, mime = "application/octet-stream") {
      files.set(fileId, { path: `files/${fileId}`, bytes, mime });
    },
    setNext(method, response, times = 1) {
      const list = queued.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(response);
      queued.set(method, list);
    },
    failNext(method, failure, { times = 1, retryAfter = 30 } = {}) {
      const body = failures[failure](retryAfter);
      fake.setNext(method, () => body, times);
    },
    rejectToken(token) {
      rejected.add(token);
    },
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    close: () => server.shutdown(),
  };
  return fake;
}

function ok(result: unknown): FakeAnswer {
  return { ok: true, result };
}

function error(code: number, description: string) {
  return { ok: false, error_code: code, description };
}

/** Sends a body; a `{status, body}` pair sets the status, otherwise `error_code` does. */
function reply(answer: FakeAnswer): Response {
  const explicit = isFakeReply(answer) ? answer : undefined;
  const body = explicit ? explicit.body : answer;
  const code = typeof body === "object" && body !== null && "error_code" in body
    ? Number(body.error_code)
    : 200;
  const status = explicit?.status ?? (code >= 200 && code < 600 ? code : 400);
  if (typeof body === "string") {
    return new Response(body, { status, headers: { "content-type": "text/html" } });
  }
  return Response.json(body, { status });
}

function isFakeReply(value: unknown): value is FakeReply {
  return typeof value === "object" && value !== null && "status" in value && "body" in value &&
    typeof value.status === "number";
}

/** Reads params the ways the Bot API accepts them: JSON, urlencoded or multipart form. */
async function bodyParams(req: Request): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const json: unknown = await req.json().catch(() => ({}));
    return typeof json === "object" && json !== null && !Array.isArray(json)
      ? Object.fromEntries(Object.entries(json))
      : {};
  }
  if (type.includes("form")) {
    const form = await req.formData();
    const out: Record<string, unknown> = {};
    for (const [key, value] of form) {
      out[key] = typeof value === "string" ? formValue(value) : value;
    }
    return out;
  }
  await req.body?.cancel();
  return {};
}

function fromEntries(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of search) out[key] = formValue(value);
  return out;
}

/** Like Telegram, reads JSON-serialised arrays and objects (`allowed_updates`) in form fields. */
function formValue(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
