import { Limiter, type Mailbox, type MailHandler, MailItem } from "./mod.ts";

/** The mailbox on Deno KV's own queue (`kv.enqueue` / `kv.listenQueue`), for a local KV file. */
export class QueueMailbox implements Mailbox {
  readonly kind = "queue";
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

  stop() {}
}
