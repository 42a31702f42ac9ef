import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { feedFor } from "../../connectors/widget/feed.ts";
import { toVisitorEvent } from "../../connectors/widget/view.ts";
import {
  type EventCursor,
  formatEventId,
  type LoggedEvent,
  parseEventId,
} from "../../kv/events.ts";
import type { AppEnv } from "../env.ts";
import { clientIdOf, requireVisitor, widgetChannel } from "./visitor.ts";

const HEARTBEAT_MS = 15_000;
const ZERO: EventCursor = { vs: "0".repeat(20), id: "" };

/** A `Last-Event-ID` of ours, including the empty log's cursor. */
function resumeCursor(value: string | undefined): EventCursor | null {
  if (value?.trim() === formatEventId(ZERO)) return ZERO;
  return parseEventId(value);
}

/**
 * `GET /widget/<channelId>/events`: the visitor's own dialog, live. Every event of the log is
 * looked at and only the visitor's are sent, stripped to what the visitor may see. Resumable
 * with `Last-Event-ID` (the messages history gives the cursor to start from).
 */
export function eventRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:channelId/events", async (c) => {
    const { channel } = await widgetChannel(c, c.req.param("channelId"));
    const visitorId = await requireVisitor(c, channel);
    const s = c.get("services");
    const resume = resumeCursor(c.req.header("Last-Event-ID") ?? c.req.query("lastEventId"));
    c.header("X-Accel-Buffering", "no");
    c.header("Cache-Control", "no-store");
    return streamSSE(c, async (stream) => {
      const sub = await feedFor(s.events, s.waker).subscribe();
      stream.onAbort(() => sub.close());
      try {
        let clientId = await clientIdOf(c, channel.id, visitorId);
        // Everything up to `last` has been looked at; a later copy of it is skipped.
        let last = formatEventId(resume ?? await s.events.head());
        const send = async (batch: LoggedEvent[]) => {
          // A new visitor's first message creates their client in the same commit.
          clientId ??= batch.find((e) =>
            e.event.client?.channelId === channel.id && e.event.client.platformId === visitorId
          )?.event.clientId ?? null;
          for (const { sseId, event } of batch) {
            if (sseId <= last) {
              continue;
            }
            last = sseId;
            if (!clientId || event.clientId !== clientId) {
              continue;
            }
            const view = toVisitorEvent(event);
            if (view) {
              await stream.writeSSE({
                id: sseId,
                event: view.event,
                data: JSON.stringify(view.data),
              });
            }
          }
        };
        await stream.writeSSE({ event: "ready", data: JSON.stringify({ resumed: !!resume }) });
        if (resume) {
          for (let batch = await s.events.readAfter(resume); batch.length > 0;) {
            await send(batch);
            if (batch.length < 1000) {
              break;
            }
            batch = await s.events.readAfter(parseEventId(last)!);
          }
        }
        while (!sub.closed && !stream.aborted) {
          const batch = await sub.next(HEARTBEAT_MS);
          if (batch) {
            await send(batch);
          } // Keeps the connection open, and the visitor's Last-Event-ID fresh.
          else if (!sub.closed) {
            await stream.writeSSE({ id: last, event: "ping", data: "{}" });
          }
        }
      } finally {
        sub.close();
      }
    }, async (err, stream) => {
      console.error(`widget: event stream of channel ${channel.id} failed`, err);
      await stream.writeSSE({ event: "error", data: JSON.stringify({ message: "stream failed" }) });
    });
  });
  return app;
}
