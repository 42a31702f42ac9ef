import type { WidgetApi } from "./api.ts";

/** One server-sent event. */
export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

/** Splits an event stream into events as its bytes arrive. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (e: StreamEvent) => void) {
  const decoder = new TextDecoder();
  let buffer = "";
  // A reader loop rather than `for await`, which older Safari lacks on streams.
  const reader = body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const e: StreamEvent = { event: "message", data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const at = line.indexOf(":");
        const field = at < 0 ? line : line.slice(0, at);
        const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
        if (field === "id") e.id = value;
        else if (field === "event") e.event = value;
        else if (field === "data") data.push(value);
      }
      e.data = data.join("\n");
      onEvent(e);
    }
  }
}

/**
 * Follows the visitor's event stream, reconnecting with `Last-Event-ID` after a drop. It uses
 * fetch rather than EventSource so that it can send the visitor header. Returns a stop function.
 */
export function follow(
  api: WidgetApi,
  from: string,
  on: { event(e: StreamEvent): void; live(up: boolean): void },
): () => void {
  let last = from;
  let stopped = false;
  let abort: AbortController | null = null;
  (async () => {
    let delay = 1_000;
    while (!stopped) {
      abort = new AbortController();
      try {
        const res = await api.fetch("/events", {
          headers: last ? { "Last-Event-ID": last } : {},
          signal: abort.signal,
        });
        // The session or the channel is gone: retrying cannot help.
        if ([401, 403, 404].includes(res.status)) break;
        if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
        await readEvents(res.body, (e) => {
          if (e.id) last = e.id;
          if (e.event === "ready") {
            delay = 1_000;
            on.live(true);
          } else on.event(e);
        });
      } catch {
        // A dropped connection: try again below.
      }
      if (stopped) break;
      on.live(false);
      await new Promise((r) => setTimeout(r, delay + Math.random() * 500));
      delay = Math.min(delay * 2, 30_000);
    }
  })();
  return () => {
    stopped = true;
    abort?.abort();
  };
}
