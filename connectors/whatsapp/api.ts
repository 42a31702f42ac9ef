import { z } from "zod";
import type { Attachment, Button, Message } from "../../kv/records.ts";
import { describeGraphError, type GraphReply } from "../meta/graph.ts";
import type { SendRules } from "../meta/send.ts";
import { defined } from "../meta/shape.ts";
import type { SendOutcome } from "../types.ts";
import { RETRY_LATER_MS } from "../http.ts";

/** WhatsApp's limits on what one message may carry. */
export const LIMITS = {
  text: 4096,
  caption: 1024,
  interactiveBody: 1024,
  replyButtons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
} as const;

/** The label of the button that opens a list of choices. */
const LIST_BUTTON = "Choose";
/** WhatsApp needs a body above buttons; this stands in when the message has no text. */
const EMPTY_BODY = "Choose an option";

const MEDIA: Partial<
  Record<Attachment["type"], "image" | "video" | "audio" | "document" | "sticker">
> = {
  photo: "image",
  video: "video",
  animation: "video",
  video_note: "video",
  audio: "audio",
  voice: "audio",
  document: "document",
  sticker: "sticker",
};
const CAPTIONED = new Set(["image", "video", "document"]);

type Outgoing = Pick<Message, "text" | "attachments" | "buttons">;

/**
 * The request bodies for `POST /{phone-number-id}/messages` that carry one of our messages, in
 * order: media by link (the text as the first one's caption when it fits), then the text, as
 * reply buttons (up to 3) or a list (up to 10) when the message has buttons.
 */
export function whatsappBodies(to: string, message: Outgoing): Record<string, unknown>[] {
  const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to };
  const buttons = message.buttons ?? [];
  const media = message.attachments.flatMap(mediaPart);
  let rest = message.text.trim() ? message.text : "";
  const first = media[0];
  if (
    first && rest && !buttons.length && CAPTIONED.has(first.type) && rest.length <= LIMITS.caption
  ) {
    first.content = { ...first.content, caption: rest };
    rest = "";
  }
  const parts = media.map((m) => ({ type: m.type, [m.type]: m.content }));
  if (buttons.length > 0) {
    // An interactive body is capped well below a text message: send long text on its own.
    if (rest.length > LIMITS.interactiveBody) {
      parts.push(textPart(rest));
      rest = "";
    }
    parts.push({ type: "interactive", interactive: interactive(rest || EMPTY_BODY, buttons) });
  } else if (rest) {
    parts.push(textPart(rest));
  }
  return parts.map((p) => ({ ...envelope, ...p }));
}

function textPart(body: string) {
  return { type: "text", text: { body, preview_url: /https?:\/\//i.test(body) } };
}

/** One media or location message: its `type` and the object under that name. */
interface Part {
  type: string;
  content: Record<string, unknown>;
}

function mediaPart(a: Attachment): Part[] {
  if (a.type === "location" || a.type === "venue") {
    if (a.latitude === undefined || a.longitude === undefined) return [];
    const { latitude, longitude, title: name, address } = a;
    return [{ type: "location", content: defined({ latitude, longitude, name, address }) }];
  }
  const type = MEDIA[a.type];
  if (!type || !a.url || !/^https?:\/\//i.test(a.url)) return [];
  const content = type === "document" && a.fileName
    ? { link: a.url, filename: a.fileName }
    : { link: a.url };
  return [{ type, content }];
}

function interactive(body: string, buttons: Button[]) {
  if (buttons.length <= LIMITS.replyButtons) {
    const titles = uniqueTitles(buttons.map((b) => b.text), LIMITS.buttonTitle);
    return {
      type: "button",
      body: { text: body },
      action: {
        buttons: buttons.map((b, i) => ({
          type: "reply",
          reply: { id: cut(b.data || b.text, LIMITS.buttonId), title: titles[i] },
        })),
      },
    };
  }
  // Past ten choices WhatsApp has no room: the first ten are offered.
  const rows = buttons.slice(0, LIMITS.listRows);
  const titles = uniqueTitles(rows.map((b) => b.text), LIMITS.rowTitle);
  return {
    type: "list",
    body: { text: body },
    action: {
      button: LIST_BUTTON,
      sections: [{
        rows: rows.map((b, i) => ({
          id: cut(b.data || b.text, LIMITS.rowId),
          title: titles[i],
          ...(b.text !== titles[i] ? { description: shorten(b.text, LIMITS.rowDescription) } : {}),
        })),
      }],
    },
  };
}

/** Shortens each title to `max` characters, keeping them distinct (WhatsApp refuses repeats). */
export function uniqueTitles(texts: string[], max: number): string[] {
  const seen = new Set<string>();
  return texts.map((text, i) => {
    let title = shorten(text.trim() || `${i + 1}`, max);
    for (let n = 2; seen.has(title); n++) {
      title = `${shorten(text.trim(), max - 1 - String(n).length)} ${n}`;
    }
    seen.add(title);
    return title;
  });
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join("") + "…";
}

function cut(text: string, max: number): string {
  return Array.from(text).slice(0, max).join("");
}

const Sent = z.looseObject({ messages: z.array(z.looseObject({ id: z.string().min(1) })).min(1) });

/** How WhatsApp answers a send: the message id, and what its error codes mean. */
export const whatsappRules: SendRules = {
  platform: "WhatsApp",
  idOf(body) {
    const sent = Sent.safeParse(body);
    return sent.success ? sent.data.messages[0].id : undefined;
  },
  classify: classifyWhatsAppError,
};

/** Maps a WhatsApp error code to what the sender should do next; undefined for the shared rules. */
export function classifyWhatsAppError(
  reply: GraphReply & { error: NonNullable<GraphReply["error"]> },
): SendOutcome | undefined {
  const { error } = reply;
  const reason = describeGraphError(error);
  switch (error.code) {
    case 131047:
      return {
        ok: false,
        reason: "More than 24 hours have passed since the client last wrote, so WhatsApp only " +
          "accepts an approved template message until they write again (#131047).",
      };
    case 130429: // throughput limit of the phone number
    case 131056: // too many messages to this one client in a short time
    case 80007: // the business account's rate limit
      return {
        ok: false,
        retryAfterMs: reply.retryAfterMs ??
          (error.code === 80007 ? 60_000 : error.code === 131056 ? 6_000 : RETRY_LATER_MS),
        reason,
      };
    case 131000: // something went wrong
    case 131016: // service unavailable
    case 133004: // server temporarily unavailable
      return { ok: false, retryAfterMs: RETRY_LATER_MS, reason };
    case 131026: // not on WhatsApp, old app, or terms not accepted
    case 131051: // a message type WhatsApp does not support
      return {
        ok: false,
        reason: `WhatsApp could not deliver the message to this number: ${reason}`,
      };
    case 131050: // the client stopped marketing messages from this business
      return { ok: false, reason, clientBlocked: true };
    default:
      return undefined;
  }
}
