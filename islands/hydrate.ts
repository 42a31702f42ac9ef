/**
 * The browser entry (bundled to static/build/islands.js): finds the islands the server rendered,
 * seeds one store from their props, hydrates them, and opens the live stream on the inbox.
 */
import { type ComponentType, h, hydrate } from "preact";
import { effect } from "@preact/signals";
import { closeClient, markRead, openClient } from "./actions.ts";
import { connectEvents } from "./events.ts";
import { type IslandName, islands } from "./registry.ts";
import { createStore, type Seed, StoreContext } from "./store.ts";

const store = createStore();
const found = [...document.querySelectorAll<HTMLElement>("[data-island]")].map((el) => ({
  el,
  name: el.dataset.island as IslandName,
  props: JSON.parse(el.dataset.props ?? "{}") as Record<string, unknown>,
}));
for (const { props } of found) store.seed(props as Seed);
for (const { el, name, props } of found) {
  const component = islands[name] as ComponentType<Record<string, unknown>> | undefined;
  if (!component) {
    console.error(`islands: no island named ${name}`);
    continue;
  }
  hydrate(h(StoreContext.Provider, { value: store }, h(component, props)), el);
}

// Labels like "today at 14:05" were rendered against the server's clock: move them on with ours.
store.now.value = Date.now();
setInterval(() => store.now.value = Date.now(), 30_000);

const inbox = found.some((f) => f.name === "ClientList");
if (inbox) {
  connectEvents(store);
  const open = store.selectedId.value;
  if (open) markRead(store, open);

  addEventListener("popstate", () => {
    const id = location.pathname.match(/^\/clients\/([^/]+)$/)?.[1];
    if (id) openClient(store, decodeURIComponent(id));
    else closeClient(store);
  });

  effect(() => {
    const unread = store.totalUnread.value;
    const title = `${store.selected.value?.name ?? "Inbox"} · Switchboard`;
    document.title = unread > 0 ? `(${unread}) ${title}` : title;
  });

  addEventListener("keydown", (e) => {
    // Escape leaves the open dialog on a phone, where it covers the list.
    if (
      e.key === "Escape" && !e.defaultPrevented && store.pane.value === "chat" &&
      matchMedia("(max-width: 760px)").matches
    ) closeClient(store, { push: true });
  });
}
