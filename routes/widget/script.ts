import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { publicBase, widgetChannel } from "./visitor.ts";

const BUNDLE = new URL("../../static/build/widget.js", import.meta.url);

let cached: { mtime: number; code: string; hash: string } | null = null;

/** The built widget bundle, reread when the build changes it. */
async function bundle(): Promise<{ code: string; hash: string } | null> {
  let mtime: number;
  try {
    mtime = (await Deno.stat(BUNDLE)).mtime?.getTime() ?? 0;
  } catch {
    return null;
  }
  if (cached?.mtime !== mtime) {
    // The bundle's relative source map link would point under /widget/; the wrapper drops it.
    const code = (await Deno.readTextFile(BUNDLE)).replace(/\n\/\/# sourceMappingURL=.*\s*$/, "");
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
    const hash = Array.from(
      new Uint8Array(digest).slice(0, 8),
      (b) => b.toString(16).padStart(2, "0"),
    )
      .join("");
    cached = { mtime, code, hash };
  }
  return cached;
}

/**
 * `GET /widget/<channelId>.js`: the one script a business embeds. It is the widget bundle with
 * the channel and our address baked in, wrapped so nothing leaks into the host page's globals.
 */
export function scriptRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:script{[0-9A-HJKMNP-TV-Z]{26}\\.js}", async (c) => {
    const channelId = c.req.param("script").slice(0, -3);
    await widgetChannel(c, channelId);
    const built = await bundle();
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("X-Content-Type-Options", "nosniff");
    if (!built) {
      return c.body(
        `console.error("Switchboard chat: the widget is not built (deno task build).");`,
        503,
      );
    }
    const boot = JSON.stringify({ channelId, base: publicBase(c) });
    const etag = `"${built.hash}-${(await digest(boot))}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "public, max-age=300");
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
    return c.body(`(function(){var __switchboard=${boot};\n${built.code}\n})();\n`);
  });
  return app;
}

async function digest(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return Array.from(new Uint8Array(d).slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
}
