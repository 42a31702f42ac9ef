import { z } from "zod";

// Loose objects throughout: VK adds fields with every API version, and old captures carry
// fields that no longer exist; neither may make a webhook fail.

/** An optional field that some captures spell as `null`; both read as `undefined`. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** A VK id: a number, or a numeric string in some bridges and old captures. */
const VkId = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

/** A picture in one of its sizes. */
export const VkSize = z.looseObject({
  type: opt(z.string()),
  url: opt(z.string()),
  src: opt(z.string()),
  width: opt(z.number()),
  height: opt(z.number()),
});
export type VkSize = z.infer<typeof VkSize>;

/** A photo: `sizes` since 5.77, `photo_75`…`photo_2560` before, `orig_photo` since 5.199. */
export const VkPhoto = z.looseObject({
  id: opt(VkId),
  owner_id: opt(VkId),
  access_key: opt(z.string()),
  text: opt(z.string()),
  sizes: opt(z.array(VkSize)),
  orig_photo: opt(VkSize),
});
export type VkPhoto = z.infer<typeof VkPhoto>;

/** The fields every attached object may have. */
const Owned = {
  id: opt(VkId),
  owner_id: opt(VkId),
  access_key: opt(z.string()),
};

/** One attachment: `type` names the field that holds the object. */
export const VkAttachment = z.looseObject({
  type: z.string(),
  photo: opt(VkPhoto),
  audio_message: opt(z.looseObject({
    ...Owned,
    duration: opt(z.number()),
    link_ogg: opt(z.string()),
    link_mp3: opt(z.string()),
  })),
  doc: opt(z.looseObject({
    ...Owned,
    title: opt(z.string()),
    ext: opt(z.string()),
    size: opt(z.number()),
    url: opt(z.string()),
  })),
  sticker: opt(z.looseObject({
    sticker_id: opt(VkId),
    product_id: opt(VkId),
    images: opt(z.array(VkSize)),
    images_with_background: opt(z.array(VkSize)),
  })),
  graffiti: opt(z.looseObject({
    ...Owned,
    url: opt(z.string()),
    width: opt(z.number()),
    height: opt(z.number()),
  })),
  video: opt(z.looseObject({
    ...Owned,
    title: opt(z.string()),
    duration: opt(z.number()),
    player: opt(z.string()),
  })),
  audio: opt(z.looseObject({
    ...Owned,
    artist: opt(z.string()),
    title: opt(z.string()),
    duration: opt(z.number()),
    url: opt(z.string()),
  })),
  wall: opt(z.looseObject({
    id: opt(VkId),
    owner_id: opt(VkId),
    from_id: opt(VkId),
    to_id: opt(VkId),
  })),
  link: opt(z.looseObject({ url: opt(z.string()), title: opt(z.string()) })),
});
export type VkAttachment = z.infer<typeof VkAttachment>;

/** A shared place; `coordinates` is an object since 5.x, a "lat lon" string before. */
export const VkGeo = z.looseObject({
  coordinates: opt(z.union([
    z.looseObject({ latitude: z.coerce.number(), longitude: z.coerce.number() }),
    z.string(),
  ])),
  place: opt(z.looseObject({ title: opt(z.string()), address: opt(z.string()) })),
});
export type VkGeo = z.infer<typeof VkGeo>;

/**
 * A private or group-chat message. Before 5.80 the sender was `user_id` and the text `body`;
 * group-chat messages have `id: 0` and are told apart by `conversation_message_id`.
 */
export const VkMessage = z.looseObject({
  id: opt(VkId),
  date: opt(z.coerce.number()),
  update_time: opt(z.coerce.number()),
  from_id: opt(VkId),
  user_id: opt(VkId),
  peer_id: opt(VkId),
  out: opt(z.union([z.number(), z.boolean()])),
  text: opt(z.string()),
  body: opt(z.string()),
  conversation_message_id: opt(VkId),
  payload: opt(z.union([z.string(), z.record(z.string(), z.unknown())])),
  attachments: opt(z.array(z.unknown())),
  geo: opt(VkGeo),
});
export type VkMessage = z.infer<typeof VkMessage>;

/** A press on a callback button (`message_event`). */
export const VkMessageEvent = z.looseObject({
  user_id: VkId,
  peer_id: opt(VkId),
  event_id: opt(z.string()),
  payload: opt(z.unknown()),
  conversation_message_id: opt(VkId),
});

/** The client read our messages up to `read_message_id` (`message_read`). */
export const VkRead = z.looseObject({
  from_id: opt(VkId),
  peer_id: VkId,
  read_message_id: VkId,
});

/** The client allowed (`message_allow`) or denied (`message_deny`) messages from the community. */
export const VkPermission = z.looseObject({ user_id: VkId });

/** A Callback API request: `type` says what `object` is. */
export const VkCallback = z.looseObject({
  type: z.string().min(1),
  object: opt(z.unknown()),
  group_id: opt(VkId),
  secret: opt(z.string()),
  event_id: opt(z.string()),
  v: opt(z.string()),
});
export type VkCallback = z.infer<typeof VkCallback>;
