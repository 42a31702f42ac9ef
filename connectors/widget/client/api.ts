import type { VisitorMessage } from "../view.ts";

/** What the embed script bakes in: the channel and where our server is. */
export interface Boot {
  channelId: string;
  /** `https://<our host>/widget` */
  base: string;
}

/** The chat's look and the visitor's standing, from `GET …/session`. */
export interface Session {
  visitor: string;
  title: string;
  greeting: string | null;
  colour: string;
  maxFileBytes: number;
  hasConversation: boolean;
}

/** What the visitor may tell about themselves. */
export interface Details {
  name: string;
  contact: string;
}

/** A failed call, with the server's readable reason. */
export class WidgetError extends Error {
  constructor(message: string, readonly status: number, readonly retryAfterSec?: number) {
    super(message);
  }
}

const HEADER = "X-Switchboard-Visitor";

/** The host page's localStorage, which may be missing or refuse (private modes, sandboxes). */
function stored(key: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "{}") ?? {};
  } catch {
    return {};
  }
}

/** Our server, as the widget on the host page talks to it. */
export class WidgetApi {
  readonly #key: string;
  #saved: Record<string, string>;

  constructor(readonly boot: Boot) {
    this.#key = `switchboard-chat:${boot.channelId}`;
    this.#saved = stored(this.#key);
  }

  get url(): string {
    return `${this.boot.base}/${this.boot.channelId}`;
  }

  /** Remembers a value in the host page's storage, next to the visitor token. */
  remember(values: Record<string, string>) {
    this.#saved = { ...this.#saved, ...values };
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.#saved));
    } catch {
      // Storage refused: the cookie on our origin still knows the visitor.
    }
  }

  recall(name: string): string {
    return this.#saved[name] ?? "";
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#saved.visitor) headers.set(HEADER, this.#saved.visitor);
    return fetch(`${this.url}${path}`, { ...init, headers, credentials: "include", mode: "cors" });
  }

  async #json<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(path, init);
    } catch {
      throw new WidgetError("Can't reach the chat. Check your connection and try again.", 0);
    }
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const retry = Number(res.headers.get("Retry-After")) || undefined;
      throw new WidgetError(
        body?.error?.message ?? "Something went wrong. Please try again.",
        res.status,
        retry,
      );
    }
    return body as T;
  }

  async session(): Promise<Session> {
    const session = await this.#json<Session>("/session");
    this.remember({ visitor: session.visitor });
    return session;
  }

  history(): Promise<{ items: VisitorMessage[]; hasMore: boolean; cursor: string }> {
    return this.#json("/messages");
  }

  send(
    fields: { text: string; ref: string; lang: string } & Details,
    file?: File,
  ): Promise<{ message: VisitorMessage | null }> {
    if (!file) {
      return this.#json("/messages", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(fields),
      });
    }
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("file", file);
    return this.#json("/messages", { method: "POST", body: form });
  }

  press(data: string, ref: string): Promise<{ message: VisitorMessage | null }> {
    return this.#json("/buttons", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data, ref }),
    });
  }

  receipts(status: "delivered" | "read", ids: string[]): Promise<unknown> {
    return this.#json("/receipts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status, ids }),
    });
  }
}
