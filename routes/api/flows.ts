import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { BotFlow, FlowBlock } from "../../kv/records.ts";
import { BadInput, NotFound } from "../../errors.ts";
import { errors, json, router } from "../env.ts";

const FlowOut = BotFlow.meta({ id: "BotFlow" });

/** A flow as it is written, imported and exported: no id or dates needed. */
export const FlowInput = z.object({
  name: z.string().trim().min(1, "Give the flow a name.").max(200),
  startBlock: z.number().int().min(1),
  blocks: z.array(FlowBlock).min(1, "A flow needs at least one block.").max(500),
}).meta({ id: "BotFlowInput" });

/** Checks what zod cannot: unique block numbers and links that lead somewhere. */
export function checkFlow(input: z.infer<typeof FlowInput>) {
  const numbers = new Set<number>();
  for (const b of input.blocks) {
    if (numbers.has(b.number)) throw new BadInput(`Block ${b.number} appears twice.`, "bad_flow");
    numbers.add(b.number);
  }
  const missing = (n: number | undefined) => n !== undefined && !numbers.has(n);
  if (missing(input.startBlock)) {
    throw new BadInput(`The start block ${input.startBlock} does not exist.`, "bad_flow");
  }
  for (const b of input.blocks) {
    if (missing(b.next)) {
      throw new BadInput(
        `Block ${b.number} leads to block ${b.next}, which does not exist.`,
        "bad_flow",
      );
    }
    for (const button of b.buttons) {
      if (missing(button.next)) {
        throw new BadInput(
          `Button "${button.text}" of block ${b.number} leads to block ${button.next}, which does not exist.`,
          "bad_flow",
        );
      }
    }
  }
}

const IdParam = z.object({ id: z.string().min(1).max(64) });

/** Bot flows: list, create (or import), read (or export), replace, delete. */
export function flowRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      summary: "All bot flows",
      tags: ["Bot flows"],
      responses: { 200: json(z.object({ items: z.array(FlowOut) }), "Flows"), ...errors(401) },
    }),
    async (c) => c.json({ items: await c.get("services").flows.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/",
      summary: "Create a flow, or import one exported as JSON",
      tags: ["Bot flows"],
      request: { body: { content: { "application/json": { schema: FlowInput } }, required: true } },
      responses: { 201: json(FlowOut, "Created"), ...errors(400, 401) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      checkFlow(input);
      return c.json(await c.get("services").flows.save(input), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      summary: "One flow (its JSON is also the export format)",
      tags: ["Bot flows"],
      request: { params: IdParam },
      responses: { 200: json(FlowOut, "The flow"), ...errors(401, 404) },
    }),
    async (c) => {
      const flow = await c.get("services").flows.get(c.req.valid("param").id);
      if (!flow) throw new NotFound("No such flow.");
      return c.json(flow, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/{id}",
      summary: "Replace a flow's name and blocks",
      tags: ["Bot flows"],
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: FlowInput } }, required: true },
      },
      responses: { 200: json(FlowOut, "Saved"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      if (!(await s.flows.get(id))) throw new NotFound("No such flow.");
      const input = c.req.valid("json");
      checkFlow(input);
      return c.json(await s.flows.save({ ...input, id }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      summary: "Delete a flow (channels linked to it stop answering with it)",
      tags: ["Bot flows"],
      request: { params: IdParam },
      responses: { 200: json(z.object({ ok: z.boolean() }), "Deleted"), ...errors(401, 404) },
    }),
    async (c) => {
      const s = c.get("services");
      const { id } = c.req.valid("param");
      if (!(await s.flows.get(id))) throw new NotFound("No such flow.");
      await s.flows.remove(id);
      // Channels linked to it are unlinked, so new clients do not point at a flow that is gone.
      for (const channel of await s.channels.list()) {
        if (channel.flowId === id) await s.channels.save({ ...channel, flowId: undefined });
      }
      return c.json({ ok: true }, 200);
    },
  );
  return app;
}
