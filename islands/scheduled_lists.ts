import { signal } from "@preact/signals";
import type { Message } from "../kv/records.ts";

/** One client's messages waiting for their send time, soonest first (the B9 window). */
export interface ScheduledList {
  items: Message[];
  /** The server's list has arrived (events that came before it are kept). */
  loaded: boolean;
  error?: string;
}

function bySendAt(a: Message, b: Message): number {
  return Date.parse(a.sendAt ?? a.createdAt) - Date.parse(b.sendAt ?? b.createdAt) ||
    a.seq - b.seq;
}

/**
 * The scheduled messages of every client whose window was opened on this page. A list is
 * fetched once and then kept current by the live events, for every employee looking at it.
 */
export class ScheduledLists {
  lists = signal<ReadonlyMap<string, ScheduledList>>(new Map());
  /** Per client: messages that events changed while its list was being fetched. */
  readonly #touched = new Map<string, Set<string>>();

  /** `gone` says a message was deleted, so no late copy brings it back. */
  constructor(readonly gone: (messageId: string) => boolean) {}

  get(clientId: string): ScheduledList | undefined {
    return this.lists.value.get(clientId);
  }

  /** Starts (or refreshes) a client's list; events until the server's answer are kept. */
  start(clientId: string): void {
    const old = this.get(clientId);
    this.#set(clientId, { items: old?.items ?? [], loaded: old?.loaded ?? false });
    this.#touched.set(clientId, new Set());
  }

  /** The server's list; what events changed meanwhile is newer and stays. */
  merge(clientId: string, fetched: Message[]): void {
    const list = this.get(clientId);
    if (!list) return;
    const touched = this.#touched.get(clientId) ?? new Set<string>();
    this.#touched.delete(clientId);
    const items = [
      ...list.items.filter((m) => touched.has(m.id)),
      ...fetched.filter((m) => !touched.has(m.id) && !this.gone(m.id)),
    ];
    this.#set(clientId, { items: items.sort(bySendAt), loaded: true });
  }

  fail(clientId: string, error: string): void {
    this.#touched.delete(clientId);
    this.#set(clientId, { items: this.get(clientId)?.items ?? [], loaded: true, error });
  }

  /**
   * A message as an answer or an event says it is now. Every reschedule bumps the message's
   * timer version, so an answer that arrives after a newer event changes nothing.
   */
  put(m: Message, deleted = false): void {
    const list = this.get(m.clientId);
    if (!list) return;
    const old = list.items.find((x) => x.id === m.id);
    const keep = !deleted && m.status === "scheduled" && !this.gone(m.id);
    if (!old && !keep) return;
    if (old && keep && (old.timerVersion ?? 0) > (m.timerVersion ?? 0)) return;
    const items = list.items.filter((x) => x.id !== m.id);
    if (keep) items.push(m);
    this.#set(m.clientId, { ...list, items: items.sort(bySendAt) });
  }

  /** A live event's message: noted, so a list still being fetched does not roll it back. */
  track(m: Message, deleted: boolean): void {
    if (!this.lists.value.has(m.clientId)) return;
    this.#touched.get(m.clientId)?.add(m.id);
    this.put(m, deleted);
  }

  /** Forgets every list (the live stream lost its place; windows fetch again). */
  clear(): void {
    this.#touched.clear();
    this.lists.value = new Map();
  }

  #set(clientId: string, list: ScheduledList): void {
    const next = new Map(this.lists.value);
    next.set(clientId, list);
    this.lists.value = next;
  }
}
