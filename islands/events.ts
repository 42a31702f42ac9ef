import type { DialogEvent } from "../kv/records.ts";
import { markRead, resync } from "./actions.ts";
import { api } from "./api.ts";
import type { InboxStore } from "./store.ts";

const EVENT_TYPES = [
  "message.created",
  "message.updated",
  "client.created",
  "client.updated",
  "client.deleted",
  "message.deleted",
] as const;
const RETRY_MS = 3_000;

/**
 * Opens the page's one live stream and feeds the store. It starts from the position the page
 * was rendered at, so nothing that happened in between is missed; the browser reconnects by
 * itself with Last-Event-ID, and a stream that closes for good is reopened here.
 */
export function connectEvents(store: InboxStore): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let readTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  // An operator looking at the dialog has read what just came in.
  const readSoon = (clientId: string) => {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      const client = store.clients.value.get(clientId);
      if (document.visibilityState === "visible" && client && client.unread > 0) {
        markRead(store, clientId);
      }
    }, 400);
  };

  const onEvent = (e: MessageEvent<string>) => {
    if (e.lastEventId) store.eventsFrom = e.lastEventId;
    let event: DialogEvent;
    try {
      event = JSON.parse(e.data);
    } catch (err) {
      console.error(`events: unreadable ${e.type} event ${e.lastEventId}`, err);
      return;
    }
    if (!store.applyEvent(event)) return;
    if (
      event.message?.direction === "in" && event.clientId === store.selectedId.value &&
      store.pane.value !== "list"
    ) readSoon(event.clientId);
  };

  const open = () => {
    const from = store.eventsFrom ? `?lastEventId=${encodeURIComponent(store.eventsFrom)}` : "";
    const es = source = new EventSource(`/api/events${from}`);
    es.addEventListener("ready", (e) => {
      store.connection.value = "live";
      let resumed = false;
      try {
        resumed = JSON.parse((e as MessageEvent<string>).data).resumed === true;
      } catch { /* an old server's greeting: treat as a fresh start */ }
      // Started from "now" rather than from where we were: fetch what may have been missed.
      if (!resumed) resync(store);
    });
    for (const type of EVENT_TYPES) es.addEventListener(type, onEvent as EventListener);
    es.onerror = () => {
      if (stopped) return;
      if (es.readyState !== EventSource.CLOSED) {
        store.connection.value = "reconnecting";
        return;
      }
      store.connection.value = "offline";
      es.close();
      retry = setTimeout(async () => {
        // A lapsed sign-in answers 401 here, and api() takes the page to the sign-in form.
        await api("/api/auth/me").catch(() => {});
        if (!stopped) open();
      }, RETRY_MS);
    };
  };

  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(readTimer);
    source?.close();
  };
}
