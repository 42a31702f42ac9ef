import { z } from "zod";
import { Limiter, type Mailbox, type MailHandler, MailItem } from "./mod.ts";

const EARLY_MS = 120;
const Envelope = z.object({ item: MailItem, dueAt: z.number() });

/** The mailbox on Deno KV's own queue (`kv.enqueue` / `kv.listenQueue`), for a local KV file. */
export class QueueMailbox implements Mailbox {
  readonly kind = "queue";
  #limiter: Limiter;
  listening = false;

  constructor(readonly kv: Deno.Kv, concurrency = 32) {
    this.#limiter = new Limiter(concurrency);
  }

  addTo(op: Deno.AtomicOperation, item: MailItem, opts: { delayMs?: number } = {}) {
    const { envelope, delay } = this.#wrap(item, opts.delayMs);
    op.enqueue(envelope, { delay });
  }

  async send(item: MailItem, opts: { delayMs?: number } = {}) {
    const { envelope, delay } = this.#wrap(item, opts.delayMs);
    await this.kv.enqueue(envelope, { delay });
  }

  // The queue hands items out 0–100 ms after their delay; asking a little early and then waiting
  // here for the exact time makes timers land within milliseconds.
  #wrap(item: MailItem, delayMs = 0) {
    const wait = Math.max(0, Math.round(delayMs));
    return {
      envelope: { item, dueAt: Date.now() + wait },
      delay: wait > EARLY_MS ? wait - EARLY_MS : 0,
    };
  }

  listen(handler: MailHandler) {
    this.listening = true;
    this.kv.listenQueue(async (raw: unknown) => {
      const parsed = Envelope.safeParse(raw);
      if (!parsed.success) {
        console.error("mailbox: dropping an item of unknown shape", JSON.stringify(raw));
        return;
      }
      const wait = parsed.data.dueAt - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await this.#limiter.run(() => handler(parsed.data.item));
    }).catch((e) => console.error("mailbox: queue listener stopped", e));
  }

  stop() {}
}
