import { batch, computed, effect, signal } from "@preact/signals";
import type { VisitorAttachment, VisitorMessage } from "../view.ts";
import { type Details, type Session, WidgetApi, WidgetError } from "./api.ts";
import { follow } from "./stream.ts";

/** A message on screen; `local` ones were written here and are not confirmed yet. */
export type ChatItem = VisitorMessage & { local?: "sending" | "failed"; error?: string };

const RANK = { queued: 0, sent: 1, delivered: 2, read: 3 } as const;

function newRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Everything the widget shows, and what the visitor can do. */
export class ChatStore {
  readonly session = signal<Session | null>(null);
  readonly items = signal<ChatItem[]>([]);
  readonly open = signal(false);
  readonly visible = signal(document.visibilityState === "visible");
  readonly live = signal(false);
  readonly problem = signal<string | null>(null);
  readonly details = signal<Details>({ name: "", contact: "" });
  /** Business messages the visitor has not seen yet. */
  readonly unread = computed(() =>
    this.items.value.filter((m) => m.direction === "out" && m.status !== "read").length
  );
  /** The visitor has written (the intro form gives way). */
  readonly started = computed(() => this.items.value.some((m) => m.direction === "in"));
  #files = new Map<string, File>();
  #stop: (() => void) | null = null;
  #receipts = { delivered: new Set<string>(), read: new Set<string>() };

  constructor(readonly api: WidgetApi) {
    this.details.value = { name: api.recall("name"), contact: api.recall("contact") };
    document.addEventListener("visibilitychange", () => {
      this.visible.value = document.visibilityState === "visible";
    });
    // Receipts: "delivered" when a reply reaches the page, "read" when the open chat shows it.
    effect(() => {
      const seen = this.open.value && this.visible.value;
      const shown = this.items.value.filter((m) =>
        m.direction === "out" && (m.status === "sent" || m.status === "delivered")
      );
      this.#acknowledge(
        seen ? "read" : "delivered",
        shown.filter((m) => !seen ? m.status === "sent" : true),
      );
    });
  }

  /** Loads the session; the widget shows itself only when the server lets this site in. */
  async start(): Promise<boolean> {
    try {
      this.session.value = await this.api.session();
    } catch (e) {
      console.warn(`Switchboard chat is unavailable here: ${(e as Error).message}`);
      return false;
    }
    if (this.session.value.hasConversation) {
      await this.#goLive().catch((e) => this.problem.value = (e as Error).message);
    }
    return true;
  }

  stop() {
    this.#stop?.();
  }

  setDetails(details: Details) {
    this.details.value = details;
    this.api.remember({ name: details.name, contact: details.contact });
  }

  /** Sends text and/or a file; the message shows at once and is confirmed by the server. */
  async send(text: string, file?: File, ref = newRef()): Promise<void> {
    if (!text.trim() && !file) return;
    const limit = this.session.value?.maxFileBytes ?? Infinity;
    if (file && file.size > limit) {
      this.problem.value = `That file is too large: ${Math.round(limit / 1048576)} MB at most.`;
      return;
    }
    if (file) this.#files.set(ref, file);
    const attachments: VisitorAttachment[] = file
      ? [{
        type: file.type.startsWith("image/") ? "photo" : "document",
        url: URL.createObjectURL(file),
        fileName: file.name,
        size: file.size,
        mimeType: file.type,
      }]
      : [];
    this.#upsert({
      id: `local:${ref}`,
      ref,
      seq: Number.MAX_SAFE_INTEGER,
      direction: "in",
      author: { kind: "visitor" },
      text: text.trim(),
      attachments,
      createdAt: new Date().toISOString(),
      local: "sending",
    });
    try {
      const { message } = await this.api.send({
        text: text.trim(),
        ref,
        lang: navigator.language ?? "",
        ...this.details.value,
      }, file);
      this.#files.delete(ref);
      if (message) this.#upsert(message);
      this.problem.value = null;
      await this.#goLive();
    } catch (e) {
      const error = e instanceof WidgetError ? e.message : "The message could not be sent.";
      this.#patch(`local:${ref}`, { local: "failed", error });
      this.problem.value = error;
    }
  }

  /** Sends a failed message again, with the same ref so it is never stored twice. */
  retry(item: ChatItem) {
    if (!item.ref) return;
    this.items.value = this.items.value.filter((m) => m.id !== item.id);
    void this.send(item.text, this.#files.get(item.ref), item.ref);
  }

  /** Presses a quick reply under a bot message. */
  async press(button: { text: string; data: string }): Promise<void> {
    const ref = newRef();
    this.#upsert({
      id: `local:${ref}`,
      ref,
      seq: Number.MAX_SAFE_INTEGER,
      direction: "in",
      author: { kind: "visitor" },
      text: "",
      pressed: button.data,
      attachments: [],
      createdAt: new Date().toISOString(),
      local: "sending",
    });
    try {
      const { message } = await this.api.press(button.data, ref);
      this.items.value = this.items.value.filter((m) => m.id !== `local:${ref}`);
      if (message) this.#upsert(message);
    } catch (e) {
      this.items.value = this.items.value.filter((m) => m.id !== `local:${ref}`);
      this.problem.value = e instanceof WidgetError ? e.message : "That did not work.";
    }
  }

  /** Loads the history and follows the event stream from where the history ends. */
  async #goLive(): Promise<void> {
    if (this.#stop) return;
    this.#stop = () => {};
    try {
      const { items, cursor } = await this.api.history();
      batch(() => items.forEach((m) => this.#upsert(m)));
      this.#stop = follow(this.api, cursor, {
        event: (e) => {
          if (e.event === "message") this.#upsert(JSON.parse(e.data));
          if (e.event === "message.removed") {
            const { id } = JSON.parse(e.data);
            this.items.value = this.items.value.filter((m) => m.id !== id);
          }
        },
        live: (up) => this.live.value = up,
      });
    } catch (e) {
      this.#stop = null;
      throw e;
    }
  }

  /** Adds or updates a message; the server's copy replaces the optimistic one. */
  #upsert(m: ChatItem) {
    const list = this.items.value;
    const i = list.findIndex((x) => x.id === m.id || (!!m.ref && x.ref === m.ref && !!x.local));
    const before = i >= 0 ? list[i] : null;
    const status = before?.status && m.status && RANK[before.status] > RANK[m.status]
      ? before.status
      : m.status;
    const next = { ...m, ...(status ? { status } : {}) };
    if (before && !m.local) {
      // Keep the picture chosen on this page: it is already loaded.
      next.attachments = m.attachments.map((a, n) =>
        before.attachments[n]?.url?.startsWith("blob:") && a.type === "photo"
          ? { ...a, url: before.attachments[n].url }
          : a
      );
    }
    const rest = i >= 0 ? list.filter((_, n) => n !== i) : list;
    this.items.value = [...rest, next].sort((a, b) =>
      a.seq - b.seq || a.createdAt.localeCompare(b.createdAt)
    );
  }

  #patch(id: string, patch: Partial<ChatItem>) {
    this.items.value = this.items.value.map((m) => (m.id === id ? { ...m, ...patch } : m));
  }

  #acknowledge(status: "delivered" | "read", messages: ChatItem[]) {
    const done = this.#receipts[status];
    const ids = messages.map((m) => m.id).filter((id) => !done.has(id));
    if (ids.length === 0) return;
    ids.forEach((id) => done.add(id));
    queueMicrotask(() => {
      batch(() => ids.forEach((id) => this.#patch(id, { status })));
    });
    this.api.receipts(status, ids.slice(0, 50)).catch(() => {
      ids.forEach((id) => done.delete(id));
    });
  }
}
