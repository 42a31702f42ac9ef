/** What a fake messenger API was sent, and a way for a test to wait for a particular call. */
export class CallLog<C> {
  readonly calls: C[] = [];
  #waiters = new Set<(call: C) => void>();

  /** `what` names the fake in timeout errors ("Telegram call", "mail"…). */
  constructor(readonly what: string) {}

  record(call: C) {
    this.calls.push(call);
    for (const notify of this.#waiters) notify(call);
  }

  /** Resolves with the first call, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: C) => boolean, timeoutMs = 2_000): Promise<C> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`No matching ${this.what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (call: C) => {
        if (!predicate(call)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(call);
      };
      this.#waiters.add(check);
    });
  }
}

/** The URL with its origin replaced, when one is given (a fake calling back a test server). */
export function redirect(url: string, origin: string | undefined): string {
  if (!origin) return url;
  const u = new URL(url);
  return `${origin.replace(/\/+$/, "")}${u.pathname}${u.search}`;
}
