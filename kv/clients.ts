import { parseMessageId } from "../actors/dialog/decide.ts";
import type { InboxSweeper } from "./inbox_sweeper.ts";
import { isCurrentInbox, keys } from "./keys.ts";
import type { Client, Message } from "./records.ts";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const SEARCH_SCAN_LIMIT = 5_000;

/** Read side of dialogs: the inbox list, search and chat history. Writes go through the actor. */
export class Clients {
  constructor(readonly kv: Deno.Kv, readonly sweeper?: InboxSweeper) {}

  async get(id: string): Promise<Client | null> {
    return (await this.kv.get<Client>(keys.client(id))).value;
  }

  /** The inbox: pinned first, then newest activity first; `q` filters by name, ids, phone. */
  async list(opts: { q?: string; cursor?: string; limit: number }): Promise<Page<Client>> {
    const q = opts.q?.trim().toLowerCase();
    if (q) {
      const exact = await this.#exact(q);
      if (exact.length > 0 && !opts.cursor) return { items: exact, nextCursor: null };
    }
    const iter = this.kv.list<string>({ prefix: keys.inboxPrefix() }, {
      reverse: true,
      cursor: opts.cursor || undefined,
      batchSize: Math.min(500, q ? 200 : opts.limit + 1),
    });
    const items: Client[] = [];
    let entries: Deno.KvEntry<string>[] = [];
    let scanned = 0;
    const flush = async () => {
      for (let i = 0; i < entries.length; i += 10) {
        const slice = entries.slice(i, i + 10);
        const got = await this.kv.getMany<Client[]>(slice.map((e) => keys.client(e.value)));
        got.forEach((c, k) => {
          // An entry the client has moved past: skip it, and have it swept.
          if (!c.value || !isCurrentInbox(slice[k].key, c.value)) {
            this.sweeper?.add(slice[k].key);
          } else if (!q || matches(c.value, q)) items.push(c.value);
        });
      }
      entries = [];
    };
    for await (const e of iter) {
      entries.push(e);
      scanned++;
      // Never read past what could still fit the page: the cursor stays just after the last
      // entry looked at, so nothing is skipped between pages.
      if (entries.length >= Math.min(50, opts.limit - items.length)) await flush();
      if (items.length >= opts.limit || scanned >= SEARCH_SCAN_LIMIT) break;
    }
    await flush();
    const more = items.length >= opts.limit || (scanned >= SEARCH_SCAN_LIMIT);
    return { items: items.slice(0, opts.limit), nextCursor: more ? iter.cursor || null : null };
  }

  /** A client named exactly by its id or its messenger id. */
  async #exact(q: string): Promise<Client[]> {
    const byId = await this.get(q.toUpperCase());
    if (byId) return [byId];
    const found: Client[] = [];
    for await (const ch of this.kv.list<unknown>({ prefix: keys.channelPrefix() })) {
      const id = (await this.kv.get<string>(keys.clientByPlatform(ch.key[1] as string, q))).value;
      const c = id ? await this.get(id) : null;
      if (c) found.push(c);
    }
    return found;
  }

  /** Chat history, oldest first: the `limit` messages before `beforeSeq` (or the newest). */
  async messages(
    clientId: string,
    opts: { limit: number; beforeSeq?: number },
  ): Promise<{ items: Message[]; hasMore: boolean }> {
    const prefix = keys.messagesOf(clientId);
    const items: Message[] = [];
    const iter = this.kv.list<Message>(
      opts.beforeSeq !== undefined ? { prefix, end: keys.message(clientId, opts.beforeSeq) } : {
        prefix,
      },
      { reverse: true, limit: opts.limit + 1 },
    );
    for await (const e of iter) items.push(e.value);
    const hasMore = items.length > opts.limit;
    return { items: items.slice(0, opts.limit).reverse(), hasMore };
  }

  /** The client's messages waiting for their send time, in dialog order. */
  scheduled(clientId: string): Promise<Message[]> {
    return scheduledOf(this.kv, clientId);
  }

  async message(messageId: string): Promise<Message | null> {
    const at = parseMessageId(messageId);
    return at ? (await this.kv.get<Message>(keys.message(at.clientId, at.seq))).value : null;
  }
}

/** A client's scheduled messages, found through their `scheduled` index. */
export async function scheduledOf(kv: Deno.Kv, clientId: string): Promise<Message[]> {
  const seqs: number[] = [];
  for await (const e of kv.list({ prefix: keys.scheduledOf(clientId) })) {
    seqs.push(e.key[2] as number);
  }
  const out: Message[] = [];
  for (let i = 0; i < seqs.length; i += 10) {
    const got = await kv.getMany<Message[]>(
      seqs.slice(i, i + 10).map((seq) => keys.message(clientId, seq)),
    );
    for (const e of got) if (e.value?.status === "scheduled") out.push(e.value);
  }
  return out;
}

function matches(c: Client, q: string): boolean {
  return [c.name, c.username, c.phone, c.email, c.id, c.platformId].some((f) =>
    f?.toLowerCase().includes(q)
  ) ||
    (q.replace(/\D/g, "").length >= 3 &&
      !!c.phone?.replace(/\D/g, "").includes(q.replace(/\D/g, "")));
}
