import { createRoute } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { parseEventId } from "../../kv/events.ts";
import { errors, router } from "../env.ts";

const HEARTBEAT_MS = 15_000;

/** `GET /api/events`: every dialog change, live, resumable with `Last-Event-ID`. */
export function eventRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      summary:
        "Server-sent events: message.created, message.updated, client.created, client.updated…; " +
        "reconnect with Last-Event-ID to get every later event exactly once",
      tags: ["Events"],
      request: {
        query: z.object({
          lastEventId: z.string().max(100).optional().describe(
            "Same as the Last-Event-ID header",
          ),
        }),
      },
      responses: {
        200: {
          description: "An event stream",
          content: { "text/event-stream": { schema: z.string() } },
        },
        ...errors(401),
      },
    }),
    (c) => {
      const s = c.get("services");
      const resumeFrom = parseEventId(
        c.req.header("Last-Event-ID") ?? c.req.valid("query").lastEventId,
      );
      c.header("X-Accel-Buffering", "no");
      return streamSSE(c, async (stream) => {
        const abort = new AbortController();
        stream.onAbort(() => abort.abort());
        let cursor = resumeFrom ?? await s.events.head();
        await stream.writeSSE({ event: "ready", data: JSON.stringify({ resumed: !!resumeFrom }) });
        while (!abort.signal.aborted) {
          // Ask to be woken before reading, so a commit landing mid-read is not slept through.
          const woke = s.waker.wait(HEARTBEAT_MS, abort.signal);
          const batch = await s.events.readAfter(cursor);
          for (const { sseId, event } of batch) {
            await stream.writeSSE({ id: sseId, event: event.type, data: JSON.stringify(event) });
          }
          if (batch.length > 0) {
            cursor = parseEventId(batch.at(-1)!.sseId)!;
            // A full page means more is waiting: read again at once.
            if (batch.length >= 1000) continue;
          }
          const before = Date.now();
          await woke;
          if (Date.now() - before >= HEARTBEAT_MS) await stream.write(": ping\n\n");
        }
      }, async (err, stream) => {
        console.error("events: stream failed", err);
        await stream.writeSSE({
          event: "error",
          data: JSON.stringify({ message: "stream failed" }),
        });
      });
    },
  );
  return app;
}
