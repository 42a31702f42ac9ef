import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Employee } from "../kv/records.ts";
import { Forbidden, Unauthorized } from "../errors.ts";
import { SESSION_COOKIE } from "./api/auth.ts";
import type { AppEnv } from "./env.ts";

/** The employee signed in by the session cookie, if any. */
export async function cookieEmployee(c: Context<AppEnv>): Promise<Employee | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const s = c.get("services");
  const session = await s.sessions.get(token);
  return session ? await s.employees.get(session.employeeId) : null;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from our own pages: browsers send `Sec-Fetch-Site` and
 * `Origin` on cross-site requests, so a write whose headers say "another site" is refused.
 */
function checkSameOrigin(c: Context<AppEnv>) {
  if (SAFE.has(c.req.method)) return;
  const site = c.req.header("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new Forbidden("Cross-site request refused.", "csrf");
  }
  const origin = c.req.header("Origin");
  if (origin && origin !== "null") {
    const own = new Set([
      new URL(c.req.url).origin,
      new URL(c.get("services").config.publicUrl).origin,
    ]);
    const host = c.req.header("Host");
    if (host) own.add(`${new URL(c.req.url).protocol}//${host}`);
    if (!own.has(origin)) throw new Forbidden("Cross-site request refused.", "csrf");
  } else if (origin === "null") {
    throw new Forbidden("Cross-site request refused.", "csrf");
  }
}

/** Requires a session cookie or `Authorization: Bearer <api token>`. */
export const requireEmployee: MiddlewareHandler<AppEnv> = async (c, next) => {
  const s = c.get("services");
  const header = c.req.header("Authorization");
  if (header) {
    const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
    const info = token ? await s.sessions.tokenInfo(token) : null;
    const employee = info ? await s.employees.get(info.employeeId) : null;
    if (!employee) throw new Unauthorized("The API token is not valid.", "bad_token");
    c.set("employee", employee);
    c.set("auth", "token");
    return next();
  }
  const employee = await cookieEmployee(c);
  if (!employee) throw new Unauthorized();
  checkSameOrigin(c);
  c.set("employee", employee);
  c.set("auth", "cookie");
  return next();
};
