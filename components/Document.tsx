import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { createStore, type InboxStore, StoreContext } from "../islands/store.ts";

/** The bundle that hydrates the islands (built by build.ts). */
const ISLANDS_JS = "/static/build/islands.js";

/**
 * Renders a whole page to HTML. Islands inside `body` read `store`, which the server seeds
 * with the same data their props carry, so the first paint already shows it.
 */
export function renderPage(opts: {
  title: string;
  body: ComponentChildren;
  store?: InboxStore;
  /** Load the islands bundle (pages with something interactive). */
  interactive?: boolean;
  bodyClass?: string;
}): string {
  const store = opts.store ?? createStore();
  const html = renderToString(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="color-scheme" content="light" />
        <meta name="theme-color" content="#ffffff" />
        <title>{opts.title}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        {opts.interactive && <script type="module" src={ISLANDS_JS} />}
      </head>
      <body class={opts.bodyClass}>
        <StoreContext.Provider value={store}>{opts.body}</StoreContext.Provider>
      </body>
    </html>,
  );
  return `<!doctype html>\n${html}`;
}
