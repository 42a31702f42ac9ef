import { Hono } from "hono";
import { inboundCommand } from "../../actors/dialog/commands.ts";
import { connectors } from "../../connectors/mod.ts";
import type { Connector } from "../../connectors/types.ts";
import type { Channel } from "../../kv/records.ts";
import { storeInboundFiles } from "../../kv/inbound_files.ts";
import { ChannelType } from "../../kv/records.ts";
import { BadInput, NotFound, Unauthorized } from "../../errors.ts";
import type { AppEnv } from "../env.ts";
import type { Services } from "../../services.ts";

const MAX_BODY = 25 * 1024 * 1024;

async function channelFor(
  s: Services,
  typeParam: string,
  id: string,
): Promise<{ channel: Channel; connector: Connector }> {
  const type = ChannelType.safeParse(typeParam);
  const channel = type.success ? await s.channels.get(id) : null;
  const connector = channel && connectors[channel.type];
  if (!type.success || !channel || channel.type !== type.data || !connector) {
    throw new NotFound("No such channel.", "unknown_channel");
  }
  return { channel, connector };
}

/** The body as the connector wants it: parsed JSON, or the fields of a form post. */
async function parseBody(rawBody: Uint8Array, contentType: string): Promise<unknown> {
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType)) {
    const form = await new Response(rawBody as BodyInit, {
      headers: { "content-type": contentType },
    })
      .formData().catch(() => {
        throw new BadInput("The form body cannot be read.", "malformed_body");
      });
    const fields: Record<string, unknown> = {};
    for (const [k, v] of form) {
      fields[k] = k in fields ? [fields[k], v].flat() : v;
    }
    return fields;
  }
  try {
    return JSON.parse(new TextDecoder().decode(rawBody));
  } catch {
    throw new BadInput("The body is not JSON.", "malformed_body");
  }
}

/**
 * `POST /webhooks/<type>/<channelId>`: verify the messenger's way, parse, and answer success only
 * once every event is durably committed (duplicates of a stored update are acknowledged too).
 * `GET` answers the messenger's handshake where it has one.
 */
export function webhookRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:type/:channelId", async (c) => {
    const { channel, connector } = await channelFor(
      c.get("services"),
      c.req.param("type"),
      c.req.param("channelId"),
    );
    const answer = connector.handshake?.(new URL(c.req.url), channel) ?? null;
    if (answer === null) throw new Unauthorized("The handshake does not match.", "bad_handshake");
    return c.text(answer);
  });

  app.post("/:type/:channelId", async (c) => {
    const s = c.get("services");
    const { channel, connector } = await channelFor(
      s,
      c.req.param("type"),
      c.req.param("channelId"),
    );
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    if (rawBody.length > MAX_BODY) throw new BadInput("The body is too large.", "too_large");
    if (!(await connector.verify({ headers: c.req.raw.headers, rawBody }, channel))) {
      throw new Unauthorized("The webhook signature does not match.", "bad_signature");
    }
    const body = await parseBody(rawBody, c.req.header("content-type") ?? "");
    const inbound = await storeInboundFiles(
      s.kv,
      channel.id,
      connector.parse(body, channel, rawBody),
    );
    // A batch (Meta sends several) may hold many dialogs: run them together, each in order.
    const byDialog = new Map<string, typeof inbound>();
    for (const event of inbound) {
      const key = event.profile.platformId;
      const events = byDialog.get(key);
      if (events) events.push(event);
      else byDialog.set(key, [event]);
    }
    await Promise.all([...byDialog.values()].map(async (events) => {
      for (const event of events) {
        await s.actor.run(inboundCommand(channel, event));
      }
    }));
    const answer = connector.answer?.(body, channel) ?? { json: { ok: true } };
    return "text" in answer ? c.text(answer.text) : c.json(answer.json as Record<string, unknown>);
  });
  return app;
}
