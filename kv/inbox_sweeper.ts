import { isCurrentInbox, keys } from "./keys.ts";
import type { Client } from "./records.ts";

// Deno KV's limits for one atomic operation, with room to spare.
const MAX_CHECKS = 90;
const MAX_DELETES = 900;
const ROUND = 300;
const BETWEEN_ROUNDS_MS = 25;

/**
 * Clears inbox entries a client has moved past. A dialog's commit writes the client's new
 * inbox entry but leaves the old one for this sweeper: deleting it in the same commit costs a
 * random storage-page write on every message, while a sweep a second later deletes thousands
 * of them from the few pages the recent inbox occupies. Readers skip stale entries (an entry
 * counts only when it is the one `keys.inboxOf` gives for the client as stored), so a crash
 * that loses this process's list costs nothing but space until a reader meets them again.
 */
export class InboxSweeper {
  #pending = new Map<string, Deno.KvKey>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sweeping: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(readonly kv: Deno.Kv, readonly delayMs = 1_000) {}

  /** An entry that may be stale now; it is checked against its client before it goes. */
  add(key: Deno.KvKey) {
    if (this.#closed) return;
    this.#pending.set(JSON.stringify(key), key);
    this.#arm(this.delayMs);
  }

  #arm(delayMs: number) {
    if (this.#closed) return;
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      // A small round at a time, so that a burst's thousands of entries never hold up the
      // commits that answer webhooks and employees.
      this.#sweeping = this.#sweeping.then(() => this.#round(ROUND)).catch((e) =>
        console.error("inbox sweeper: a round failed; its entries wait for readers", e)
      ).finally(() => {
        if (this.#pending.size > 0) this.#arm(BETWEEN_ROUNDS_MS);
      });
    }, delayMs);
  }

  /**
   * Deletes every pending entry that is still stale, each checked on its client's version. An
   * entry whose client keeps changing under the sweep waits for a later one.
   */
  async sweep(): Promise<void> {
    for (let pass = 0; pass < 3 && this.#pending.size > 0; pass++) await this.#round(Infinity);
  }

  async #round(max: number): Promise<void> {
    const byClient = new Map<string, Deno.KvKey[]>();
    let taken = 0;
    for (const [k, key] of this.#pending) {
      if (taken++ >= max) break;
      this.#pending.delete(k);
      const id = key[3] as string;
      byClient.set(id, [...(byClient.get(id) ?? []), key]);
    }
    const ids = [...byClient.keys()];
    const clients: Deno.KvEntryMaybe<Client>[] = [];
    for (let i = 0; i < ids.length; i += 10) {
      clients.push(...await this.kv.getMany<Client[]>(ids.slice(i, i + 10).map(keys.client)));
    }
    let op = this.kv.atomic();
    let checks = 0, deletes = 0;
    let inOp: string[] = [];
    const commit = async () => {
      if (deletes > 0 && !(await op.commit()).ok) {
        // A client changed in between: look at its entries again next time.
        for (const id of inOp) {
          byClient.get(id)!.forEach((key) => this.#pending.set(JSON.stringify(key), key));
        }
      }
      op = this.kv.atomic();
      checks = deletes = 0;
      inOp = [];
    };
    for (const [k, entry] of clients.entries()) {
      const stale = byClient.get(ids[k])!.filter((key) => !isCurrentInbox(key, entry.value));
      for (let i = 0; i < stale.length; i += MAX_DELETES) {
        const part = stale.slice(i, i + MAX_DELETES);
        if (checks >= MAX_CHECKS || deletes + part.length > MAX_DELETES) await commit();
        op.check(entry);
        part.forEach((key) => op.delete(key));
        checks++;
        deletes += part.length;
        inOp.push(ids[k]);
      }
    }
    await commit();
  }

  /** Sweeps what is pending and stops taking more. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#sweeping;
    await this.sweep();
  }
}
