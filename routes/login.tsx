import type { Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { renderPage } from "../components/Document.tsx";
import { Island } from "../components/Island.tsx";
import { Logo } from "../components/Logo.tsx";
import { SESSION_COOKIE } from "./api/auth.ts";
import type { AppEnv } from "./env.ts";
import { cookieEmployee } from "./session.ts";

/** A `next` that stays on this site: a path, never `//host` or a full URL. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/";
}

/** `GET /login`: the sign-in form; a signed-in visitor goes straight on. */
export async function loginPage(c: Context<AppEnv>) {
  const next = safeNext(c.req.query("next"));
  if (await cookieEmployee(c)) return c.redirect(next);
  return c.html(renderPage({
    title: "Sign in · Switchboard",
    interactive: true,
    bodyClass: "page-login",
    body: (
      <main class="login">
        <div class="login-card">
          <div class="login-brand">
            <Logo size={36} />
            <h1>Sign in to Switchboard</h1>
            <p class="muted">Every client conversation, one inbox.</p>
          </div>
          <Island name="LoginForm" props={{ next }} />
        </div>
      </main>
    ),
  }));
}

/** `POST /logout`: ends the session (from our own pages only) and returns to the sign-in form. */
export async function logout(c: Context<AppEnv>) {
  const site = c.req.header("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return c.text("Cross-site request", 403);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await c.get("services").sessions.end(token);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  return c.redirect("/login", 303);
}
