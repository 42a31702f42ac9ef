import { newUlid } from "./ids.ts";
import { NotFound } from "../errors.ts";
import { keys } from "./keys.ts";

/** How long a sign-in lasts. */
export const SESSION_TTL_MS = 30 * 24 * 3600_000;

export interface Session {
  employeeId: string;
  createdAt: string;
  expiresAt: number;
}

export interface ApiToken {
  id: string;
  employeeId: string;
  name: string;
  createdAt: string;
  /** The first characters, so people can tell their tokens apart. */
  prefix: string;
}

function randomToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of a secret, hex: secrets are stored only as this. */
export async function sha256Hex(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Failed sign-ins allowed per e-mail address within the window before sign-in is paused. */
export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/** Sign-in sessions (cookie) and API tokens (bearer), stored by the hash of their secret. */
export class Sessions {
  constructor(readonly kv: Deno.Kv) {}

  /** Milliseconds until this e-mail may try to sign in again (0: it may now). */
  async loginPausedFor(email: string): Promise<number> {
    const f =
      (await this.kv.get<{ count: number; since: number }>(keys.loginFailures(email))).value;
    if (!f || f.count < MAX_LOGIN_FAILURES) return 0;
    return Math.max(0, f.since + LOGIN_WINDOW_MS - Date.now());
  }

  /** Counts a failed sign-in; a success clears the count. */
  async recordLogin(email: string, ok: boolean): Promise<void> {
    const key = keys.loginFailures(email);
    if (ok) return void await this.kv.delete(key);
    const f = (await this.kv.get<{ count: number; since: number }>(key)).value;
    const fresh = !f || f.since + LOGIN_WINDOW_MS < Date.now();
    const next = fresh ? { count: 1, since: Date.now() } : { count: f.count + 1, since: f.since };
    await this.kv.set(key, next, { expireIn: LOGIN_WINDOW_MS });
  }

  /** Starts a session; returns the cookie value. */
  async start(employeeId: string): Promise<string> {
    const token = randomToken("sbs_");
    const session: Session = {
      employeeId,
      createdAt: new Date().toISOString(),
      expiresAt: Date.now() + SESSION_TTL_MS,
    };
    await this.kv.set(keys.session(await sha256Hex(token)), session, { expireIn: SESSION_TTL_MS });
    return token;
  }

  /** The session behind a cookie value, if it is still valid. */
  async get(token: string): Promise<Session | null> {
    const s = (await this.kv.get<Session>(keys.session(await sha256Hex(token)))).value;
    // Expiry in KV is swept lazily, so the time in the value decides.
    return s && s.expiresAt > Date.now() ? s : null;
  }

  async end(token: string): Promise<void> {
    await this.kv.delete(keys.session(await sha256Hex(token)));
  }

  /** Issues an API token; the secret is returned once and stored only as a hash. */
  async issueToken(
    employeeId: string,
    name: string,
  ): Promise<{ token: string; info: ApiToken }> {
    const token = randomToken("sbt_");
    const hash = await sha256Hex(token);
    const info: ApiToken = {
      id: newUlid(),
      employeeId,
      name,
      createdAt: new Date().toISOString(),
      prefix: token.slice(0, 10),
    };
    await this.kv.atomic()
      .set(keys.apiToken(hash), info)
      .set(keys.apiTokenByEmployee(employeeId, info.id), hash)
      .commit();
    return { token, info };
  }

  async tokenInfo(token: string): Promise<ApiToken | null> {
    return (await this.kv.get<ApiToken>(keys.apiToken(await sha256Hex(token)))).value;
  }

  async listTokens(employeeId: string): Promise<ApiToken[]> {
    const out: ApiToken[] = [];
    for await (const e of this.kv.list<string>({ prefix: keys.apiTokensOfEmployee(employeeId) })) {
      const info = (await this.kv.get<ApiToken>(keys.apiToken(e.value))).value;
      if (info) out.push(info);
    }
    return out;
  }

  async revokeToken(employeeId: string, tokenId: string): Promise<void> {
    const ref = await this.kv.get<string>(keys.apiTokenByEmployee(employeeId, tokenId));
    if (!ref.value) throw new NotFound("No such API token.");
    await this.kv.atomic().delete(keys.apiToken(ref.value)).delete(ref.key).commit();
  }
}
