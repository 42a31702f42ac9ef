import type { Context } from "hono";
import { renderPage } from "../components/Document.tsx";
import { Island } from "../components/Island.tsx";
import { TopBar } from "../components/TopBar.tsx";
import { publicChannel } from "../kv/channels.ts";
import type { AppEnv } from "./env.ts";
import { cookieEmployee } from "./session.ts";

/** `GET /channels`: connected messengers, the bot flow each is linked to, connecting a bot. */
export async function channelsPage(c: Context<AppEnv>) {
  const employee = await cookieEmployee(c);
  if (!employee) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
  const s = c.get("services");
  const [flows, stored, project] = await Promise.all([
    s.flows.list(),
    s.channels.list(),
    s.project.get(),
  ]);
  const flowChoices = flows.map((f) => ({ id: f.id, name: f.name }));
  const channels = stored.map((ch) => ({
    ...publicChannel(ch),
    webhookUrl: `${s.config.publicUrl}/webhooks/${ch.type}/${ch.id}`,
  }));
  return c.html(renderPage({
    title: "Channels · Switchboard",
    interactive: true,
    bodyClass: "page-settings",
    body: (
      <div class="app">
        <TopBar me={employee} current="channels" />
        <main class="page">
          <header class="page-head">
            <h1>Channels</h1>
            <p class="muted">
              The messengers your clients write from: Telegram, WhatsApp, Messenger, Instagram, VK,
              Viber, e-mail and your website's chat all feed the same inbox.
            </p>
          </header>
          <Island
            name="ChannelSettings"
            props={{ channels, flowChoices, now: Date.now(), timeZone: project.timeZone }}
          />
        </main>
      </div>
    ),
  }));
}
