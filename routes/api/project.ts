import { createRoute } from "@hono/zod-openapi";
import { ProjectSettings } from "../../kv/project.ts";
import { errors, json, router } from "../env.ts";

const SettingsOut = ProjectSettings.meta({ id: "ProjectSettings" });

/** Project settings: name and time zone. */
export function projectRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      summary: "The project's name and time zone (every date is shown in it)",
      tags: ["Project"],
      responses: { 200: json(SettingsOut, "Settings"), ...errors(401) },
    }),
    async (c) => c.json(await c.get("services").project.get(), 200),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/",
      summary: "Change the project's name and time zone",
      tags: ["Project"],
      request: {
        body: { content: { "application/json": { schema: ProjectSettings } }, required: true },
      },
      responses: { 200: json(SettingsOut, "Saved"), ...errors(400, 401) },
    }),
    async (c) => c.json(await c.get("services").project.save(c.req.valid("json")), 200),
  );
  return app;
}
