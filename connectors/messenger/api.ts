import { z } from "zod";
import type { Attachment, Message } from "../../kv/records.ts";
import { describeGraphError, type GraphReply } from "../meta/graph.ts";
import type { SendRules } from "../meta/send.ts";
import { chunkText } from "../meta/shape.ts";
import type { SendOutcome } from "../types.ts";
import { RETRY_LATER_MS } from "../http.ts";

/** What the Messenger Platform accepts in one message. */
export const LIMITS = { quickReplies: 13, quickReplyTitle: 20, payload: 1000 } as const;

/** How one product of the Messenger Platform differs when sending. */
export interface MessagingProfile {
  platform: string;
  /** Longest text message, in characters. */
  textMax: number;
  /** Attachment kinds this product can send by URL. */
  media: Partial<Record<Attachment["type"], "image" | "video" | "audio" | "file">>;
}

/** Facebook Messenger: 2000 characters, images, video, audio and files by URL. */
export const MESSENGER: MessagingProfile = {
  platform: "Messenger",
  textMax: 2000,
  media: {
    photo: "image",
    animation: "image",
    sticker: "image",
    video: "video",
    video_note: "video",
    audio: "audio",
    voice: "audio",
    document: "file",
  },
};

/** Instagram Direct: 1000 characters, images, video and audio by URL; files go as links. */
export const INSTAGRAM: MessagingProfile = {
  platform: "Instagram",
  textMax: 1000,
  media: {
    photo: "image",
    animation: "image",
    sticker: "image",
    video: "video",
    video_note: "video",
    audio: "audio",
    voice: "audio",
  },
};

/** Stands in for the text when a message has buttons but no words. */
const EMPTY_TEXT = "Choose an option";

type Outgoing = Pick<Message, "text" | "attachments" | "buttons" | "author">;

/**
 * The request bodies for `POST /me/messages` that carry one of our messages: media by URL first,
 * then the text (split at the product's limit), with the buttons as quick replies on the last
 * part. An employee's reply is tagged HUMAN_AGENT, which lets it go out up to 7 days after the
 * client last wrote; everything else is a RESPONSE within the 24-hour window.
 */
export function messagingBodies(
  recipientId: string,
  message: Outgoing,
  profile: MessagingProfile,
): Record<string, unknown>[] {
  const envelope = {
    recipient: { id: recipientId },
    ...(message.author.kind === "employee"
      ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" }
      : { messaging_type: "RESPONSE" }),
  };
  const parts: Record<string, unknown>[] = [];
  const links: string[] = [];
  for (const a of message.attachments) {
    const type = profile.media[a.type];
    if (type && a.url && /^https?:\/\//i.test(a.url)) {
      parts.push({ attachment: { type, payload: { url: a.url, is_reusable: false } } });
    } else {
      const link = linkOf(a);
      if (link) links.push(link);
    }
  }
  const buttons = message.buttons ?? [];
  let text = [message.text.trim() ? message.text : "", ...links].filter(Boolean).join("\n");
  if (!text && buttons.length > 0 && parts.length === 0) text = EMPTY_TEXT;
  parts.push(...chunkText(text, profile.textMax).map((t) => ({ text: t })));
  if (buttons.length > 0 && parts.length > 0) {
    const last = parts.length - 1;
    parts[last] = {
      ...parts[last],
      quick_replies: buttons.slice(0, LIMITS.quickReplies).map((b) => ({
        content_type: "text",
        title: shorten(b.text.trim() || b.data, LIMITS.quickReplyTitle),
        payload: Array.from(b.data || b.text).slice(0, LIMITS.payload).join(""),
      })),
    };
  }
  return parts.map((message) => ({ ...envelope, message }));
}

/** A file or place this product cannot send, as a link the client can open. */
function linkOf(a: Attachment): string | undefined {
  if (a.url && /^https?:\/\//i.test(a.url)) return a.url;
  if (a.latitude !== undefined && a.longitude !== undefined) {
    const where = [a.title, a.address].filter(Boolean).join(", ");
    const map = `https://maps.google.com/?q=${a.latitude},${a.longitude}`;
    return where ? `${where}: ${map}` : map;
  }
  return undefined;
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

const Sent = z.looseObject({ message_id: z.string().min(1) });

/** How the Messenger Platform answers a send, for Messenger or Instagram. */
export function messagingRules(profile: MessagingProfile): SendRules {
  return {
    platform: profile.platform,
    idOf(body) {
      const sent = Sent.safeParse(body);
      return sent.success ? sent.data.message_id : undefined;
    },
    classify: (reply) => classifyMessagingError(reply, profile.platform),
  };
}

/** Maps a Messenger Platform error to what the sender should do next; undefined for shared rules. */
export function classifyMessagingError(
  reply: GraphReply & { error: NonNullable<GraphReply["error"]> },
  platform: string,
): SendOutcome | undefined {
  const { error } = reply;
  const reason = describeGraphError(error);
  const code = error.code;
  const sub = error.error_subcode;
  // 551 / 1545041: the person blocked the page, left, or cannot get messages from it.
  if (code === 551 || sub === 1545041) return { ok: false, reason, clientBlocked: true };
  // 2018278 (Messenger) and 2534022 (Instagram): outside the window for replies.
  if (code === 10 && (sub === 2018278 || sub === 2534022)) {
    return {
      ok: false,
      reason: `${platform} accepts replies only within 24 hours of the client's last message ` +
        `(7 days for a person's reply with the HUMAN_AGENT tag): ${reason}`,
    };
  }
  // 1200: "Temporary send message failure. Please try again later."
  if (code === 1200) return { ok: false, retryAfterMs: RETRY_LATER_MS, reason };
  // 80006 (Messenger) and 80002 (Instagram): too many messages to this person or account.
  if (code === 80006 || code === 80002) {
    return { ok: false, retryAfterMs: reply.retryAfterMs ?? 60_000, reason };
  }
  return undefined;
}
