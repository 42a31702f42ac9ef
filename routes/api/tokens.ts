import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errors, router } from "../env.ts";

const TokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
}).meta({ id: "ApiToken" });

/** API tokens for integrations: `Authorization: Bearer <token>`. */
export function tokenRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      summary: "Your API tokens (without their secrets)",
      tags: ["Auth"],
      responses: {
        200: {
          description: "Tokens",
          content: { "application/json": { schema: z.object({ items: z.array(TokenOut) }) } },
        },
        ...errors(401),
      },
    }),
    async (c) => {
      const items = await c.get("services").sessions.listTokens(c.get("employee").id);
      return c.json({ items: items.map(({ employeeId: _, ...t }) => t) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/",
      summary: "Issue an API token; its secret is shown only in this answer",
      tags: ["Auth"],
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.object({ name: z.string().trim().min(1).max(100) }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: {
          description: "Issued",
          content: {
            "application/json": { schema: TokenOut.extend({ token: z.string() }) },
          },
        },
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("json");
      const { token, info } = await c.get("services").sessions.issueToken(
        c.get("employee").id,
        name,
      );
      const { employeeId: _, ...t } = info;
      return c.json({ ...t, token }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      summary: "Revoke an API token",
      tags: ["Auth"],
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: {
          description: "Revoked",
          content: { "application/json": { schema: z.object({ ok: z.boolean() }) } },
        },
        ...errors(401, 404),
      },
    }),
    async (c) => {
      await c.get("services").sessions.revokeToken(c.get("employee").id, c.req.valid("param").id);
      return c.json({ ok: true }, 200);
    },
  );
  return app;
}
