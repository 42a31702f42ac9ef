import { Hono } from "hono";
import { blobStream, getBlob, isInlineImage } from "../../kv/blobs.ts";
import { NotFound } from "../../errors.ts";
import type { AppEnv } from "../env.ts";

/** RFC 6266 `filename*`, so any name survives the header. */
function disposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /widget/<channelId>/files/<blobId>`: a file a visitor uploaded. Its random id is the
 * credential, so it works in an `<img>` on the host page and in the inbox alike. Only raster
 * images are shown inline; everything else downloads, sandboxed, so nothing runs on our origin.
 */
export function fileRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:channelId/files/:blobId", async (c) => {
    const kv = c.get("services").kv;
    const blob = await getBlob(kv, c.req.param("blobId"));
    if (!blob || blob.channelId !== c.req.param("channelId")) throw new NotFound("No such file.");
    const inline = isInlineImage(blob.type);
    return c.body(blobStream(kv, blob), 200, {
      "Content-Type": inline ? blob.type : "application/octet-stream",
      "Content-Length": String(blob.size),
      "Content-Disposition": disposition(inline ? "inline" : "attachment", blob.name),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Cache-Control": "private, max-age=31536000, immutable",
    });
  });
  return app;
}
