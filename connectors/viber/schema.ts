import { z } from "zod";

// Loose objects throughout: Viber adds fields over time (chat_hostname, api_version, …), and
// neither those nor fields of old captures may make a callback fail.

/** An optional field that some captures spell as `null`; both read as `undefined`. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/**
 * A `message_token`: a 64-bit number that JSON.parse rounds past 2^53, so where exactness
 * matters it is read from the raw text (see `exactToken`); a string in some bridges.
 */
export const VbToken = z.union([z.number(), z.string().regex(/^\d+$/)]);

/** Epoch milliseconds; some captures are garbled (far past year 9999), so any number passes. */
const Millis = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** A Viber user: the sender of a message, or who subscribed. */
export const VbUser = z.looseObject({
  id: z.string().min(1),
  name: opt(z.string()),
  avatar: opt(z.string()),
  language: opt(z.string()),
  country: opt(z.string()),
  api_version: opt(z.number()),
});
export type VbUser = z.infer<typeof VbUser>;

/** What a user sent: `type` says which of the other fields are set. */
export const VbMessage = z.looseObject({
  type: z.string(),
  text: opt(z.string()),
  media: opt(z.string()),
  thumbnail: opt(z.string()),
  file_name: opt(z.string()),
  file_size: opt(z.coerce.number()),
  duration: opt(z.coerce.number()),
  sticker_id: opt(z.union([z.number(), z.string()])),
  location: opt(z.looseObject({
    lat: z.coerce.number(),
    lon: z.coerce.number(),
    address: opt(z.string()),
  })),
  contact: opt(z.looseObject({ name: opt(z.string()), phone_number: opt(z.string()) })),
  tracking_data: opt(z.string()),
});
export type VbMessage = z.infer<typeof VbMessage>;

/** What every callback has: the event's name, and usually a time and a token. */
export const VbCallback = z.looseObject({
  event: z.string().min(1),
  timestamp: opt(Millis),
  message_token: opt(VbToken),
});
export type VbCallback = z.infer<typeof VbCallback>;

/** `message`: a user wrote to the bot. */
export const VbMessageEvent = z.looseObject({ sender: VbUser, message: VbMessage });

/** `subscribed`: a user subscribed (or came back). */
export const VbSubscribed = z.looseObject({ user: VbUser });

/** `unsubscribed`, `delivered`, `seen`, `failed`: about a user known only by id. */
export const VbAboutUser = z.looseObject({ user_id: z.string().min(1), desc: opt(z.string()) });
