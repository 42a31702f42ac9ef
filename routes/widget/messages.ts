import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { newUlid } from "../../kv/ids.ts";
import { z } from "zod";
import { inboundCommand } from "../../actors/dialog/commands.ts";
import { parseMessageId } from "../../actors/dialog/decide.ts";
import { deleteBlob, isInlineImage, MAX_BLOB_BYTES, saveBlob } from "../../kv/blobs.ts";
import { DEFAULT_COLOUR, WIDGET_PATH } from "../../connectors/widget/config.ts";
import {
  buttonEvent,
  messageEvent,
  receiptEvent,
  visitorProfile,
} from "../../connectors/widget/inbound.ts";
import { toVisitorMessage } from "../../connectors/widget/view.ts";
import { mintVisitor, VISITOR_COOKIE } from "../../connectors/widget/visitor.ts";
import type { Inbound } from "../../connectors/types.ts";
import { BadInput } from "../../errors.ts";
import { formatEventId } from "../../kv/events.ts";
import type { Attachment } from "../../kv/records.ts";
import type { AppEnv } from "../env.ts";
import { readJson, readMessagePost } from "./body.ts";
import {
  clientIdOf,
  findVisitor,
  publicBase,
  rateLimit,
  requireVisitor,
  type WidgetChannel,
  widgetChannel,
} from "./visitor.ts";

const YEAR_S = 365 * 24 * 3600;
const HISTORY_LIMIT = 100;

/** Runs one visitor event through the dialog actor, exactly as a messenger webhook would. */
async function run(c: Context<AppEnv>, { channel }: WidgetChannel, event: Inbound) {
  return await c.get("services").actor.run(inboundCommand(channel, event));
}

/** The visitor's endpoints: session, history, writing, quick replies and receipts. */
export function messageRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:channelId/session", async (c) => {
    const w = await widgetChannel(c, c.req.param("channelId"));
    const visitor = await findVisitor(c, w.channel) ?? await mintVisitor(w.channel);
    // The token goes back both ways, so the cookie and the host page's copy agree.
    setCookie(c, VISITOR_COOKIE, visitor.token, {
      path: `${WIDGET_PATH}/${w.channel.id}`,
      httpOnly: true,
      secure: true,
      sameSite: "None",
      // Partitioned (CHIPS): kept per host site even where third-party cookies are blocked.
      partitioned: true,
      maxAge: YEAR_S,
    });
    c.header("Cache-Control", "no-store");
    return c.json({
      visitor: visitor.token,
      title: w.config.title,
      greeting: w.config.greeting ?? null,
      colour: w.config.colour ?? DEFAULT_COLOUR,
      maxFileBytes: MAX_BLOB_BYTES,
      hasConversation: !!(await clientIdOf(c, w.channel.id, visitor.id)),
    });
  });

  app.get("/:channelId/messages", async (c) => {
    const w = await widgetChannel(c, c.req.param("channelId"));
    const visitorId = await requireVisitor(c, w.channel);
    const s = c.get("services");
    // The cursor is read first: the stream resumes from it and replays anything that lands
    // while the history is being read.
    const cursor = formatEventId(await s.events.head());
    const clientId = await clientIdOf(c, w.channel.id, visitorId);
    const before = Number(c.req.query("before"));
    const page = clientId
      ? await s.clients.messages(clientId, {
        limit: HISTORY_LIMIT,
        ...(Number.isInteger(before) && before > 0 ? { beforeSeq: before } : {}),
      })
      : { items: [], hasMore: false };
    const items = page.items.map(toVisitorMessage).filter((m) => m !== null);
    c.header("Cache-Control", "no-store");
    return c.json({ items, hasMore: page.hasMore, cursor });
  });

  app.post("/:channelId/messages", async (c) => {
    const w = await widgetChannel(c, c.req.param("channelId"));
    const visitorId = await requireVisitor(c, w.channel);
    const post = await readMessagePost(c.req.raw);
    const text = post.fields.text.trim();
    if (!text && !post.file) throw new BadInput("text: write something or attach a file.");
    await rateLimit(c, w, visitorId);
    const kv = c.get("services").kv;
    const attachments: Attachment[] = [];
    const blob = post.file
      ? await saveBlob(kv, { channelId: w.channel.id, visitorId, ...post.file })
      : null;
    if (blob) {
      attachments.push({
        type: isInlineImage(blob.type) ? "photo" : "document",
        url: `${publicBase(c)}/${w.channel.id}/files/${blob.id}`,
        fileName: blob.name,
        mimeType: blob.type,
        size: blob.size,
      });
    }
    const profile = visitorProfile(visitorId, post.fields);
    const ref = post.fields.ref ?? newUlid();
    let result;
    try {
      result = await run(c, w, messageEvent(profile, ref, text, attachments, new Date()));
    } catch (e) {
      if (blob) await deleteBlob(kv, blob.id);
      throw e;
    }
    // A retry of a message already stored keeps the first copy's file.
    if (!result.applied && blob) await deleteBlob(kv, blob.id);
    const message = result.message ? toVisitorMessage(result.message) : null;
    return c.json({ message, duplicate: !result.applied }, result.applied ? 201 : 200);
  });

  app.post("/:channelId/buttons", async (c) => {
    const w = await widgetChannel(c, c.req.param("channelId"));
    const visitorId = await requireVisitor(c, w.channel);
    const body = await readJson(
      c.req.raw,
      z.object({ data: z.string().min(1).max(256), ref: z.string().regex(/^[\w-]{8,64}$/) }),
    );
    const clientId = await clientIdOf(c, w.channel.id, visitorId);
    // Only a button we actually showed the visitor can be pressed.
    const recent = clientId
      ? (await c.get("services").clients.messages(clientId, { limit: 50 })).items
      : [];
    const button = recent.filter((m) => m.direction === "out").flatMap((m) => m.buttons ?? [])
      .findLast((b) => b.data === body.data);
    if (!button) throw new BadInput("data: no such button in this chat.", "unknown_button");
    await rateLimit(c, w, visitorId);
    const profile = visitorProfile(visitorId);
    const result = await run(
      c,
      w,
      buttonEvent(profile, body.ref, body.data, button.text, new Date()),
    );
    const message = result.message ? toVisitorMessage(result.message) : null;
    return c.json({ message, duplicate: !result.applied }, result.applied ? 201 : 200);
  });

  app.post("/:channelId/receipts", async (c) => {
    const w = await widgetChannel(c, c.req.param("channelId"));
    const visitorId = await requireVisitor(c, w.channel);
    const body = await readJson(
      c.req.raw,
      z.object({
        status: z.enum(["delivered", "read"]),
        ids: z.array(z.string().max(64)).min(1).max(50),
      }),
    );
    const clientId = await clientIdOf(c, w.channel.id, visitorId);
    const profile = visitorProfile(visitorId);
    let applied = 0;
    for (const id of new Set(body.ids)) {
      // Receipts only for the visitor's own dialog.
      if (!clientId || parseMessageId(id)?.clientId !== clientId) continue;
      const r = await run(c, w, receiptEvent(profile, id, body.status, new Date()));
      if (r.applied) applied++;
    }
    return c.json({ ok: true, applied });
  });
  return app;
}
