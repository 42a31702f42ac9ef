import type { Context } from "hono";
import type { ComponentChildren } from "preact";
import { renderPage } from "../components/Document.tsx";
import { Island } from "../components/Island.tsx";
import { TopBar } from "../components/TopBar.tsx";
import type { Channel, Employee } from "../kv/records.ts";
import type { AppEnv } from "./env.ts";
import { cookieEmployee } from "./session.ts";

/** A channel as the flow pages name it. */
function channelInfo(ch: Channel) {
  return { id: ch.id, name: ch.name, type: ch.type, ...(ch.flowId ? { flowId: ch.flowId } : {}) };
}

function page(
  employee: Employee,
  title: string,
  head: ComponentChildren | null,
  body: ComponentChildren,
) {
  return renderPage({
    title: `${title} · Switchboard`,
    interactive: true,
    bodyClass: "page-settings",
    body: (
      <div class="app">
        <TopBar me={employee} current="flows" />
        <main class="page page-wide">
          {head && <header class="page-head">{head}</header>}
          {body}
        </main>
      </div>
    ),
  });
}

/** `GET /flows`: every bot flow, where it answers, and creating or importing one (SPEC K). */
export async function flowsPage(c: Context<AppEnv>) {
  const employee = await cookieEmployee(c);
  if (!employee) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
  const s = c.get("services");
  const [flows, channels, project] = await Promise.all([
    s.flows.list(),
    s.channels.list(),
    s.project.get(),
  ]);
  return c.html(page(
    employee,
    "Bot flows",
    <>
      <h1>Bot flows</h1>
      <p class="muted">
        Numbered blocks the bot sends as clients write: messages with buttons, delays, keywords.
        Link a flow to a channel on the <a href="/channels">Channels</a> page.
      </p>
    </>,
    <Island
      name="FlowList"
      props={{
        flows,
        channels: channels.map(channelInfo),
        now: Date.now(),
        timeZone: project.timeZone,
      }}
    />,
  ));
}

/** `GET /flows/new` and `GET /flows/:id`: the block editor. */
export async function flowPage(c: Context<AppEnv>) {
  const employee = await cookieEmployee(c);
  if (!employee) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
  const s = c.get("services");
  const id = c.req.param("id");
  const flow = id ? await s.flows.get(id) : null;
  if (id && !flow) {
    return c.html(
      page(
        employee,
        "No such flow",
        <h1>No such flow</h1>,
        (
          <p>
            It may have been deleted. <a href="/flows">All bot flows</a>
          </p>
        ),
      ),
      404,
    );
  }
  const channels = (await s.channels.list()).map(channelInfo);
  return c.html(page(
    employee,
    flow ? flow.name : "New bot flow",
    // The editor heads its own page: the name changes as it is saved.
    null,
    <Island name="FlowEditor" props={{ flow, channels }} />,
  ));
}
