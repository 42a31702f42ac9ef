import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { Client, Message } from "../../kv/records.ts";
import { BadInput, NotFound } from "../../errors.ts";
import { errors, json, router } from "../env.ts";

export const ClientOut = Client.meta({ id: "Client" });
export const MessageOut = Message.meta({ id: "Message" });
export const IdParam = z.object({ id: z.string().min(1).max(64) });

/** Send text: what an employee types in the composer. */
export const SendMessage = z.object({
  text: z.string().max(4096, "A message can be at most 4096 characters.").default(""),
  attachments: z.array(z.object({
    type: z.enum(["photo", "video", "audio", "voice", "document", "sticker", "animation"]),
    url: z.url({ protocol: /^https?$/ }).describe("Where the messenger can fetch the file"),
    fileName: z.string().max(255).optional(),
    mimeType: z.string().max(100).optional(),
    size: z.number().int().min(0).optional(),
  })).max(10).default([]).describe("Files to send, by a public URL"),
  sendAt: z.iso.datetime({ offset: true }).optional().describe(
    "Send later, at this time (ISO 8601 with an offset); a time already past sends at once.",
  ),
}).meta({ id: "SendMessage" });

/** The inbox, the chat history, and writing to a client. */
export function clientRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      summary: "The inbox: pinned first, then newest activity; `q` searches",
      tags: ["Clients"],
      request: {
        query: z.object({
          q: z.string().max(200).optional().describe(
            "Matches name, username, phone, client_id and platformId",
          ),
          cursor: z.string().max(2000).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(ClientOut), nextCursor: z.string().nullable() }),
          "A page of clients",
        ),
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const { q, cursor, limit } = c.req.valid("query");
      const page = await c.get("services").clients.list({ q, cursor, limit });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      summary: "One client",
      tags: ["Clients"],
      request: { params: IdParam },
      responses: { 200: json(ClientOut, "The client"), ...errors(401, 404) },
    }),
    async (c) => {
      const client = await c.get("services").clients.get(c.req.valid("param").id);
      if (!client) throw new NotFound("No such client.");
      return c.json(client, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}/messages",
      summary: "Chat history in chronological order; `before` pages backwards",
      tags: ["Messages"],
      request: {
        params: IdParam,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.coerce.number().int().min(0).optional().describe(
            "Only messages with a smaller seq",
          ),
        }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(MessageOut), hasMore: z.boolean() }),
          "Messages, oldest first",
        ),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      const { limit, before } = c.req.valid("query");
      if (!(await s.clients.get(id))) throw new NotFound("No such client.");
      return c.json(await s.clients.messages(id, { limit, beforeSeq: before }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages",
      summary: "Send a message to the client through their channel",
      tags: ["Messages"],
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: SendMessage } }, required: true },
      },
      responses: {
        202: json(MessageOut, "Queued for delivery"),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const text = body.text.trim();
      if (!text && body.attachments.length === 0) {
        throw new BadInput("The message is empty.", "empty_message");
      }
      const employee = c.get("employee");
      const result = await s.actor.run({
        kind: "reply",
        clientId: id,
        author: { kind: "employee", id: employee.id, name: employee.name },
        text,
        attachments: body.attachments,
        ...(body.sendAt ? { sendAt: Date.parse(body.sendAt) } : {}),
      });
      return c.json(result.message!, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages/{messageId}/retry",
      summary: "Send a failed message again",
      tags: ["Messages"],
      request: { params: IdParam.extend({ messageId: z.string().min(1).max(64) }) },
      responses: {
        202: json(MessageOut, "Queued again"),
        ...errors(401, 404, 409),
      },
    }),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      const result = await c.get("services").actor.run({ kind: "retry", clientId: id, messageId });
      return c.json(result.message!, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/read",
      summary: "Mark the dialog read",
      tags: ["Clients"],
      request: { params: IdParam },
      responses: { 200: json(ClientOut, "The client"), ...errors(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await c.get("services").actor.run({ kind: "markRead", clientId: id });
      return c.json(result.client!, 200);
    },
  );
  return app;
}
