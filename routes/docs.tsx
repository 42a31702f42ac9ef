import type { Context } from "hono";
import { ApiDocs, type OpenApiDoc } from "../components/ApiDocs.tsx";
import { renderPage } from "../components/Document.tsx";
import { TopBar } from "../components/TopBar.tsx";
import type { AppEnv } from "./env.ts";
import { cookieEmployee } from "./session.ts";

/** Where the docs page gets the app's OpenAPI document. */
export type OpenApiSource = () => unknown | Promise<unknown>;

/** Reads the document the app serves at /openapi.json, over its own socket. */
export function selfFetched(c: Context<AppEnv>): Promise<unknown> {
  return fetch(new URL("/openapi.json", c.req.url)).then((res) => {
    if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
    return res.json();
  });
}

/** `GET /docs`: the API reference, rendered on the server from the OpenAPI document. */
export function docsPage(source?: OpenApiSource) {
  return async (c: Context<AppEnv>) => {
    const employee = await cookieEmployee(c);
    let doc: OpenApiDoc | null = null;
    try {
      doc = (await (source ? source() : selfFetched(c))) as OpenApiDoc;
    } catch (err) {
      console.error("docs: reading the OpenAPI document failed", err);
    }
    return c.html(
      renderPage({
        title: "API docs · Switchboard",
        bodyClass: "page-docs",
        body: (
          <div class="app">
            <TopBar me={employee} current="docs" />
            {doc ? <ApiDocs doc={doc} /> : (
              <main class="page-message">
                <h1>API docs</h1>
                <p>
                  The reference could not be rendered just now. The document itself is at{" "}
                  <a href="/openapi.json">/openapi.json</a>.
                </p>
              </main>
            )}
          </div>
        ),
      }),
      doc ? 200 : 503,
    );
  };
}
