import type { Context } from "hono";
import { renderPage } from "../components/Document.tsx";
import { Island } from "../components/Island.tsx";
import { TopBar } from "../components/TopBar.tsx";
import { formatEventId } from "../kv/events.ts";
import type { BotFlow, Client, Message } from "../kv/records.ts";
import { createStore } from "../islands/store.ts";
import type { AppEnv } from "./env.ts";
import { cookieEmployee } from "./session.ts";

const PAGE = 50;

/**
 * `GET /` and `GET /clients/:id`: the inbox, with the first page of dialogs (and of the open
 * dialog's history) already in the HTML.
 */
export async function inboxPage(c: Context<AppEnv>) {
  const employee = await cookieEmployee(c);
  if (!employee) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
  const s = c.get("services");
  const id = c.req.param("id") ?? null;
  // Read the stream position first: anything after it reaches the page through the stream.
  const head = await s.events.head();
  const eventsFrom = head.id ? formatEventId(head) : "";
  const [page, channels, project] = await Promise.all([
    s.clients.list({ limit: PAGE }),
    s.channels.list(),
    s.project.get(),
  ]);
  let client: Client | null = null;
  let history: { items: Message[]; hasMore: boolean } = { items: [], hasMore: false };
  if (id) {
    client = await s.clients.get(id);
    if (!client) return c.html(notFound(employee), 404);
    history = await s.clients.messages(id, { limit: PAGE });
  }

  // The flows the channels are linked to: the card names them and the funnel lists their blocks.
  const flowIds = [...new Set(channels.flatMap((ch) => ch.flowId ? [ch.flowId] : []))];
  const flows = (await Promise.all(flowIds.map((f) => s.flows.get(f))))
    .filter((f): f is BotFlow => f !== null);

  const me = { id: employee.id, name: employee.name, email: employee.email };
  const list = {
    me,
    clients: page.items,
    nextCursor: page.nextCursor,
    eventsFrom,
    timeZone: project.timeZone,
  };
  const chat = { selectedId: id, client, messages: history.items, hasMore: history.hasMore };
  const card = {
    channels: channels.map((ch) => ({
      id: ch.id,
      name: ch.name,
      type: ch.type,
      ...(ch.flowId ? { flowId: ch.flowId } : {}),
    })),
    flows,
  };
  return c.html(renderPage({
    title: client ? `${client.name} · Switchboard` : "Inbox · Switchboard",
    interactive: true,
    store: createStore({ ...list, ...chat, ...card }),
    bodyClass: "page-inbox",
    body: (
      <div class="app">
        <TopBar me={me} current="inbox" />
        <main class="inbox">
          <Island name="ClientList" props={list} />
          <Island name="Chat" props={chat} />
          <Island name="ClientCard" props={card} />
        </main>
      </div>
    ),
  }));
}

function notFound(me: { name: string; email: string }): string {
  return renderPage({
    title: "No such client · Switchboard",
    body: (
      <div class="app">
        <TopBar me={me} current="inbox" />
        <main class="page-message">
          <h1>No such client</h1>
          <p class="muted">It may have been deleted, or the link is mistyped.</p>
          <p>
            <a class="btn" href="/">Back to the inbox</a>
          </p>
        </main>
      </div>
    ),
  });
}
