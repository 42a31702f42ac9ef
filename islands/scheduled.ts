/** The scheduled-messages window's calls (SPEC B9); the live stream keeps the list current. */
import type { Message } from "../kv/records.ts";
import { api, errorText } from "./api.ts";
import type { InboxStore } from "./store.ts";

const base = (clientId: string, messageId?: string) =>
  `/api/clients/${encodeURIComponent(clientId)}/scheduled${
    messageId ? `/${encodeURIComponent(messageId)}` : ""
  }`;

/** Fetches a client's scheduled messages, soonest first. */
export async function loadScheduled(store: InboxStore, clientId: string): Promise<void> {
  store.scheduled.start(clientId);
  try {
    const { items } = await api<{ items: Message[] }>(base(clientId));
    store.scheduled.merge(clientId, items);
  } catch (err) {
    console.error(`scheduled: loading client ${clientId}'s list failed`, err);
    store.scheduled.fail(clientId, `Could not load the scheduled messages: ${errorText(err)}`);
  }
}

/** Moves a scheduled message to `sendAt` (epoch ms); resolves with an error text or null. */
export async function reschedule(
  store: InboxStore,
  m: Message,
  sendAt: number,
): Promise<string | null> {
  try {
    const moved = await api<Message>(`${base(m.clientId, m.id)}/reschedule`, {
      body: { sendAt: new Date(sendAt).toISOString() },
    });
    store.scheduled.put(moved);
    return null;
  } catch (err) {
    return errorText(err);
  }
}

/** Sends a scheduled message at once. */
export async function sendNow(store: InboxStore, m: Message): Promise<string | null> {
  try {
    store.scheduled.put(
      await api<Message>(`${base(m.clientId, m.id)}/send-now`, { method: "POST" }),
    );
    return null;
  } catch (err) {
    return errorText(err);
  }
}

/** Cancels (deletes) a scheduled message. */
export async function cancelScheduled(store: InboxStore, m: Message): Promise<string | null> {
  try {
    store.scheduled.put(await api<Message>(base(m.clientId, m.id), { method: "DELETE" }), true);
    return null;
  } catch (err) {
    return errorText(err);
  }
}
