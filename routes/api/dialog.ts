import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { BadInput, NotFound } from "../../errors.ts";
import { errors, json, router } from "../env.ts";
import { ClientOut, IdParam, MessageOut } from "./clients.ts";

const MessageParam = IdParam.extend({ messageId: z.string().min(1).max(80) });

/** What happens later in a dialog: scheduled messages, the bot's pause, the bot flow position. */
export function dialogRoutes() {
  const app = router();
  const employeeOf = (c: { get(k: "employee"): { id: string; name: string } }) => {
    const e = c.get("employee");
    return { kind: "employee" as const, id: e.id, name: e.name };
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}/scheduled",
      summary: "The client's messages waiting for their send time, soonest first",
      tags: ["Scheduled messages"],
      request: { params: IdParam },
      responses: {
        200: json(z.object({ items: z.array(MessageOut) }), "Scheduled messages"),
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      if (!(await s.clients.get(id))) throw new NotFound("No such client.");
      const items = await s.clients.scheduled(id);
      items.sort((a, b) => Date.parse(a.sendAt!) - Date.parse(b.sendAt!));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/scheduled/{messageId}/reschedule",
      summary: "Move a scheduled message to another time",
      tags: ["Scheduled messages"],
      request: {
        params: MessageParam,
        body: {
          content: {
            "application/json": {
              schema: z.object({ sendAt: z.iso.datetime({ offset: true }) }),
            },
          },
          required: true,
        },
      },
      responses: { 200: json(MessageOut, "Rescheduled"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      const sendAt = Date.parse(c.req.valid("json").sendAt);
      if (sendAt <= Date.now()) throw new BadInput("Pick a time in the future.", "time_in_past");
      const r = await c.get("services").actor.run({
        kind: "reschedule",
        clientId: id,
        messageId,
        sendAt,
      });
      return c.json(r.message!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/scheduled/{messageId}/send-now",
      summary: "Send a scheduled message at once",
      tags: ["Scheduled messages"],
      request: { params: MessageParam },
      responses: { 202: json(MessageOut, "Queued for delivery"), ...errors(401, 404, 409) },
    }),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      const r = await c.get("services").actor.run({ kind: "sendNow", clientId: id, messageId });
      return c.json(r.message!, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/{id}/scheduled/{messageId}",
      summary: "Cancel a scheduled message",
      tags: ["Scheduled messages"],
      request: { params: MessageParam },
      responses: { 200: json(MessageOut, "The cancelled message"), ...errors(401, 404, 409) },
    }),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      const r = await c.get("services").actor.run({
        kind: "cancelScheduled",
        clientId: id,
        messageId,
      });
      return c.json(r.message!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages/{messageId}/resend",
      summary: "Send a message again, optionally through another channel (e.g. Telegram → e-mail)",
      tags: ["Messages"],
      request: {
        params: MessageParam,
        body: {
          content: {
            "application/json": {
              schema: z.object({
                channelId: z.string().min(1).max(64).optional().describe(
                  "Another channel to send it through; the client's own when left out",
                ),
                to: z.string().min(1).max(320).optional().describe(
                  "The client's address on that channel (e-mail, phone); taken from the card when left out",
                ),
                subject: z.string().max(300).optional().describe("Subject, for an e-mail channel"),
              }),
            },
          },
          required: true,
        },
      },
      responses: { 202: json(MessageOut, "Queued for delivery"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const s = c.get("services");
      const { id, messageId } = c.req.valid("param");
      const body = c.req.valid("json");
      const client = await s.clients.get(id);
      if (!client) throw new NotFound("No such client.");
      let via: { channelId: string; to: string } | undefined;
      if (body.channelId && body.channelId !== client.channelId) {
        const channel = await s.channels.get(body.channelId);
        if (!channel) throw new NotFound("No such channel.");
        const to = body.to ??
          (channel.type === "email"
            ? client.email
            : channel.type === "whatsapp" || channel.type === "viber"
            ? client.phone?.replace(/\D/g, "")
            : undefined);
        if (!to) {
          throw new BadInput(
            `The client has no address for ${channel.type}; give one in "to".`,
            "no_address",
          );
        }
        via = { channelId: channel.id, to };
      }
      const r = await s.actor.run({
        kind: "resend",
        clientId: id,
        messageId,
        author: employeeOf(c),
        ...(via ? { via } : {}),
        ...(body.subject ? { subject: body.subject } : {}),
      });
      return c.json(r.message!, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/bot/pause",
      summary: "Pause the bot for this client (24 hours by default); it resumes by itself",
      tags: ["Bot"],
      request: { params: IdParam },
      responses: { 200: json(ClientOut, "The client"), ...errors(401, 404) },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      const r = await s.actor.run({
        kind: "pauseBot",
        clientId: id,
        until: Date.now() + s.config.BOT_PAUSE_MS,
        author: employeeOf(c),
      });
      return c.json(r.client!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/bot/resume",
      summary: "Let the bot answer this client again now",
      tags: ["Bot"],
      request: { params: IdParam },
      responses: { 200: json(ClientOut, "The client"), ...errors(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const r = await c.get("services").actor.run({
        kind: "resumeBot",
        clientId: id,
        author: employeeOf(c),
      });
      return c.json(r.client!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/flow/move",
      summary: "Send a block of the bot flow and move the client there (send from funnel)",
      tags: ["Bot"],
      request: {
        params: IdParam,
        body: {
          content: {
            "application/json": { schema: z.object({ block: z.number().int().min(1) }) },
          },
          required: true,
        },
      },
      responses: { 202: json(ClientOut, "The client, moved"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      const client = await s.clients.get(id);
      if (!client) throw new NotFound("No such client.");
      const channel = await s.channels.get(client.channelId);
      const r = await s.actor.run({
        kind: "moveToBlock",
        clientId: id,
        block: c.req.valid("json").block,
        author: employeeOf(c),
        flowId: client.flowId ?? channel?.flowId,
      });
      return c.json(r.client!, 202);
    },
  );
  return app;
}
