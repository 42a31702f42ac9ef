import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { RateLimited } from "../../connectors/widget/ratelimit.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../env.ts";
import { eventRoutes } from "./events.ts";
import { fileRoutes } from "./files.ts";
import { messageRoutes } from "./messages.ts";
import { scriptRoutes } from "./script.ts";
import { allowedOrigin } from "./visitor.ts";

/** The endpoints the widget calls from the host page: CORS for the channel's sites only. */
const VISITOR_PATHS = ["session", "messages", "events", "buttons", "receipts"];

/**
 * The website chat widget's public surface, mounted at `/widget`: the embed script
 * (`/widget/<channelId>.js`), the visitor's endpoints and uploaded files.
 */
export function widgetRoutes() {
  const app = new Hono<AppEnv>();
  for (const path of VISITOR_PATHS) app.use(`/:channelId/${path}`, allowedOrigin);
  app.route("/", scriptRoutes());
  app.route("/", messageRoutes());
  app.route("/", eventRoutes());
  app.route("/", fileRoutes());
  // Errors keep the CORS headers set before them, so the widget can read why.
  app.onError((err, c) => {
    if (err instanceof RateLimited) c.header("Retry-After", String(err.retryAfterSec));
    if (err instanceof AppError) {
      return c.json({ error: { code: err.code, message: err.message } }, err.status);
    }
    if (err instanceof HTTPException) {
      return c.json({ error: { code: "http_error", message: err.message } }, err.status);
    }
    console.error(`widget: ${c.req.method} ${c.req.path} failed`, err);
    return c.json(
      { error: { code: "internal", message: "Something went wrong on our side." } },
      500,
    );
  });
  return app;
}
