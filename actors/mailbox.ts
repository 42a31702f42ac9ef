import { z } from "zod";

/** The work items effects become. Validated when they come back out of the queue. */
export const MailItem = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("deliver"), clientId: z.string(), messageId: z.string() }),
]);
export type MailItem = z.infer<typeof MailItem>;

export type MailHandler = (item: MailItem) => Promise<void>;

/**
 * Where effects wait until they are due. Callers never choose the backend; configuration does.
 * Delivery is at least once: handlers must be idempotent by the ids the item carries.
 */
export interface Mailbox {
  /** Adds the item to an atomic operation, so it is queued exactly when the operation commits. */
  addTo(op: Deno.AtomicOperation, item: MailItem, opts?: { delayMs?: number }): void;
  /** Queues the item on its own. */
  send(item: MailItem, opts?: { delayMs?: number }): Promise<void>;
  /** Starts handing due items to the handler. */
  listen(handler: MailHandler): void;
  /** True once `listen` has started. */
  readonly listening: boolean;
}

/** A counting semaphore: `kv.listenQueue` runs handlers with no bound of its own. */
export class Limiter {
  #active = 0;
  #waiting: (() => void)[] = [];
  constructor(readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.max) await new Promise<void>((r) => this.#waiting.push(r));
    this.#active++;
    try {
      return await fn();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
}

/** The mailbox on Deno KV's own queue (`kv.enqueue` / `kv.listenQueue`), for a local KV file. */
export class QueueMailbox implements Mailbox {
  #limiter: Limiter;
  listening = false;

  constructor(readonly kv: Deno.Kv, concurrency = 32) {
    this.#limiter = new Limiter(concurrency);
  }

  addTo(op: Deno.AtomicOperation, item: MailItem, opts: { delayMs?: number } = {}) {
    op.enqueue(item, { delay: Math.max(0, Math.round(opts.delayMs ?? 0)) });
  }

  async send(item: MailItem, opts: { delayMs?: number } = {}) {
    await this.kv.enqueue(item, { delay: Math.max(0, Math.round(opts.delayMs ?? 0)) });
  }

  listen(handler: MailHandler) {
    this.listening = true;
    this.kv.listenQueue(async (raw: unknown) => {
      const parsed = MailItem.safeParse(raw);
      if (!parsed.success) {
        console.error("mailbox: dropping an item of unknown shape", JSON.stringify(raw));
        return;
      }
      await this.#limiter.run(() => handler(parsed.data));
    }).catch((e) => console.error("mailbox: queue listener stopped", e));
  }
}
