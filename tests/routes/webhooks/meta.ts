// Helpers for the Meta channels' end-to-end tests: connect through the API, post signed webhooks.
import { signBody } from "../../../connectors/meta/signature.ts";
import type { ChannelType } from "../../../kv/records.ts";
import { json, type TestApp } from "../../helpers.ts";

export const APP_SECRET = "1222e786b144d0e85b9f365372d93676";

/** Connects a Meta channel through `POST /api/channels`; returns its id and what the API showed. */
export async function connectMeta(
  app: TestApp,
  type: ChannelType,
  config: Record<string, unknown>,
  // deno-lint-ignore no-explicit-any
): Promise<{ id: string; body: any }> {
  const res = await json(await app.api("/api/channels", { body: { type, name: "Shop", config } }));
  if (res.status !== 201) throw new Error(`connect failed: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, body: res.body };
}

/** Posts a webhook body signed the way Meta signs it (or with the given signature header). */
export async function postSigned(
  app: TestApp,
  type: ChannelType,
  channelId: string,
  body: unknown,
  signature?: string,
): Promise<Response> {
  const raw = new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
  return await fetch(`${app.base}/webhooks/${type}/${channelId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "X-Hub-Signature-256": signature ?? await signBody(APP_SECRET, raw),
    },
    body: raw,
  });
}

/** Posts and returns the status, discarding the body. */
export async function postStatus(...args: Parameters<typeof postSigned>): Promise<number> {
  const res = await postSigned(...args);
  await res.body?.cancel();
  return res.status;
}

/** The clients in the inbox, and the messages of the first one. */
// deno-lint-ignore no-explicit-any
export async function inbox(app: TestApp): Promise<{ clients: any[]; messages: any[] }> {
  const clients = (await json(await app.api("/api/clients"))).body.items;
  const messages = clients.length
    ? (await json(await app.api(`/api/clients/${clients[0].id}/messages`))).body.items
    : [];
  return { clients, messages };
}
