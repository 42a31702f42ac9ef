import { batch } from "@preact/signals";
import type { Client, Message } from "../kv/records.ts";
import { api, errorText } from "./api.ts";
import type { InboxStore } from "./store.ts";

const PAGE = 50;

interface ClientPage {
  items: Client[];
  nextCursor: string | null;
}
interface MessagePage {
  items: Message[];
  hasMore: boolean;
}

/** Opens a dialog: selects it, loads its history once, and marks it read. */
export async function openClient(
  store: InboxStore,
  id: string,
  opts: { push?: boolean } = {},
): Promise<void> {
  batch(() => {
    store.selectedId.value = id;
    store.pane.value = "chat";
    // A window belongs to the dialog it was opened over.
    store.modal.value = null;
  });
  if (opts.push && location.pathname !== `/clients/${id}`) {
    history.pushState(null, "", `/clients/${id}`);
  }
  if (!store.clients.value.has(id)) {
    try {
      store.putClient(await api<Client>(`/api/clients/${encodeURIComponent(id)}`));
    } catch (err) {
      console.error(`inbox: loading client ${id} failed`, err);
    }
  }
  if (!store.threads.value.get(id)?.loaded) await loadThread(store, id);
  await markRead(store, id);
}

/** Leaves the dialog (the phone's back button). */
export function closeClient(store: InboxStore, opts: { push?: boolean } = {}): void {
  batch(() => {
    store.selectedId.value = null;
    store.pane.value = "list";
    store.modal.value = null;
  });
  if (opts.push && location.pathname !== "/") history.pushState(null, "", "/");
}

/** Loads the newest page of a dialog's history. */
async function loadThread(store: InboxStore, id: string): Promise<void> {
  store.startThread(id);
  try {
    const page = await api<MessagePage>(
      `/api/clients/${encodeURIComponent(id)}/messages?limit=${PAGE}`,
    );
    store.mergeHistory(id, page.items, page.hasMore);
  } catch (err) {
    store.patchThread(id, { error: `Could not load the messages: ${errorText(err)}` });
  }
}

/** Loads the page of history before the oldest message shown. */
export async function loadOlder(store: InboxStore, id: string): Promise<void> {
  const thread = store.threads.value.get(id);
  if (!thread || !thread.loaded || !thread.hasMore || thread.loadingOlder) return;
  const oldest = thread.items.find((m) => !m.pending);
  if (!oldest) return;
  store.patchThread(id, { loadingOlder: true });
  try {
    const page = await api<MessagePage>(
      `/api/clients/${encodeURIComponent(id)}/messages?limit=${PAGE}&before=${oldest.seq}`,
    );
    store.mergeHistory(id, page.items, page.hasMore);
  } catch (err) {
    store.patchThread(id, { error: `Could not load older messages: ${errorText(err)}` });
  } finally {
    store.patchThread(id, { loadingOlder: false });
  }
}

/** Tells the server the employee has seen the dialog. */
export async function markRead(store: InboxStore, id: string): Promise<void> {
  try {
    store.putClient(
      await api<Client>(`/api/clients/${encodeURIComponent(id)}/read`, { method: "POST" }),
    );
  } catch (err) {
    console.error(`inbox: marking client ${id} read failed`, err);
  }
}

/** The next page of the inbox (or of the search results). */
export async function loadMoreClients(store: InboxStore): Promise<void> {
  const searching = store.searchIds.value !== null;
  const cursor = searching ? store.searchCursor.value : store.nextCursor.value;
  if (!cursor || store.loadingMore.value) return;
  store.loadingMore.value = true;
  const q = searching ? `&q=${encodeURIComponent(store.query.value.trim())}` : "";
  try {
    const page = await api<ClientPage>(
      `/api/clients?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}${q}`,
    );
    batch(() => {
      for (const c of page.items) store.putClient(c);
      if (searching && store.searchIds.value) {
        store.searchIds.value = [...store.searchIds.value, ...page.items.map((c) => c.id)];
        store.searchCursor.value = page.nextCursor;
      } else if (!searching) {
        store.nextCursor.value = page.nextCursor;
      }
    });
  } catch (err) {
    console.error("inbox: loading more clients failed", err);
  } finally {
    store.loadingMore.value = false;
  }
}

let searchAbort: AbortController | null = null;

/** Searches clients by name, username, phone, client_id or messenger ID. */
export async function search(store: InboxStore, text: string): Promise<void> {
  searchAbort?.abort();
  const q = text.trim();
  if (!q) {
    batch(() => {
      store.searchIds.value = null;
      store.searching.value = false;
    });
    return;
  }
  const abort = searchAbort = new AbortController();
  store.searching.value = true;
  try {
    const page = await api<ClientPage>(
      `/api/clients?limit=${PAGE}&q=${encodeURIComponent(q)}`,
      { signal: abort.signal },
    );
    batch(() => {
      for (const c of page.items) store.putClient(c);
      store.searchIds.value = page.items.map((c) => c.id);
      store.searchCursor.value = page.nextCursor;
    });
  } catch (err) {
    if (abort.signal.aborted) return;
    console.error(`inbox: search for "${q}" failed`, err);
    store.searchIds.value = [];
  } finally {
    if (searchAbort === abort) store.searching.value = false;
  }
}

/**
 * Sends a reply, shown at once; the server's message replaces the optimistic one. With
 * `sendAt` (epoch ms) the message waits for that time instead (SPEC H7).
 */
export async function sendMessage(
  store: InboxStore,
  clientId: string,
  text: string,
  sendAt?: number,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const later = sendAt === undefined ? undefined : { sendAt: new Date(sendAt).toISOString() };
  const pending = store.addPending(clientId, text, later);
  try {
    const message = await api<Message>(
      `/api/clients/${encodeURIComponent(clientId)}/messages`,
      { body: { text, ...later } },
    );
    if (pending) store.settlePending(clientId, pending.id, message);
    return { ok: true };
  } catch (err) {
    if (pending) store.settlePending(clientId, pending.id, null);
    const message = errorText(err);
    return { ok: false, message: `${later ? "Not scheduled" : "Not sent"}: ${message}` };
  }
}

/** Sends a failed message again. */
export async function retryMessage(
  store: InboxStore,
  clientId: string,
  messageId: string,
): Promise<string | null> {
  try {
    const m = await api<Message>(
      `/api/clients/${encodeURIComponent(clientId)}/messages/${
        encodeURIComponent(messageId)
      }/retry`,
      { method: "POST" },
    );
    // Show "queued" at once unless the live stream has already moved it on.
    const shown = store.threads.value.get(clientId)?.items.find((x) => x.id === m.id);
    if (shown?.status === "failed") store.putMessage(m, store.versions.get(m.id) ?? m.seq);
    return null;
  } catch (err) {
    return errorText(err);
  }
}

/** Catches up after the live stream lost its place: reloads the list and the open chat. */
export async function resync(store: InboxStore): Promise<void> {
  try {
    const page = await api<ClientPage>(`/api/clients?limit=${PAGE}`);
    batch(() => {
      for (const c of page.items) store.putClient(c);
      store.threads.value = new Map();
      store.versions.clear();
      store.scheduled.clear();
    });
    const open = store.selectedId.value;
    if (open) await loadThread(store, open);
  } catch (err) {
    console.error("inbox: catching up after a reconnect failed", err);
  }
}
