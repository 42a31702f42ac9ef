import { monotonicUlids } from "./ids.ts";
import { EVENT_TTL_MS, keys } from "./keys.ts";
import type { DialogEvent } from "./records.ts";

/** One dialog's writes: applied all together or not at all. */
export interface CommitPlan {
  checks: Deno.AtomicCheck[];
  sets: { key: Deno.KvKey; value: unknown; expireIn?: number }[];
  deletes: Deno.KvKey[];
  events: DialogEvent[];
  /** Adds the plan's queued effects to the operation (the mailbox decides how). */
  effects?: (op: Deno.AtomicOperation) => number;
}

export type CommitResult = { ok: true; versionstamp: string; eventIds: string[] } | {
  ok: false;
};

interface Pending {
  plan: CommitPlan;
  resolve: (r: CommitResult) => void;
  reject: (e: unknown) => void;
}

// The newest event's pointer expires with the events: in Deno KV's expiry index it then sits next
// to them, so it costs the commit no storage page of its own. (When it has expired, so has the log.)
const LATEST_EXPIRY = { expireIn: EVENT_TTL_MS };

// Deno KV's limits for one atomic operation, with room to spare.
const MAX_CHECKS = 100;
const MAX_MUTATIONS = 900;
const MAX_BYTES = 512 * 1024;

/**
 * Group commit: plans that arrive while a commit is in flight go out together in the next
 * atomic operation. Commits run one at a time per process, so event ids (monotonic ULIDs given
 * out here) follow commit order within the process. A batch whose check fails is split and each
 * plan retried on its own, so one conflicting dialog never fails the others.
 */
export class Committer {
  #queue: Pending[] = [];
  #running = false;
  #ulid = monotonicUlids();

  constructor(readonly kv: Deno.Kv) {}

  /** Commits the plan (possibly together with others); ok: false means a check failed. */
  commit(plan: CommitPlan): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ plan, resolve, reject });
      if (!this.#running) this.#run();
    });
  }

  async #run() {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const { batch, deferred } = this.#take();
        if (batch.length === 1) await this.#commitOne(batch[0]);
        else await this.#commitBatch(batch);
        // Plans that checked a key another plan in the batch wrote: their check is stale now.
        for (const p of deferred) p.resolve({ ok: false });
      }
    } finally {
      this.#running = false;
    }
  }

  #take(): { batch: Pending[]; deferred: Pending[] } {
    const batch: Pending[] = [];
    const deferred: Pending[] = [];
    const checked = new Set<string>();
    let checks = 0, mutations = 1, bytes = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0];
      const size = this.#sizeOf(next.plan);
      if (
        batch.length > 0 &&
        (checks + size.checks > MAX_CHECKS || mutations + size.mutations > MAX_MUTATIONS ||
          bytes + size.bytes > MAX_BYTES)
      ) break;
      this.#queue.shift();
      const keysChecked = next.plan.checks.map((c) => JSON.stringify(c.key));
      if (keysChecked.some((k) => checked.has(k))) {
        deferred.push(next);
        continue;
      }
      keysChecked.forEach((k) => checked.add(k));
      batch.push(next);
      checks += size.checks;
      mutations += size.mutations;
      bytes += size.bytes;
    }
    return { batch, deferred };
  }

  /** What the plan adds to an operation; bytes are bounded above (3 UTF-8 bytes per char). */
  #sizeOf(plan: CommitPlan) {
    let chars = 0;
    for (const s of plan.sets) chars += JSON.stringify(s.value)?.length ?? 0;
    for (const e of plan.events) chars += JSON.stringify(e).length;
    const bytes = chars * 3;
    return {
      checks: plan.checks.length,
      mutations: plan.sets.length + plan.deletes.length + plan.events.length + 4,
      bytes,
    };
  }

  #apply(op: Deno.AtomicOperation, plan: CommitPlan): string[] {
    for (const c of plan.checks) op.check(c);
    for (const s of plan.sets) op.set(s.key, s.value, s.expireIn ? { expireIn: s.expireIn } : {});
    for (const d of plan.deletes) op.delete(d);
    const ids = plan.events.map((event) => {
      const id = this.#ulid();
      op.set(keys.event(id), event, { expireIn: EVENT_TTL_MS });
      return id;
    });
    plan.effects?.(op);
    return ids;
  }

  async #commitBatch(batch: Pending[]) {
    const op = this.kv.atomic();
    const ids = batch.map((p) => this.#apply(op, p.plan));
    const latest = ids.flat().at(-1);
    if (latest) op.set(keys.eventLatest(), latest, LATEST_EXPIRY);
    let result: Deno.KvCommitResult | Deno.KvCommitError;
    try {
      result = await op.commit();
    } catch {
      // Too large or otherwise refused as a whole: fall back to one commit per plan.
      for (const p of batch) await this.#commitOne(p);
      return;
    }
    if (result.ok) {
      batch.forEach((p, i) =>
        p.resolve({ ok: true, versionstamp: result.versionstamp, eventIds: ids[i] })
      );
      return;
    }
    // Find the stale plans by reading what they checked; send the others again as a batch.
    const stale = await this.#stale(batch);
    if (stale.size === 0) {
      for (const p of batch) await this.#commitOne(p);
      return;
    }
    for (const p of stale) p.resolve({ ok: false });
    this.#queue.unshift(...batch.filter((p) => !stale.has(p)));
  }

  async #stale(batch: Pending[]): Promise<Set<Pending>> {
    const checks = batch.flatMap((p) => p.plan.checks.map((c) => ({ p, c })));
    const stale = new Set<Pending>();
    for (let i = 0; i < checks.length; i += 10) {
      const slice = checks.slice(i, i + 10);
      const entries = await this.kv.getMany(slice.map(({ c }) => c.key));
      entries.forEach((e, k) => {
        if (e.versionstamp !== slice[k].c.versionstamp) stale.add(slice[k].p);
      });
    }
    return stale;
  }

  async #commitOne(p: Pending) {
    try {
      const op = this.kv.atomic();
      const ids = this.#apply(op, p.plan);
      if (ids.length > 0) op.set(keys.eventLatest(), ids.at(-1), LATEST_EXPIRY);
      const result = await op.commit();
      p.resolve(
        result.ok ? { ok: true, versionstamp: result.versionstamp, eventIds: ids } : {
          ok: false,
        },
      );
    } catch (e) {
      p.reject(e);
    }
  }
}
