import { CallLog, redirect } from "../fake_log.ts";
/** An explicit reply of the fake: an HTTP status and a body (JSON, or text when a string). */
export interface FakeVkReply {
  status: number;
  body: unknown;
}

/** One request the fake VK API received. */
export interface FakeVkCall {
  method: string;
  token: string;
  params: Record<string, string>;
  /** When the request arrived, in epoch milliseconds with sub-millisecond precision. */
  at: number;
}

/** A VK answer body (`{response}` or `{error}`, sent with HTTP 200 as VK does), or a reply. */
export type FakeVkAnswer =
  | { response: unknown }
  | { error: { error_code: number; error_msg?: string } }
  | FakeVkReply;

/** A programmed answer, fixed or computed from the call. */
export type FakeVkResponse =
  | FakeVkAnswer
  | ((params: Record<string, string>, call: FakeVkCall) => FakeVkAnswer);

/** Errors VK really reports, by name. */
export const VK_FAILURES = {
  auth: [5, "User authorization failed: invalid access_token (4)."],
  tooManyRequests: [6, "Too many requests per second"],
  flood: [9, "Flood control"],
  internal: [10, "Internal server error"],
  accessDenied: [15, "Access denied: no access to call this method"],
  rateLimit: [29, "Rate limit reached"],
  notAllowed: [901, "Can't send messages for users without permission"],
  privacy: [902, "Can't send messages to this user due to their privacy settings"],
} as const;

/** A failure to program: one of VK's errors, or an HTML error page from a proxy. */
export type FakeVkFailure = keyof typeof VK_FAILURES | "badGateway";

/** A message the fake accepted (a repeated `random_id` is not accepted twice). */
export interface FakeVkSent {
  id: number;
  peerId: string;
  randomId: string;
  message: string;
  keyboard?: unknown;
}

/** A VK user `users.get` can describe: the name always, other fields when asked for. */
export interface FakeVkUser {
  id: number;
  first_name: string;
  last_name: string;
  /** `screen_name`, `photo_100`, … as VK spells them. */
  [field: string]: unknown;
}

/** A Callback API server added to the fake, and how its confirmation went. */
export interface FakeVkServer {
  id: number;
  groupId: string;
  url: string;
  title: string;
  secretKey: string;
  status: "unconfigured" | "ok" | "failed";
  /** What our webhook answered to the confirmation request. */
  confirmationAnswer?: string;
  settings: Record<string, string>;
}

