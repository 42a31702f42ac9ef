import { createApp } from "../../../app.ts";
import { loadConfig } from "../../../config.ts";
import { connectors } from "../../../connectors/mod.ts";
import { widget } from "../../../connectors/widget/mod.ts";
import { ensureOwner } from "../../../main.ts";
import { widgetRoutes } from "../../../routes/widget/mod.ts";
import { openServices, type Services } from "../../../services.ts";
import { OWNER } from "../../helpers.ts";

connectors.widget = widget;

/** A running Switchboard with the widget mounted, on a real socket, signed in as the owner. */
export interface WidgetApp {
  base: string;
  services: Services;
  cookie: string;
  /** fetch with the owner's cookie, JSON in and out. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** Connects a widget channel allowing these sites; returns the channel as the API answers. */
  connectWidget(
    config: Record<string, unknown>,
  ): Promise<{ id: string; info: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 (the widget's routes mounted at /widget unless app.ts has them). */
export async function startWidgetApp(env: Record<string, string> = {}): Promise<WidgetApp> {
  const config = loadConfig({ KV_PATH: ":memory:", PASSWORD_ITERATIONS: "1000", ...env });
  const services = await openServices(config);
  await ensureOwner(services.employees, OWNER.email, OWNER.password);
  const app = createApp(services);
  if (!app.routes.some((r) => r.path.startsWith("/widget/"))) app.route("/widget", widgetRoutes());
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(OWNER),
  });
  await login.body?.cancel();
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const self: WidgetApp = {
    base,
    services,
    cookie,
    api(path, init = {}) {
      return fetch(base + path, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          cookie,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
    async connectWidget(config) {
      const res = await self.api("/api/channels", {
        body: { type: "widget", name: "Website chat", config },
      });
      const channel = await res.json();
      if (res.status !== 201) throw new Error(`connect failed: ${JSON.stringify(channel)}`);
      return channel;
    },
    async close() {
      await server.shutdown();
      await services.close();
    },
  };
  return self;
}

/** A visitor's browser, as the widget talks to our server from a page on `origin`. */
export class Visitor {
  token = "";
  constructor(readonly app: WidgetApp, readonly channelId: string, readonly origin: string) {}

  get base(): string {
    return `${this.app.base}/widget/${this.channelId}`;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Origin: this.origin,
      ...(this.token ? { "X-Switchboard-Visitor": this.token } : {}),
      ...extra,
    };
  }

  /** Starts (or resumes) the visitor's session; keeps the token as the page's localStorage does. */
  async session(): Promise<Response> {
    const res = await fetch(`${this.base}/session`, { headers: this.headers() });
    if (res.status === 200) {
      const body = await res.clone().json();
      this.token = body.visitor;
    }
    return res;
  }

  say(text: string, extra: Record<string, unknown> = {}): Promise<Response> {
    return fetch(`${this.base}/messages`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ text, ...extra }),
    });
  }

  history(): Promise<Response> {
    return fetch(`${this.base}/messages`, { headers: this.headers() });
  }
}
