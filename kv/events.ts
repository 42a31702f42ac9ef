import { decodeTime, encodeTime } from "ulid";
import { keys } from "./keys.ts";
import type { DialogEvent } from "./records.ts";

/**
 * A position in the event log. Events are ordered by the versionstamp of the commit that wrote
 * them (a total order across processes), then by their id within a commit.
 */
export interface EventCursor {
  vs: string;
  id: string;
}

export interface LoggedEvent {
  /** The SSE `id:`: the cursor just after this event. */
  sseId: string;
  event: DialogEvent;
}

const ZERO_VS = "0".repeat(20);

/** Formats a cursor as an SSE event id. */
export function formatEventId(c: EventCursor): string {
  return `${c.vs}_${c.id}`;
}

/** Reads an SSE `Last-Event-ID`; null when it is not one of ours. */
export function parseEventId(s: string | null | undefined): EventCursor | null {
  const m = s?.trim().match(/^([0-9a-f]{20})_([0-9A-HJKMNP-TV-Z]{26})$/);
  return m ? { vs: m[1], id: m[2] } : null;
}

function after(a: EventCursor, b: EventCursor): boolean {
  return a.vs > b.vs || (a.vs === b.vs && a.id > b.id);
}

/**
 * Reads the event log: what follows a cursor, and the cursor of "now". `windowMs` is how far
 * behind the cursor's own time it looks for commits that landed after it with older ids.
 */
export class EventLog {
  constructor(readonly kv: Deno.Kv, readonly windowMs: number) {}

  /** The cursor just past the newest event, for a stream that starts live. */
  async head(): Promise<EventCursor> {
    const latest = await this.kv.get<string>(keys.eventLatest());
    return latest.value && latest.versionstamp
      ? { vs: latest.versionstamp, id: latest.value }
      : { vs: ZERO_VS, id: "" };
  }

  /** Every event after the cursor, in commit order. */
  async readAfter(cursor: EventCursor, limit = 1000): Promise<LoggedEvent[]> {
    const since = cursor.id ? Math.max(0, decodeTime(cursor.id) - this.windowMs) : 0;
    const start = [...keys.eventPrefix(), encodeTime(since, 10) + "0".repeat(16)];
    const found: { c: EventCursor; event: DialogEvent }[] = [];
    for await (
      const e of this.kv.list<DialogEvent>({ prefix: keys.eventPrefix(), start }, {
        batchSize: 500,
      })
    ) {
      const c = { vs: e.versionstamp, id: e.key[1] as string };
      if (after(c, cursor)) found.push({ c, event: e.value });
    }
    found.sort((a, b) => (after(a.c, b.c) ? 1 : -1));
    return found.slice(0, limit).map((f) => ({ sseId: formatEventId(f.c), event: f.event }));
  }
}

/** Wakes waiters whenever the newest event changes (one `kv.watch` per process). */
export class EventWaker {
  #waiters: (() => void)[] = [];
  #stopped = false;

  constructor(readonly kv: Deno.Kv) {
    this.#follow();
  }

  async #follow() {
    try {
      for await (const _ of this.kv.watch([keys.eventLatest()])) {
        if (this.#stopped) break;
        this.#waiters.splice(0).forEach((w) => w());
      }
    } catch (e) {
      if (!this.#stopped) console.error("events: watch stopped", e);
    }
  }

  /** Resolves at the next change, or after `timeoutMs`, whichever is first. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== done);
        done();
      }, timeoutMs);
      signal?.addEventListener("abort", done);
      this.#waiters.push(done);
    });
  }

  stop() {
    this.#stopped = true;
    this.#waiters.splice(0).forEach((w) => w());
  }
}
