import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { connectors } from "../../connectors/mod.ts";
import { blobStream, getBlob } from "../../kv/blobs.ts";
import { NotFound } from "../../errors.ts";
import { BLOB_PREFIX } from "../../kv/inbound_files.ts";
import { errors, router } from "../env.ts";

/** Inbound files, fetched from the messenger by the server: the browser never sees a token. */
export function mediaRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}/messages/{messageId}/attachments/{index}",
      summary: "The bytes of a message's attachment (photo, voice, document…)",
      tags: ["Messages"],
      request: {
        params: z.object({
          id: z.string().min(1).max(64),
          messageId: z.string().min(1).max(80),
          index: z.coerce.number().int().min(0).max(50),
        }),
      },
      responses: {
        200: {
          description: "The file",
          content: {
            "application/octet-stream": { schema: z.string().meta({ format: "binary" }) },
          },
        },
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const s = c.get("services");
      const { id, messageId, index } = c.req.valid("param");
      const message = await s.clients.message(messageId);
      const attachment = message?.clientId === id ? message.attachments[index] : undefined;
      if (!message || !attachment) throw new NotFound("No such attachment.");
      const client = await s.clients.get(id);
      const channel = client && await s.channels.get(client.channelId);
      const connector = channel && connectors[channel.type];
      let upstream: Response;
      if (attachment.fileId?.startsWith(BLOB_PREFIX)) {
        const blob = await getBlob(s.kv, attachment.fileId.slice(BLOB_PREFIX.length));
        if (!blob) throw new NotFound("The file is no longer stored.");
        upstream = new Response(blobStream(s.kv, blob), {
          headers: { "content-type": blob.type, "content-length": String(blob.size) },
        });
      } else if (channel && connector?.media && (attachment.fileId || !attachment.url)) {
        upstream = await connector.media(channel, attachment, s.api);
      } else if (attachment.url && /^https?:\/\//.test(attachment.url)) {
        upstream = await fetch(attachment.url, { signal: AbortSignal.timeout(30_000) });
      } else {
        throw new NotFound("This attachment has no file to fetch.");
      }
      if (!upstream.ok || !upstream.body) {
        await upstream.body?.cancel();
        throw new NotFound(`The messenger did not give the file (HTTP ${upstream.status}).`);
      }
      const headers = new Headers({
        "content-type": attachment.mimeType ?? upstream.headers.get("content-type") ??
          "application/octet-stream",
        "cache-control": "private, max-age=86400",
        "x-content-type-options": "nosniff",
      });
      const length = upstream.headers.get("content-length");
      if (length) headers.set("content-length", length);
      if (attachment.fileName) {
        headers.set(
          "content-disposition",
          `inline; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        );
      }
      return new Response(upstream.body, { status: 200, headers });
    },
  );
  return app;
}
