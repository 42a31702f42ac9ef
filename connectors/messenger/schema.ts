import { z } from "zod";

// Messenger and Instagram Direct share these shapes (Instagram through the Messenger Platform).
// Loose objects throughout: Meta adds fields (nlp, reply_to, referral, …) all the time.

/** An optional field that some captures spell as `null`; both read as `undefined`. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** Page-scoped ids are strings; old captures and some bridges send numbers. */
const Id = z.union([z.string().min(1), z.number()]).transform(String);

/** Epoch milliseconds, as a number or a numeric string. */
const Millis = z.union([z.number(), z.string()]);

/** Booleans, which old captures spell as strings. */
const Flag = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true");

/** A file, place, sticker, shared link or story that came with a message. */
export const MpAttachment = z.looseObject({
  type: opt(z.string()),
  title: opt(z.string()),
  url: opt(z.string()),
  payload: opt(z.looseObject({
    url: opt(z.string()),
    title: opt(z.string()),
    sticker_id: opt(Id),
    coordinates: opt(z.looseObject({ lat: z.number(), long: z.number() })),
  })),
});
export type MpAttachment = z.infer<typeof MpAttachment>;

/** A message the client sent (or, with `is_echo`, one the page sent). */
export const MpMessage = z.looseObject({
  mid: opt(z.string()),
  text: opt(z.string()),
  is_echo: opt(Flag),
  is_deleted: opt(Flag),
  is_unsupported: opt(Flag),
  attachments: opt(z.array(MpAttachment)),
  quick_reply: opt(z.looseObject({ payload: opt(z.string()) })),
  reply_to: opt(z.looseObject({
    mid: opt(z.string()),
    story: opt(z.looseObject({ url: opt(z.string()), id: opt(Id) })),
  })),
});
export type MpMessage = z.infer<typeof MpMessage>;

/** A press on a postback button, Get Started, a menu item or an Instagram icebreaker. */
export const MpPostback = z.looseObject({
  mid: opt(z.string()),
  title: opt(z.string()),
  payload: opt(z.string()),
});

/** A delivery or read receipt: by message ids where given, else only a watermark time. */
export const MpReceipt = z.looseObject({
  mid: opt(z.string()),
  mids: opt(z.array(z.string())),
  watermark: opt(Millis),
});
export type MpReceipt = z.infer<typeof MpReceipt>;

/** A reaction put on (or taken off) a message. */
export const MpReaction = z.looseObject({
  mid: z.string().min(1),
  action: opt(z.string()),
  emoji: opt(z.string()),
  reaction: opt(z.string()),
});

/** The client edited a message they sent. */
export const MpEdit = z.looseObject({
  mid: z.string().min(1),
  text: opt(z.string()),
  num_edit: opt(z.number()),
});

/** One item of `messaging[]`. */
export const MpEvent = z.looseObject({
  sender: opt(z.looseObject({ id: Id })),
  recipient: opt(z.looseObject({ id: Id })),
  timestamp: opt(Millis),
  message: opt(MpMessage),
  postback: opt(MpPostback),
  delivery: opt(MpReceipt),
  read: opt(MpReceipt),
  reaction: opt(MpReaction),
  message_edit: opt(MpEdit),
});
export type MpEvent = z.infer<typeof MpEvent>;

/** A webhook body: entries per page (or Instagram account), each with its events. */
export const MpWebhook = z.looseObject({
  object: opt(z.string()),
  entry: z.array(z.looseObject({
    id: opt(Id),
    time: opt(Millis),
    messaging: opt(z.array(z.unknown())),
  })),
});
