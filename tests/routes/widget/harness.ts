import { startTestApp, type TestApp } from "../../helpers.ts";

/** A running Switchboard, signed in as the owner, that can connect a website widget. */
export interface WidgetApp extends TestApp {
  /** Connects a widget channel with this config; returns the channel as the API answers. */
  connectWidget(
    config: Record<string, unknown>,
  ): Promise<{ id: string; info: Record<string, unknown> }>;
}

/** Starts the app on 127.0.0.1 (see `startTestApp`) with a way to connect widgets. */
export async function startWidgetApp(env: Record<string, string> = {}): Promise<WidgetApp> {
  const app = await startTestApp(env);
  return Object.assign(app, {
    async connectWidget(config: Record<string, unknown>) {
      const res = await app.api("/api/channels", {
        body: { type: "widget", name: "Website chat", config },
      });
      const channel = await res.json();
      if (res.status !== 201) throw new Error(`connect failed: ${JSON.stringify(channel)}`);
      return channel;
    },
  });
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
