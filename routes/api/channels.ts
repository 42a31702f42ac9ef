import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { connectors } from "../../connectors/mod.ts";
import { publicChannel } from "../../kv/channels.ts";
import { ChannelType } from "../../kv/records.ts";
import { BadInput, NotFound } from "../../errors.ts";
import { errors, router } from "../env.ts";

const ChannelOut = z.object({
  id: z.string(),
  type: ChannelType,
  name: z.string(),
  info: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  webhookUrl: z.string(),
  flowId: z.string().optional(),
}).meta({ id: "Channel" });

const CreateChannel = z.object({
  type: ChannelType,
  name: z.string().trim().min(1, "Give the channel a name.").max(100),
  config: z.record(z.string(), z.unknown()).describe(
    "What the messenger needs; Telegram: { token }",
  ),
}).meta({ id: "CreateChannel" });

/** Connected messengers: connect (registers the webhook), list, remove. */
export function channelRoutes() {
  const app = router();
  const webhookUrl = (base: string, type: string, id: string) => `${base}/webhooks/${type}/${id}`;

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      summary: "Connected channels",
      tags: ["Channels"],
      responses: {
        200: {
          description: "Channels",
          content: { "application/json": { schema: z.object({ items: z.array(ChannelOut) }) } },
        },
        ...errors(401),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const items = (await s.channels.list()).map((ch) => ({
        ...publicChannel(ch),
        webhookUrl: webhookUrl(s.config.publicUrl, ch.type, ch.id),
      }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/",
      summary: "Connect a messenger channel; registers its webhook where the messenger allows",
      tags: ["Channels"],
      request: {
        body: { content: { "application/json": { schema: CreateChannel } }, required: true },
      },
      responses: {
        201: { description: "Connected", content: { "application/json": { schema: ChannelOut } } },
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const body = c.req.valid("json");
      const connector = connectors[body.type];
      if (!connector) {
        throw new BadInput(
          `Connecting ${body.type} channels is not available yet.`,
          "not_supported",
        );
      }
      const { id, secret } = s.channels.draft();
      const url = webhookUrl(s.config.publicUrl, body.type, id);
      const draft = {
        id,
        type: body.type,
        name: body.name,
        config: body.config,
        info: {},
        webhookSecret: secret,
        createdAt: new Date().toISOString(),
      };
      // Saved before connecting: some messengers (Viber) call the webhook while it is being set.
      await s.channels.save(draft);
      let connected;
      try {
        connected = await connector.connect({
          config: body.config,
          webhookUrl: url,
          secret,
          api: s.api,
          saveConfig: (config) => s.channels.save({ ...draft, config }),
        });
      } catch (e) {
        await s.channels.remove(id);
        throw e;
      }
      const channel = { ...draft, config: connected.config, info: connected.info };
      await s.channels.save(channel);
      return c.json({ ...publicChannel(channel), webhookUrl: url }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      summary: "Rename a channel or link it to a bot flow (null unlinks)",
      tags: ["Channels"],
      request: {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: {
          content: {
            "application/json": {
              schema: z.object({
                name: z.string().trim().min(1).max(100).optional(),
                flowId: z.string().min(1).max(64).nullable().optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { description: "Saved", content: { "application/json": { schema: ChannelOut } } },
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const channel = await s.channels.get(id);
      if (!channel) throw new NotFound("No such channel.");
      if (body.flowId && !(await s.flows.get(body.flowId))) throw new BadInput("No such flow.");
      const next = {
        ...channel,
        ...(body.name ? { name: body.name } : {}),
        ...(body.flowId !== undefined ? { flowId: body.flowId ?? undefined } : {}),
      };
      await s.channels.save(next);
      return c.json({
        ...publicChannel(next),
        webhookUrl: webhookUrl(s.config.publicUrl, next.type, id),
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      summary: "Disconnect a channel (its clients and history stay)",
      description:
        "Tells the messenger to stop sending webhooks where its API allows (Telegram, Viber, VK), " +
        "then removes the channel. `webhook` says what became of the messenger's side: " +
        "`removed`, `left` (it could not be told: `note` says why and what to do), or `none` " +
        "(nothing to remove on our side of its API: Meta apps, e-mail, the widget).",
      tags: ["Channels"],
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: {
          description: "Removed",
          content: {
            "application/json": {
              schema: z.object({
                ok: z.boolean(),
                webhook: z.enum(["removed", "left", "none"]),
                note: z.string().optional(),
              }),
            },
          },
        },
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      const channel = await s.channels.get(id);
      if (!channel) throw new NotFound("No such channel.");
      const disconnect = connectors[channel.type]?.disconnect;
      const told = disconnect ? await disconnect(channel, s.api) : null;
      await s.channels.remove(id);
      if (!told) return c.json({ ok: true, webhook: "none" as const }, 200);
      if (told.ok) return c.json({ ok: true, webhook: "removed" as const }, 200);
      return c.json({ ok: true, webhook: "left" as const, note: told.reason }, 200);
    },
  );
  return app;
}
