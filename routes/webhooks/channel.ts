import { Hono } from "hono";
import { newClientId } from "../../actors/dialog/actor.ts";
import { connectors } from "../../connectors/mod.ts";
import { ChannelType } from "../../kv/records.ts";
import { BadInput, NotFound, Unauthorized } from "../../errors.ts";
import type { AppEnv } from "../env.ts";

const MAX_BODY = 1024 * 1024;

/**
 * `POST /webhooks/<type>/<channelId>`: verify the messenger's way, parse, and answer success only
 * once every event is durably committed (duplicates of a stored update are acknowledged too).
 */
export function webhookRoutes() {
  const app = new Hono<AppEnv>();
  app.post("/:type/:channelId", async (c) => {
    const s = c.get("services");
    const type = ChannelType.safeParse(c.req.param("type"));
    const channel = type.success ? await s.channels.get(c.req.param("channelId")) : null;
    if (!type.success || !channel || channel.type !== type.data) {
      throw new NotFound("No such channel.", "unknown_channel");
    }
    const connector = connectors[channel.type];
    if (!connector) throw new NotFound(`No connector for ${channel.type}.`, "unknown_channel");
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    if (rawBody.length > MAX_BODY) throw new BadInput("The body is too large.", "too_large");
    if (!(await connector.verify({ headers: c.req.raw.headers, rawBody }, channel))) {
      throw new Unauthorized("The webhook secret does not match.", "bad_signature");
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(rawBody));
    } catch {
      throw new BadInput("The body is not JSON.", "malformed_body");
    }
    const inbound = connector.parse(body, channel);
    // Events of one update belong to one dialog; run them in order.
    for (const event of inbound) {
      await s.actor.run({
        kind: "inbound",
        channelId: channel.id,
        channelType: channel.type,
        event,
        newClientId: newClientId(),
        flowId: channel.flowId,
      });
    }
    return c.json((connector.answer?.(body) ?? { ok: true }) as Record<string, unknown>);
  });
  return app;
}
