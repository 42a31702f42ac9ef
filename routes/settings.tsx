import type { Context } from "hono";
import { renderPage } from "../components/Document.tsx";
import { Island } from "../components/Island.tsx";
import { TopBar } from "../components/TopBar.tsx";
import { timeZones } from "../islands/time.ts";
import type { AppEnv } from "./env.ts";
import { cookieEmployee } from "./session.ts";

/** `GET /settings`: the project's name and time zone (SPEC L2). */
export async function settingsPage(c: Context<AppEnv>) {
  const employee = await cookieEmployee(c);
  if (!employee) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
  const project = await c.get("services").project.get();
  return c.html(renderPage({
    title: "Settings · Switchboard",
    interactive: true,
    bodyClass: "page-settings",
    body: (
      <div class="app">
        <TopBar me={employee} current="settings" />
        <main class="page">
          <header class="page-head">
            <h1>Settings</h1>
            <p class="muted">What the whole project shares: its name and its time zone.</p>
          </header>
          <Island name="ProjectSettings" props={{ project, zones: timeZones(), now: Date.now() }} />
        </main>
      </div>
    ),
  }));
}
