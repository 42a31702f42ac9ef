import { z } from "zod";

// Everything is a loose object: Telegram adds fields every Bot API release and old captures
// carry fields that no longer exist, and neither may make a webhook fail.

/** An optional field. Some captures spell absent fields as `null`: `withoutNulls` drops them first. */
const opt = <T extends z.ZodType>(schema: T) => schema.optional();

/**
 * A copy of a JSON value with every `null` object field left out, so that `opt` fields read
 * them as absent. (A schema-side `nullish().transform()` does the same at several times the cost.)
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== null) out[key] = withoutNulls(v);
  }
  return out;
}

/** Telegram ids need up to 52 bits: past 2^32, but still safe JS integers. */
const TgId = z.number().int();

/** Unix time in seconds. */
const UnixTime = z.number().int().nonnegative();

/** Old captures (and some bridges) spell booleans as strings or 0/1. */
const Flag = z.union([z.boolean(), z.number(), z.string()]).transform((v) =>
  v === true || v === 1 || (typeof v === "string" && /^(true|1|yes)$/i.test(v.trim()))
);

/** A Telegram user; updates from before 2017 have no `is_bot`. */
export const TgUser = z.looseObject({
  id: TgId,
  is_bot: opt(Flag),
  first_name: opt(z.string()),
  last_name: opt(z.string()),
  username: opt(z.string()),
  language_code: opt(z.string()),
});
export type TgUser = z.infer<typeof TgUser>;

/** A chat; very old captures have no `type`, and those were always private chats. */
export const TgChat = z.looseObject({
  id: TgId,
  type: opt(z.string()),
  title: opt(z.string()),
  username: opt(z.string()),
  first_name: opt(z.string()),
  last_name: opt(z.string()),
});
export type TgChat = z.infer<typeof TgChat>;

const TgFile = {
  file_id: z.string(),
  file_unique_id: opt(z.string()),
  file_size: opt(z.number()),
};

/** One size of a photo; a message carries several, smallest first. */
export const TgPhotoSize = z.looseObject({
  ...TgFile,
  width: opt(z.number()),
  height: opt(z.number()),
});
export type TgPhotoSize = z.infer<typeof TgPhotoSize>;

/** A document, or any file sent "as a file". */
export const TgDocument = z.looseObject({
  ...TgFile,
  file_name: opt(z.string()),
  mime_type: opt(z.string()),
});

/** Voice, audio, video, video note and animation: a file that plays for a while. */
export const TgMedia = z.looseObject({
  ...TgFile,
  duration: opt(z.number()),
  mime_type: opt(z.string()),
  file_name: opt(z.string()),
  width: opt(z.number()),
  height: opt(z.number()),
  /** A video note is a square; its side is called `length`. */
  length: opt(z.number()),
});

/** A sticker; its emoji says what it means. */
export const TgSticker = z.looseObject({
  ...TgFile,
  emoji: opt(z.string()),
  width: opt(z.number()),
  height: opt(z.number()),
});

/** A point on the map. */
export const TgLocation = z.looseObject({ latitude: z.number(), longitude: z.number() });

/** A named place; Telegram also sends its point as the message's `location`. */
export const TgVenue = z.looseObject({
  location: TgLocation,
  title: opt(z.string()),
  address: opt(z.string()),
});

/** A shared phone contact; `user_id` is set when it belongs to a Telegram user. */
export const TgContact = z.looseObject({
  phone_number: z.string(),
  first_name: opt(z.string()),
  last_name: opt(z.string()),
  user_id: opt(TgId),
});

/** An animated dice (or dart, ball, …) roll. */
export const TgDice = z.looseObject({ emoji: opt(z.string()), value: opt(z.number()) });

/** A message, with the parts of it we store. */
export const TgMessage = z.looseObject({
  message_id: TgId,
  from: opt(TgUser),
  chat: TgChat,
  date: UnixTime,
  edit_date: opt(UnixTime),
  text: opt(z.string()),
  caption: opt(z.string()),
  photo: opt(z.array(TgPhotoSize)),
  document: opt(TgDocument),
  voice: opt(TgMedia),
  audio: opt(TgMedia),
  video: opt(TgMedia),
  video_note: opt(TgMedia),
  animation: opt(TgMedia),
  sticker: opt(TgSticker),
  location: opt(TgLocation),
  venue: opt(TgVenue),
  contact: opt(TgContact),
  dice: opt(TgDice),
});
export type TgMessage = z.infer<typeof TgMessage>;

/** A press on an inline keyboard button; `message` is absent for inline-mode messages. */
export const TgCallbackQuery = z.looseObject({
  id: z.string(),
  from: TgUser,
  message: opt(TgMessage),
  inline_message_id: opt(z.string()),
  data: opt(z.string()),
  game_short_name: opt(z.string()),
});
export type TgCallbackQuery = z.infer<typeof TgCallbackQuery>;

/** Someone's membership in a chat. */
export const TgChatMember = z.looseObject({ status: z.string(), user: opt(TgUser) });

/** The bot's own membership in a chat changed (in private chats: blocked or unblocked). */
export const TgChatMemberUpdated = z.looseObject({
  chat: TgChat,
  from: TgUser,
  date: opt(UnixTime),
  old_chat_member: opt(TgChatMember),
  new_chat_member: TgChatMember,
});
export type TgChatMemberUpdated = z.infer<typeof TgChatMemberUpdated>;

/**
 * An incoming update. Only the kinds we handle are described; any other kind
 * (`channel_post`, `poll`, `inline_query`, …) passes through untouched.
 */
export const TgUpdate = z.looseObject({
  update_id: TgId,
  message: opt(TgMessage),
  edited_message: opt(TgMessage),
  callback_query: opt(TgCallbackQuery),
  my_chat_member: opt(TgChatMemberUpdated),
});
export type TgUpdate = z.infer<typeof TgUpdate>;
