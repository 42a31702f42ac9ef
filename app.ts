import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { serveStatic } from "hono/deno";
import { AppError } from "./errors.ts";
import type { Services } from "./services.ts";
import { authRoutes } from "./routes/api/auth.ts";
import { channelRoutes } from "./routes/api/channels.ts";
import { clientRoutes } from "./routes/api/clients.ts";
import { dialogRoutes } from "./routes/api/dialog.ts";
import { eventRoutes } from "./routes/api/events.ts";
import { flowRoutes } from "./routes/api/flows.ts";
import { mediaRoutes } from "./routes/api/media.ts";
import { projectRoutes } from "./routes/api/project.ts";
import { tokenRoutes } from "./routes/api/tokens.ts";
import type { AppEnv } from "./routes/env.ts";
import { pageRoutes } from "./routes/pages.ts";
import { requireEmployee } from "./routes/session.ts";
import { webhookRoutes } from "./routes/webhooks/channel.ts";
import { widgetRoutes } from "./routes/widget/mod.ts";

/** The whole HTTP surface: API, webhooks, pages and static files. */
export function createApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });

  app.get(
    "/healthz",
    (c) => services.mailbox.listening ? c.json({ ok: true }) : c.json({ ok: false }, 503),
  );

  app.use("/api/*", (c, next) => {
    if (c.req.path === "/api/auth/login") return next();
    return requireEmployee(c, next);
  });
  app.route("/api/auth", authRoutes());
  app.route("/api/clients", clientRoutes());
  app.route("/api/clients", dialogRoutes());
  app.route("/api/clients", mediaRoutes());
  app.route("/api/flows", flowRoutes());
  app.route("/api/project", projectRoutes());
  app.route("/api/channels", channelRoutes());
  app.route("/api/tokens", tokenRoutes());
  app.route("/api/events", eventRoutes());
  app.route("/webhooks", webhookRoutes());
  app.route("/widget", widgetRoutes());
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description: "Authenticate with the session cookie from POST /api/auth/login, " +
        "or with `Authorization: Bearer <api token>`.",
    },
  });
  app.route("/", pageRoutes());
  app.use("/static/*", serveStatic({ root: new URL(".", import.meta.url).pathname }));

  app.notFound((c) =>
    c.json(
      { error: { code: "not_found", message: `Nothing at ${c.req.method} ${c.req.path}.` } },
      404,
    )
  );
  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json({ error: { code: err.code, message: err.message } }, err.status);
    }
    if (err instanceof HTTPException) {
      return c.json({ error: { code: "http_error", message: err.message } }, err.status);
    }
    console.error(`${c.req.method} ${c.req.path} failed`, err);
    return c.json(
      { error: { code: "internal", message: "Something went wrong on our side." } },
      500,
    );
  });
  return app;
}
