import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { Employee } from "../kv/records.ts";
import type { Services } from "../services.ts";
import { BadInput } from "../errors.ts";

/** What every request carries through the middleware. */
export type AppEnv = {
  Variables: { services: Services; employee: Employee; auth: "cookie" | "token" };
};

/** A router whose invalid inputs become our JSON 400 errors. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) =>
          `${i.path.join(".") || "body"}: ${i.message}`
        );
        throw new BadInput(issues.join("; "));
      }
    },
  });
}

/** The JSON error shape every 4xx uses. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
}).meta({ id: "Error" });

/** OpenAPI response entries for the errors a route can answer with. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 429)[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, {
      description: {
        400: "Bad input",
        401: "Not signed in",
        403: "Forbidden",
        404: "Not found",
        409: "Conflict",
        429: "Too many requests",
      }[s],
      content: { "application/json": { schema: ErrorBody } },
    }]),
  );
}

/** An OpenAPI response entry for a JSON body. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
