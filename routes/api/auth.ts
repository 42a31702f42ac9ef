import { createRoute } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { publicEmployee } from "../../kv/employees.ts";
import { SESSION_TTL_MS } from "../../kv/sessions.ts";
import { AppError, Unauthorized } from "../../errors.ts";
import { errors, router } from "../env.ts";

export const SESSION_COOKIE = "sb_session";

export const PublicEmployee = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: z.string(),
}).meta({ id: "Employee" });

const Login = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** Sign in, sign out, and who am I. */
export function authRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: "post",
      path: "/login",
      summary: "Sign in with e-mail and password; sets an HttpOnly session cookie",
      tags: ["Auth"],
      request: { body: { content: { "application/json": { schema: Login } }, required: true } },
      responses: {
        200: {
          description: "Signed in",
          content: { "application/json": { schema: z.object({ employee: PublicEmployee }) } },
        },
        ...errors(400, 401, 429),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { email, password } = c.req.valid("json");
      const paused = await s.sessions.loginPausedFor(email.trim());
      if (paused > 0) {
        throw new AppError(
          429,
          "too_many_attempts",
          `Too many failed sign-ins; try again in ${Math.ceil(paused / 60_000)} min.`,
        );
      }
      const employee = await s.employees.authenticate(email.trim(), password);
      await s.sessions.recordLogin(email.trim(), !!employee);
      if (!employee) throw new Unauthorized("Wrong e-mail or password.", "bad_credentials");
      const token = await s.sessions.start(employee.id);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: s.config.publicUrl.startsWith("https:"),
        path: "/",
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return c.json({ employee: publicEmployee(employee) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/logout",
      summary: "Sign out: ends the session behind the cookie",
      tags: ["Auth"],
      responses: {
        200: {
          description: "Signed out",
          content: { "application/json": { schema: z.object({ ok: z.boolean() }) } },
        },
      },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await c.get("services").sessions.end(token);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/me",
      summary: "The signed-in employee",
      tags: ["Auth"],
      responses: {
        200: {
          description: "The employee",
          content: { "application/json": { schema: z.object({ employee: PublicEmployee }) } },
        },
        ...errors(401),
      },
    }),
    (c) => c.json({ employee: publicEmployee(c.get("employee")) }, 200),
  );
  return app;
}
