/** The JSON API as the browser calls it: same-origin, cookie auth, readable errors. */

/** An API answer that was not a success, with the server's own message. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = "ApiError";
  }
}

/** Calls the API; resolves with the JSON body or throws an ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "No connection to the server. Check your network.");
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: fall through to the generic message.
  }
  if (res.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  if (res.status === 401 && !path.startsWith("/api/auth/login")) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
  }
  throw new ApiError(
    res.status,
    error?.code ?? "http_error",
    error?.message ?? `The server answered ${res.status}.`,
  );
}

/** What went wrong, in words for the person at the screen. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
