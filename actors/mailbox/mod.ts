import { z } from "zod";

/** The work items effects become. Validated when they come back out of the queue. */
export const MailItem = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("deliver"), clientId: z.string(), messageId: z.string() }),
  z.object({
    kind: z.literal("fire"),
    clientId: z.string(),
    messageId: z.string(),
    version: z.number().int(),
  }),
  z.object({ kind: z.literal("resumeBot"), clientId: z.string(), version: z.number().int() }),
  z.object({ kind: z.literal("lookupProfile"), clientId: z.string() }),
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
  /** Which backend this is. */
  readonly kind: "queue" | "table";
  /** Stops handing out items (the store stays open). */
  stop(): void;
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