/** A running fake VK API. */
export interface FakeVk {
  /** The base URL, to use as `VK_API_BASE`. */
  url: string;
  /** The string `groups.getCallbackConfirmationCode` gives. */
  confirmationCode: string;
  calls: FakeVkCall[];
  sent: FakeVkSent[];
  /** The callback servers added and not yet deleted. */
  servers: FakeVkServer[];
  /**
   * Where the fake really sends what it sends to a callback server: this origin replaces the
   * URL's (tests run the app on a random port, while the URL is built from PUBLIC_URL).
   */
  webhookOrigin?: string;
  /** A user `users.get` describes; ids never added are left out (alone, they give `[]`). */
  addUser(user: FakeVkUser): void;
  /** Answers the next `times` calls of `method` with `response` instead of the default. */
  setNext(method: string, response: FakeVkResponse, times?: number): void;
  /** Makes the next `times` calls of `method` fail the way VK does. */
  failNext(method: string, failure: FakeVkFailure, times?: number): void;
  /** Answers every call made with `token` with VK's authorization error. */
  rejectToken(token: string): void;
  /**
   * Refuses the Callback API setup methods (adding and deleting servers too), as for a token
   * without the manage right.
   */
  denyCallbackSetup(): void;
  /** Resolves with the first call, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: FakeVkCall) => boolean, timeoutMs?: number): Promise<FakeVkCall>;
  close(): Promise<void>;
}

const SETUP_METHODS = new Set([
  "groups.getCallbackConfirmationCode",
  "groups.addCallbackServer",
  "groups.setCallbackSettings",
  "groups.deleteCallbackServer",
]);

/**
 * Starts a fake VK API on 127.0.0.1 for tests. With `confirmServers`, adding a callback server
 * sends VK's confirmation request to its URL before answering, as VK does.
 *
 * @example
 * ```ts
 * const vk = startFakeVk({ confirmServers: true });
 * vk.failNext("messages.send", "privacy");
 * await vk.close();
 * ```
 */
export function startFakeVk(
  options: { port?: number; confirmServers?: boolean; confirmationCode?: string } = {},
): FakeVk {
  const log = new CallLog<FakeVkCall>("VK call");
  const calls = log.calls;
  const sent: FakeVkSent[] = [];
  const servers: FakeVkServer[] = [];
  const queued = new Map<string, FakeVkResponse[]>();
  const rejected = new Set<string>();
  const users = new Map<string, FakeVkUser>();
  const confirmationCode = options.confirmationCode ?? "5e1f0c2a";
  let denySetup = false;
  let nextMessageId = 100;
  // Server ids are never reused, so a deleted server's id finds nothing later.
  let nextServerId = 1;

  const defaults: Record<string, (p: Record<string, string>) => Promise<FakeVkAnswer>> = {
    "groups.getById": (p) => {
      const id = Number(p.group_id ?? p.group_ids ?? 1);
      const group = { id, name: "Fake community", screen_name: `club${id}`, type: "group" };
      return ok({ groups: [{ ...group, is_closed: 0 }], profiles: [] });
    },
    "groups.getCallbackConfirmationCode": () => ok({ code: confirmationCode }),
    "groups.addCallbackServer": async (p) => {
      if (!p.url) return invalid("url");
      const server: FakeVkServer = {
        id: nextServerId++,
        groupId: p.group_id,
        url: p.url,
        title: p.title ?? "",
        secretKey: p.secret_key ?? "",
        status: "unconfigured",
        settings: {},
      };
      servers.push(server);
      if (options.confirmServers) await confirm(server);
      return { response: { server_id: server.id } };
    },
    "groups.setCallbackSettings": (p) => {
      const server = servers.find((s) => String(s.id) === p.server_id);
      if (!server) return invalid("server_id");
      server.settings = { ...p };
      return ok(1);
    },
    "groups.deleteCallbackServer": (p) => {
      if (!p.group_id) return invalid("group_id");
      if (!p.server_id) return invalid("server_id");
      // Only a server of the community named can be deleted; any other id is VK's "Not found".
      const index = servers.findIndex((s) =>
        String(s.id) === p.server_id && Math.abs(Number(s.groupId)) === Math.abs(Number(p.group_id))
      );
      if (index < 0) return Promise.resolve(vkErrorBody(104, "Not found"));
      servers.splice(index, 1);
      return ok(1);
    },
    "messages.send": (p) => {
      if (!p.peer_id && !p.user_id) return invalid("peer_id");
      if (!p.message?.trim() && !p.attachment) return invalid("message");
      const peerId = p.peer_id ?? p.user_id;
      // VK drops a repeat of the same random_id to the same peer and answers with the first id.
      const repeat = p.random_id && p.random_id !== "0"
        ? sent.find((m) => m.peerId === peerId && m.randomId === p.random_id)
        : undefined;
      if (repeat) return ok(repeat.id);
      const message: FakeVkSent = {
        id: nextMessageId++,
        peerId,
        randomId: p.random_id ?? "",
        message: p.message ?? "",
        ...(p.keyboard ? { keyboard: JSON.parse(p.keyboard) } : {}),
      };
      sent.push(message);
      return ok(message.id);
    },
    "messages.sendMessageEventAnswer": () => ok(1),
    "users.get": (p) => {
      const ids = (p.user_ids ?? "").split(",").map((id) => id.trim()).filter(Boolean);
      const fields = (p.fields ?? "").split(",").map((f) => f.trim()).filter(Boolean);
      return ok(ids.flatMap((id) => {
        const user = users.get(id);
        return user ? [userObject(user, fields)] : [];
      }));
    },
  };

  async function confirm(server: FakeVkServer): Promise<void> {
    try {
      const res = await fetch(redirect(server.url, fake.webhookOrigin), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "confirmation",
          group_id: Number(server.groupId),
          ...(server.secretKey ? { secret: server.secretKey } : {}),
        }),
      });
      server.confirmationAnswer = await res.text();
      server.status = res.ok && server.confirmationAnswer === confirmationCode ? "ok" : "failed";
    } catch {
      server.status = "failed";
    }
  }

  async function handle(req: Request): Promise<Response> {
    const at = performance.timeOrigin + performance.now();
    const url = new URL(req.url);
    const method = url.pathname.match(/^\/method\/([\w.]+)$/)?.[1];
    if (!method) {
      await req.body?.cancel();
      return new Response("Not Found", { status: 404 });
    }
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === "POST") {
      for (const [key, value] of new URLSearchParams(await req.text())) params[key] = value;
    }
    const token = params.access_token ?? "";
    delete params.access_token;
    const call: FakeVkCall = { method, token, params, at };
    log.record(call);
    if (rejected.has(token) || !token) return reply(vkErrorBody(...VK_FAILURES.auth), call);
    const programmed = queued.get(method)?.shift();
    if (programmed !== undefined) {
      return reply(typeof programmed === "function" ? programmed(params, call) : programmed, call);
    }
    if (denySetup && SETUP_METHODS.has(method)) {
      return reply(vkErrorBody(...VK_FAILURES.accessDenied), call);
    }
    const answer = defaults[method];
    return reply(answer ? await answer(params) : vkErrorBody(3, "Unknown method passed"), call);
  }

  const server = Deno.serve(
    { port: options.port ?? 0, hostname: "127.0.0.1", onListen() {} },
    handle,
  );
  const fake: FakeVk = {
    url: `http://127.0.0.1:${server.addr.port}`,
    confirmationCode,
    calls,
    sent,
    servers,
    addUser(user) {
      users.set(String(user.id), user);
    },
    setNext(method, response, times = 1) {
      const list = queued.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(response);
      queued.set(method, list);
    },
    failNext(method, failure, times = 1) {
      const answer: FakeVkAnswer = failure === "badGateway"
        ? { status: 502, body: "<html><body>502 Bad Gateway</body></html>" }
        : vkErrorBody(VK_FAILURES[failure][0], VK_FAILURES[failure][1]);
      fake.setNext(method, answer, times);
    },
    rejectToken(token) {
      rejected.add(token);
    },
    denyCallbackSetup() {
      denySetup = true;
    },
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    close: () => server.shutdown(),
  };
  return fake;
}

