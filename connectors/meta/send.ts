import type { SendOutcome } from "../types.ts";
import { hideToken, RETRY_LATER_MS } from "../http.ts";
import { callGraph, describeGraphError, type GraphReply, GraphUnreachable } from "./graph.ts";

/** How one Meta channel reads the answer to a send. */
export interface SendRules {
  /** The messenger's name, for reasons shown to the employee. */
  platform: string;
  /** The id of the sent message in a successful answer. */
  idOf(body: Record<string, unknown>): string | undefined;
  /** What a failed answer means; return undefined to fall back to the shared rules. */
  classify(
    reply: GraphReply & { error: NonNullable<GraphReply["error"]> },
  ): SendOutcome | undefined;
}

/**
 * Posts one message as one or more Graph API requests, in order. A failure before anything went
 * out follows `rules`; a failure after a part went out is final, since a retry would repeat it.
 * Resolves with the last part's id: receipts for it say the whole message arrived.
 */
export async function sendInParts(
  base: string,
  token: string,
  path: string,
  bodies: unknown[],
  rules: SendRules,
): Promise<SendOutcome> {
  if (bodies.length === 0) return { ok: false, reason: "Nothing to send" };
  let externalId = "";
  for (const [i, body] of bodies.entries()) {
    const outcome = await sendOne(base, token, path, body, rules);
    if (!outcome.ok) {
      if (i === 0) return outcome;
      return {
        ok: false,
        reason:
          `Only ${i} of ${bodies.length} parts reached ${rules.platform}; then: ${outcome.reason}`,
      };
    }
    externalId = outcome.externalId;
  }
  return { ok: true, externalId };
}

async function sendOne(
  base: string,
  token: string,
  path: string,
  body: unknown,
  rules: SendRules,
): Promise<SendOutcome> {
  let reply: GraphReply;
  try {
    reply = await callGraph(base, token, { method: "POST", path, body });
  } catch (err) {
    if (!(err instanceof GraphUnreachable)) throw err;
    return {
      ok: false,
      retryAfterMs: RETRY_LATER_MS,
      reason: `Could not reach ${rules.platform}: ${hideToken(err.message, token)}`,
    };
  }
  const { error } = reply;
  if (!error) {
    const id = rules.idOf(reply.body);
    // Meta said yes, so the message went out; resending could show it twice.
    return id
      ? { ok: true, externalId: id }
      : { ok: false, reason: `${rules.platform} answered without a message id` };
  }
  return rules.classify({ ...reply, error }) ?? sharedRules({ ...reply, error });
}

/** Rules every Graph API answer follows: server trouble and transient errors are retried. */
function sharedRules(reply: GraphReply & { error: NonNullable<GraphReply["error"]> }): SendOutcome {
  const { error, httpStatus } = reply;
  const reason = describeGraphError(error);
  const code = error.code;
  // 1 "unknown error" and 2 "service temporarily unavailable" are Meta's own hiccups.
  if (httpStatus >= 500 || error.is_transient === true || code === 1 || code === 2) {
    return { ok: false, retryAfterMs: reply.retryAfterMs ?? RETRY_LATER_MS, reason };
  }
  // 4, 17, 32 and 613 are the Graph API's request-count limits.
  if (code === 4 || code === 17 || code === 32 || code === 613 || httpStatus === 429) {
    return { ok: false, retryAfterMs: reply.retryAfterMs ?? 60_000, reason };
  }
  if (code === 190) {
    return { ok: false, reason: `The access token is no longer valid: ${reason}` };
  }
  return { ok: false, reason };
}
