import { z } from "zod";
import { CALL_TIMEOUT_MS, errorText, hideToken, httpText, parseJson } from "../http.ts";

/** The Graph API version every Meta call goes to. */
export const GRAPH_VERSION = "v21.0";

/** The `error` object of a failed Graph API call. */
export const GraphError = z.looseObject({
  message: z.string().optional(),
  type: z.string().optional(),
  code: z.number().optional(),
  error_subcode: z.number().optional(),
  error_user_title: z.string().optional(),
  error_user_msg: z.string().optional(),
  error_data: z.union([z.looseObject({ details: z.string().optional() }), z.string()]).optional(),
  is_transient: z.boolean().optional(),
  fbtrace_id: z.string().optional(),
});
export type GraphError = z.infer<typeof GraphError>;

/** A Graph API answer: the HTTP status, the JSON body, and its `error` when there is one. */
export interface GraphReply {
  httpStatus: number;
  body: Record<string, unknown>;
  error?: GraphError;
  /** How long Meta says to wait before calling again (`x-business-use-case-usage`). */
  retryAfterMs?: number;
}

/** Thrown when the Graph API cannot be reached or answers 2xx with something that is not JSON. */
export class GraphUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphUnreachable";
  }
}

/** One Graph API request: the path after the version, query fields and an optional JSON body. */
export interface GraphRequest {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * Calls the Graph API with the token as a bearer header (never in the URL, so it stays out of
 * logs). Resolves with Meta's answer for any HTTP status, an `error` inside a 200 body included;
 * rejects with GraphUnreachable on network failure.
 *
 * @example
 * ```ts
 * const me = await callGraph("https://graph.facebook.com", token, { path: "/me", query: { fields: "id,name" } });
 * ```
 */
export async function callGraph(
  base: string,
  token: string,
  request: GraphRequest,
): Promise<GraphReply> {
  const url = new URL(`${base.replace(/\/+$/, "")}/${GRAPH_VERSION}${request.path}`);
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, {
      method: request.method ?? (request.body === undefined ? "GET" : "POST"),
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new GraphUnreachable(hideToken(errorText(err), token));
  }
  const text = await res.text();
  const retryAfterMs = usageRetryAfter(res.headers);
  const json = parseJson(text);
  const body = typeof json === "object" && json !== null && !Array.isArray(json)
    ? Object.fromEntries(Object.entries(json))
    : undefined;
  if (body) {
    const error = GraphError.safeParse(body.error);
    const failed = res.status >= 400 || body.error !== undefined;
    return {
      httpStatus: res.status,
      body,
      ...(failed ? { error: error.success ? error.data : { message: httpText(res) } } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  // A proxy or load balancer answering in HTML still says something useful with its status.
  if (res.status >= 400) {
    return { httpStatus: res.status, body: {}, error: { message: httpText(res) } };
  }
  throw new GraphUnreachable(`${request.path} answered HTTP ${res.status} without a JSON body`);
}

/** Meta's words for an error: the message, the details it adds, and the code when not already said. */
export function describeGraphError(error: GraphError): string {
  const details = typeof error.error_data === "string"
    ? error.error_data
    : error.error_data?.details;
  let text = error.error_user_msg ?? error.message ?? "The Graph API refused the request";
  if (details && !text.includes(details)) text = `${text.replace(/\.$/, "")}: ${details}`;
  if (error.code !== undefined && !text.includes(`#${error.code}`)) text += ` (#${error.code})`;
  return text;
}

const Usage = z.record(
  z.string(),
  z.array(z.looseObject({ estimated_time_to_regain_access: z.number().optional() })),
);

/** The longest `estimated_time_to_regain_access` (minutes) Meta reports, in ms. */
function usageRetryAfter(headers: Headers): number | undefined {
  const raw = headers.get("x-business-use-case-usage");
  const usage = raw ? Usage.safeParse(parseJson(raw)) : undefined;
  if (!usage?.success) return undefined;
  const minutes = Object.values(usage.data).flat()
    .map((u) => u.estimated_time_to_regain_access ?? 0);
  const most = Math.max(0, ...minutes);
  return most > 0 ? most * 60_000 : undefined;
}