/** What VK says of every user, asked or not. */
const USER_BASICS = ["id", "first_name", "last_name", "deactivated"];

/** A user as `users.get` gives them: the basics, then the requested fields they have. */
function userObject(user: FakeVkUser, fields: string[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const field of USER_BASICS) {
    if (Object.hasOwn(user, field)) object[field] = user[field];
  }
  object.can_access_closed = user.can_access_closed ?? true;
  object.is_closed = user.is_closed ?? false;
  for (const field of fields) {
    if (Object.hasOwn(user, field)) object[field] = user[field];
  }
  return object;
}

function ok(response: unknown): Promise<FakeVkAnswer> {
  return Promise.resolve({ response });
}

function invalid(param: string): Promise<FakeVkAnswer> {
  const message = `One of the parameters specified was missing or invalid: ${param}`;
  return Promise.resolve(vkErrorBody(100, message));
}

function vkErrorBody(code: number, message: string): FakeVkAnswer {
  return { error: { error_code: code, error_msg: message } };
}

/** Sends an answer: VK bodies with HTTP 200 (errors too), explicit replies as given. */
function reply(answer: FakeVkAnswer, call: FakeVkCall): Response {
  if ("status" in answer && "body" in answer) {
    return typeof answer.body === "string"
      ? new Response(answer.body, {
        status: answer.status,
        headers: { "content-type": "text/html" },
      })
      : Response.json(answer.body, { status: answer.status });
  }
  if ("error" in answer) {
    // VK echoes the request's parameters in every error.
    const request_params = [
      { key: "method", value: call.method },
      { key: "oauth", value: "1" },
      ...Object.entries(call.params).map(([key, value]) => ({ key, value })),
    ];
    return Response.json({ error: { ...answer.error, request_params } });
  }
  return Response.json(answer);
}
