import { Hono } from "hono";
import { channelsPage } from "./channels.tsx";
import { docsPage, type OpenApiSource } from "./docs.tsx";
import { flowPage, flowsPage } from "./flows.tsx";
import type { AppEnv } from "./env.ts";
import { inboxPage } from "./index.tsx";
import { loginPage, logout } from "./login.tsx";
import { settingsPage } from "./settings.tsx";

/**
 * Server-rendered pages: sign-in, the inbox, channels, bot flows, project settings and the API docs.
 * `openapi` hands the docs page the app's OpenAPI document; without it the page fetches
 * /openapi.json from the app itself.
 */
export function pageRoutes(options: { openapi?: OpenApiSource } = {}) {
  const app = new Hono<AppEnv>();
  app.get("/login", loginPage);
  app.post("/logout", logout);
  app.get("/", inboxPage);
  app.get("/clients/:id", inboxPage);
  app.get("/channels", channelsPage);
  app.get("/flows", flowsPage);
  app.get("/flows/new", flowPage);
  app.get("/flows/:id", flowPage);
  app.get("/settings", settingsPage);
  app.get("/docs", docsPage(options.openapi));
  return app;
}
