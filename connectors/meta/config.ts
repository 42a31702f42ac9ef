import { z } from "zod";
import { BadInput } from "../../errors.ts";
import { hideToken } from "../http.ts";
import {
  callGraph,
  describeGraphError,
  type GraphReply,
  type GraphRequest,
  GraphUnreachable,
} from "./graph.ts";

/** An id Meta gives as digits; a JSON number is accepted while it is still exact. */
export const GraphId = z.union([z.string(), z.number().int().nonnegative().max(2 ** 53 - 1)])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,30}$/));

/** A token or secret pasted from Meta's dashboards; surrounding spaces are dropped. */
export const Secret = (min: number) => z.string().trim().min(min).regex(/^\S+$/);

/** The token Meta must echo when it checks the callback URL; any text without spaces. */
export const VerifyToken = z.string().trim().min(1).max(200).regex(/^\S+$/);

/**
 * Validates a channel config, throwing BadInput that names the first bad field with a hint
 * (`hints[field]`) about where in Meta's dashboards the value is found.
 */
export function readConfig<T extends z.ZodType>(
  schema: T,
  config: unknown,
  hints: Record<string, string>,
): z.infer<T> {
  const parsed = schema.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? "");
  const hint = hints[field];
  if (!field || !hint) throw new BadInput(`config is invalid: ${issue.message}`);
  const given = typeof config === "object" && config !== null
    ? Reflect.get(config, field)
    : undefined;
  const missing = given === undefined || given === null || given === "";
  throw new BadInput(`config.${field} ${missing ? "is required" : "is invalid"}: ${hint}`);
}

/** Runs a setup call, turning a network failure or a refusal into BadInput naming the platform. */
export async function checkWithGraph(
  platform: string,
  base: string,
  token: string,
  request: GraphRequest,
): Promise<GraphReply & { error?: undefined }> {
  let reply: GraphReply;
  try {
    reply = await callGraph(base, token, request);
  } catch (err) {
    if (!(err instanceof GraphUnreachable)) throw err;
    throw new BadInput(
      `Could not reach the Graph API at ${base}: ${hideToken(err.message, token)}`,
    );
  }
  if (reply.error) {
    throw new BadInput(`${platform} rejected the credentials: ${describeGraphError(reply.error)}`);
  }
  return { ...reply, error: undefined };
}

/**
 * What the Channels page shows for a Meta channel: the callback URL and verify token to paste
 * into the app's Webhooks settings, which cannot be set through the API.
 */
export function webhookInfo(webhookUrl: string, verifyToken: string, fields: string[]) {
  return { callbackUrl: webhookUrl, verifyToken, webhookFields: fields };
}
