import { CallLog } from "../fake_log.ts";
import {
  type FakeGraphFailure,
  type FakeGraphReply,
  GRAPH_FAILURES,
  graphError,
  interactiveProblem,
} from "./fake_replies.ts";

export type { FakeGraphFailure, FakeGraphReply };
export { GRAPH_FAILURES };

/** Which Graph API call a request was. */
export type GraphEndpoint =
  | "whatsappSend"
  | "messagingSend"
  | "me"
  | "node"
  | "subscribedApps"
  | "mediaBytes"
  | "unknown";

/** One request the fake Graph API received. */
export interface GraphCall {
  endpoint: GraphEndpoint;
  method: string;
  /** The path after the version, e.g. `/1122334455667/messages`. */
  path: string;
  version: string;
  token: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  /** When the request arrived, in epoch milliseconds with sub-millisecond precision. */
  at: number;
}

/** A programmed answer, fixed or computed from the call. */
export type FakeGraphResponse = FakeGraphReply | ((call: GraphCall) => FakeGraphReply);

/** A running fake Graph API. */
export interface FakeGraph {
  /** The base URL, to use as `META_GRAPH_BASE`. */
  url: string;
  calls: GraphCall[];
  /** `GET /me` with this token describes this page (and its linked Instagram account). */
  addPage(
    token: string,
    page: { id: string; name: string; instagram?: { id: string; username: string } },
  ): void;
  /**
   * A person `GET /{id}` describes, as the User Profile API does: only the requested `fields`
   * they have, plus `id` (`name` when no fields are asked for).
   */
  addUser(id: string, fields: Record<string, unknown>): void;
  /** A media file `GET /{id}` describes and serves, as WhatsApp does. */
  addMedia(id: string, bytes: Uint8Array, mimeType: string): void;
  /** Answers the next `times` calls of `endpoint` with `response` instead of the default. */
  setNext(endpoint: GraphEndpoint, response: FakeGraphResponse, times?: number): void;
  /** Makes the next `times` calls of `endpoint` fail the way Meta does. */
  failNext(endpoint: GraphEndpoint, failure: FakeGraphFailure, times?: number): void;
  /** Answers every call made with `token` with error 190, as for a revoked token. */
  rejectToken(token: string): void;
  /** Resolves with the first call, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: GraphCall) => boolean, timeoutMs?: number): Promise<GraphCall>;
  close(): Promise<void>;
}

/**
 * Starts a fake Meta Graph API (WhatsApp Cloud API and Messenger Platform) on 127.0.0.1.
 *
 * @example
 * ```ts
 * const graph = startFakeGraph();
 * graph.failNext("whatsappSend", "reEngagement");
 * await graph.close();
 * ```
 */
export function startFakeGraph(options: { port?: number } = {}): FakeGraph {
  const log = new CallLog<GraphCall>("Graph call");
  const calls = log.calls;
  const queued = new Map<GraphEndpoint, FakeGraphResponse[]>();
  const rejected = new Set<string>();
  const pages = new Map<string, Record<string, unknown>>();
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const users = new Map<string, Record<string, unknown>>();
  let nextId = 1;
  let base = "";

  const defaults: Record<GraphEndpoint, (c: GraphCall) => FakeGraphReply> = {
    whatsappSend: (c) => {
      const b = c.body;
      if (b.messaging_product !== "whatsapp") {
        return graphError(400, 100, "(#100) The parameter messaging_product is required.");
      }
      const type = typeof b.type === "string" ? b.type : "text";
      if (!b.to || typeof b[type] !== "object") {
        return graphError(400, 100, `(#100) Param ${b.to ? type : "to"} is required.`);
      }
      const problem = type === "interactive" ? interactiveProblem(b.interactive) : undefined;
      if (problem) {
        return graphError(400, 131009, "(#131009) Parameter value is not valid", problem);
      }
      return ok({
        messaging_product: "whatsapp",
        contacts: [{ input: b.to, wa_id: String(b.to).replace(/\D/g, "") }],
        messages: [{ id: `wamid.FAKE${nextId++}` }],
      });
    },
    messagingSend: (c) => {
      const { recipient, message, messaging_type, tag } = c.body;
      const to = recipient && typeof recipient === "object" ? Reflect.get(recipient, "id") : "";
      const text = message && typeof message === "object" ? Reflect.get(message, "text") : "";
      if (!to) return graphError(400, 100, "(#100) The parameter recipient is required");
      if (tag !== undefined && messaging_type !== "MESSAGE_TAG") {
        return graphError(400, 100, "(#100) Tag can only be used with messaging_type MESSAGE_TAG");
      }
      if (typeof text === "string" && text.length > 2000) {
        return graphError(
          400,
          100,
          "(#100) Length of param message[text] must be less than or equal to 2000",
        );
      }
      return ok({ recipient_id: to, message_id: `m_FAKE${nextId++}` });
    },
    me: (c) => ok(pages.get(c.token) ?? { id: "100200300400500", name: "Fake Page" }),
    node: (c) => {
      const id = c.path.slice(1);
      const user = users.get(id);
      if (user) return ok(userNode(id, user, c.query.fields));
      const file = media.get(id);
      if (file) {
        return ok({
          messaging_product: "whatsapp",
          url: `${base}/media/${id}`,
          mime_type: file.mimeType,
          file_size: file.bytes.length,
          id,
        });
      }
      if (!/^\d+$/.test(id)) {
        return graphError(
          400,
          100,
          `(#100) Unsupported get request. Object with ID '${id}' does not exist`,
        );
      }
      return ok({ id, display_phone_number: "+1 555-010-0123", verified_name: "Fake Business" });
    },
    subscribedApps: () => ok({ success: true }),
    mediaBytes: (c) => {
      const file = media.get(c.path.split("/").pop() ?? "");
      if (!file) return { status: 404, body: "Not found" };
      return { status: 200, body: file.bytes, headers: { "content-type": file.mimeType } };
    },
    unknown: (c) => graphError(400, 100, `(#100) Unknown path components: ${c.path}`),
  };

  async function handle(req: Request): Promise<Response> {
    const at = performance.timeOrigin + performance.now();
    const url = new URL(req.url);
    const versioned = url.pathname.match(/^\/(v\d+\.\d+)(\/.*)$/);
    const version = versioned?.[1] ?? "";
    const path = versioned?.[2] ?? url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const token = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ??
      query.access_token ?? "";
    const body = await jsonBody(req);
    const call: GraphCall = {
      endpoint: endpointOf(req.method, path, Boolean(versioned)),
      method: req.method,
      path,
      version,
      token,
      query,
      body,
      at,
    };
    log.record(call);
    if (!token) {
      return reply(
        graphError(
          400,
          2500,
          "An active access token must be used to query information about the current user.",
        ),
      );
    }
    if (rejected.has(token)) return reply(GRAPH_FAILURES.invalidToken);
    const programmed = queued.get(call.endpoint)?.shift();
    if (programmed) return reply(typeof programmed === "function" ? programmed(call) : programmed);
    return reply(defaults[call.endpoint](call));
  }

  const server = Deno.serve(
    { port: options.port ?? 0, hostname: "127.0.0.1", onListen() {} },
    handle,
  );
  base = `http://127.0.0.1:${server.addr.port}`;
  const fake: FakeGraph = {
    url: base,
    calls,
    addPage(token, page) {
      const { instagram, ...rest } = page;
      pages.set(token, instagram ? { ...rest, instagram_business_account: instagram } : rest);
    },
    addUser(id, fields) {
      users.set(id, fields);
    },
    addMedia(id, bytes, mimeType) {
      media.set(id, { bytes, mimeType });
    },
    setNext(endpoint, response, times = 1) {
      const list = queued.get(endpoint) ?? [];
      for (let i = 0; i < times; i++) list.push(response);
      queued.set(endpoint, list);
    },
    failNext(endpoint, failure, times = 1) {
      fake.setNext(endpoint, GRAPH_FAILURES[failure], times);
    },
    rejectToken(token) {
      rejected.add(token);
    },
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    close: () => server.shutdown(),
  };
  return fake;
}

function endpointOf(method: string, path: string, versioned: boolean): GraphEndpoint {
  if (!versioned) {
    return method === "GET" && /^\/media\/[^/]+$/.test(path) ? "mediaBytes" : "unknown";
  }
  if (method === "POST" && path === "/me/messages") return "messagingSend";
  if (method === "POST" && /^\/\d+\/messages$/.test(path)) return "whatsappSend";
  if (method === "POST" && /^\/\d+\/subscribed_apps$/.test(path)) return "subscribedApps";
  if (method === "GET" && path === "/me") return "me";
  if (method === "GET" && /^\/[^/]+$/.test(path)) return "node";
  return "unknown";
}

/** A person's node: the requested fields they have (fields without a value are left out), and id. */
function userNode(
  id: string,
  user: Record<string, unknown>,
  fields = "name",
): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  for (const field of fields.split(",").map((f) => f.trim())) {
    if (field !== "id" && Object.hasOwn(user, field)) node[field] = user[field];
  }
  return { ...node, id };
}

function ok(body: unknown): FakeGraphReply {
  return { status: 200, body };
}

function reply(answer: FakeGraphReply): Response {
  const { status, body, headers } = answer;
  if (body instanceof Uint8Array) return new Response(body as BodyInit, { status, headers });
  if (typeof body === "string") {
    return new Response(body, { status, headers: { "content-type": "text/html", ...headers } });
  }
  return Response.json(body, { status, headers });
}

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const json: unknown = await req.json().catch(() => undefined);
  return typeof json === "object" && json !== null && !Array.isArray(json)
    ? Object.fromEntries(Object.entries(json))
    : {};
}
