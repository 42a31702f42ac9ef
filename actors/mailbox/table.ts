import { newUlid } from "../../kv/ids.ts";
import { keys } from "../../kv/keys.ts";
import { Limiter, type Mailbox, type MailHandler, MailItem } from "./mod.ts";

interface Job {
  item: MailItem;
  attempts: number;
}

/** A claimed job comes back after this long if its handler never finishes (the lease). */
export const JOB_LEASE_MS = 30_000;
/** Longest sleep between two looks at the table, in case a wake-up was missed. */
const POLL_MS = 1_000;
const MAX_ATTEMPTS = 10;
const BATCH = 100;

/**
 * The mailbox as a KV job table: jobs are keys ordered by due time, claimed by moving them to
 * `now + lease` in an atomic operation checked on their versionstamp, so exactly one process
 * runs each due job; a handler that dies leaves its job to come due again when the lease ends.
 * Works wherever KV works (Deno Deploy, KV Connect), where `kv.enqueue` does not.
 */
export class TableMailbox implements Mailbox {
  readonly kind = "table";
  listening = false;
  #handler: MailHandler | null = null;
  #limiter: Limiter;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wakeAt = Infinity;
  #stopped = false;
  #ticking: Promise<void> | null = null;
  #again = false;
  #watch: ReadableStream<Deno.KvEntryMaybe<unknown>[]> | null = null;

  constructor(readonly kv: Deno.Kv, concurrency = 32, readonly clock: () => number = Date.now) {
    this.#limiter = new Limiter(concurrency);
  }

  addTo(op: Deno.AtomicOperation, item: MailItem, opts: { delayMs?: number } = {}) {
    const due = this.clock() + Math.max(0, Math.round(opts.delayMs ?? 0));
    op.set(keys.job(due, newUlid()), { item, attempts: 0 } satisfies Job);
    // Other processes watch this key; this one just sets its own alarm (harmless if the commit fails).
    op.set(keys.jobWake(), due);
    this.#wake(due);
  }

  async send(item: MailItem, opts: { delayMs?: number } = {}) {
    const op = this.kv.atomic();
    this.addTo(op, item, opts);
    await op.commit();
  }

  listen(handler: MailHandler) {
    this.#handler = handler;
    this.listening = true;
    this.#wake(this.clock());
    this.#followWakes();
  }

  /** Runs every job that is due now; also what the once-a-minute cron calls. */
  tick(): Promise<void> {
    if (this.#ticking) {
      this.#again = true;
      return this.#ticking;
    }
    this.#ticking = this.#drain().finally(() => {
      this.#ticking = null;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        this.tick();
      }
    });
    return this.#ticking;
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#watch?.cancel().catch(() => {});
  }

  async #followWakes() {
    try {
      this.#watch = this.kv.watch([keys.jobWake()]);
      for await (const [e] of this.#watch) {
        if (this.#stopped) break;
        if (typeof e.value === "number") this.#wake(e.value);
      }
    } catch (e) {
      if (!this.#stopped) console.error("mailbox: job watch stopped", e);
    }
  }

  #wake(at: number) {
    if (this.#stopped || !this.#handler || at >= this.#wakeAt) return;
    clearTimeout(this.#timer);
    this.#wakeAt = at;
    this.#timer = setTimeout(() => {
      this.#wakeAt = Infinity;
      this.tick();
    }, Math.max(0, at - this.clock()));
  }

  async #drain() {
    while (!this.#stopped) {
      const now = this.clock();
      const due: Deno.KvEntry<Job>[] = [];
      for await (
        const e of this.kv.list<Job>({ start: keys.jobPrefix(), end: keys.job(now + 1, "") }, {
          limit: BATCH,
        })
      ) due.push(e);
      await Promise.all(due.map((e) => this.#claimAndRun(e, now)));
      if (due.length < BATCH) break;
    }
    if (this.#stopped) return;
    let next = this.clock() + POLL_MS;
    for await (const e of this.kv.list<Job>({ prefix: keys.jobPrefix() }, { limit: 1 })) {
      next = Math.min(next, e.key[1] as number);
    }
    this.#wake(next);
  }

  async #claimAndRun(entry: Deno.KvEntry<Job>, now: number) {
    const id = entry.key[2] as string;
    const job = entry.value;
    const parsed = MailItem.safeParse(job.item);
    if (!parsed.success) {
      console.error("mailbox: dropping a job of unknown shape", JSON.stringify(job));
      await this.kv.atomic().check(entry).delete(entry.key).commit();
      return;
    }
    const leased = keys.job(now + JOB_LEASE_MS, id);
    const claimed = { ...job, attempts: job.attempts + 1 };
    const claim = await this.kv.atomic().check(entry).delete(entry.key).set(leased, claimed)
      .commit();
    if (!claim.ok) return; // another process has it
    await this.#limiter.run(async () => {
      try {
        await this.#handler!(parsed.data);
        await this.kv.delete(leased);
      } catch (e) {
        console.error(`mailbox: job ${id} failed (attempt ${claimed.attempts})`, e);
        const op = this.kv.atomic().delete(leased);
        if (claimed.attempts >= MAX_ATTEMPTS) op.set(keys.jobDead(id), claimed);
        else op.set(keys.job(this.clock() + backoff(claimed.attempts), id), claimed);
        await op.commit();
      }
    });
  }
}

function backoff(attempt: number): number {
  return Math.min(60_000, 500 * 2 ** (attempt - 1));
}
