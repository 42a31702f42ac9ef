import {
  type EventCursor,
  type EventLog,
  type EventWaker,
  type LoggedEvent,
  parseEventId,
} from "../../kv/events.ts";

const IDLE_WAKE_MS = 15_000;
const RETRY_MS = 1_000;
const PAGE = 1000;
/** A stream that falls this many batches behind is cut; the widget resumes it. */
const MAX_QUEUED = 200;

/** One open visitor stream's share of the feed: the batches read since it joined. */
export class FeedSubscription {
  #queue: LoggedEvent[][] = [];
  #wake: (() => void) | null = null;
  closed = false;

  constructor(readonly onClose: (s: FeedSubscription) => void) {}

  push(batch: LoggedEvent[]) {
    if (this.closed) return;
    if (this.#queue.length >= MAX_QUEUED) return this.close();
    this.#queue.push(batch);
    this.#wake?.();
  }

  /** The next batch, or null after `timeoutMs` with nothing new (or once closed). */
  async next(timeoutMs: number): Promise<LoggedEvent[] | null> {
    if (this.#queue.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
    return this.#queue.shift() ?? null;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.#wake?.();
    this.onClose(this);
  }
}

/**
 * Reads the event log once per process for every open visitor stream, instead of once per
 * stream: each change is read one time and handed to every subscriber, which keeps its own.
 * Runs only while someone listens.
 */
export class WidgetFeed {
  #subs = new Set<FeedSubscription>();
  #stop: AbortController | null = null;
  #started: Promise<void> | null = null;

  constructor(readonly events: EventLog, readonly waker: EventWaker) {}

  /**
   * Joins the feed. Once this resolves, every event committed from now on reaches the
   * subscription (and possibly some from a little before: the subscriber skips what it has).
   */
  async subscribe(): Promise<FeedSubscription> {
    const sub = new FeedSubscription((s) => this.#leave(s));
    this.#subs.add(sub);
    if (!this.#stop) {
      const stop = this.#stop = new AbortController();
      this.#started = this.events.head().then((cursor) => {
        this.#run(cursor, stop.signal);
      });
    }
    await this.#started;
    return sub;
  }

  get listeners(): number {
    return this.#subs.size;
  }

  #leave(sub: FeedSubscription) {
    this.#subs.delete(sub);
    if (this.#subs.size === 0 && this.#stop) {
      this.#stop.abort();
      this.#stop = null;
      this.#started = null;
    }
  }

  async #run(cursor: EventCursor, signal: AbortSignal) {
    while (!signal.aborted) {
      // Ask to be woken before reading, so a commit landing mid-read is not slept through.
      const woke = this.waker.wait(IDLE_WAKE_MS, signal);
      let batch: LoggedEvent[];
      try {
        batch = await this.events.readAfter(cursor, PAGE);
      } catch (e) {
        if (signal.aborted) return;
        console.error("widget feed: reading the event log failed; retrying", e);
        await woke;
        await this.waker.wait(RETRY_MS, signal);
        continue;
      }
      if (signal.aborted) return;
      if (batch.length > 0) {
        cursor = parseEventId(batch.at(-1)!.sseId) ?? cursor;
        for (const sub of this.#subs) sub.push(batch);
        if (batch.length >= PAGE) continue;
      }
      await woke;
    }
  }
}

const feeds = new WeakMap<EventLog, WidgetFeed>();

/** The one feed of this process's event log. */
export function feedFor(events: EventLog, waker: EventWaker): WidgetFeed {
  let feed = feeds.get(events);
  if (!feed) feeds.set(events, feed = new WidgetFeed(events, waker));
  return feed;
}
