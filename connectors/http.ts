/** Helpers every messenger API client shares: timeouts, retry delays, error texts. */

/** Retry delay after a server error, a transient error or a network failure. */
export const RETRY_LATER_MS = 5_000;

/** How long one API call may take: a hung connection must not hold a delivery lease forever. */
export const CALL_TIMEOUT_MS = 10_000;

/** Removes a token from a message, since fetch errors may quote the URL or the request. */
export function hideToken(message: string, token: string): string {
  return token ? message.replaceAll(token, "<token>") : message;
}

/** The message of a thrown value, whatever was thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The JSON in a text, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** "HTTP 502 Bad Gateway": a response's status, for an answer without a usable body. */
export function httpText(res: Response): string {
  return `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
}
