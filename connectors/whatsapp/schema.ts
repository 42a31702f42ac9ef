import { z } from "zod";

// Loose objects throughout: Meta adds fields every Graph API version (user_id, parent_user_id,
// pricing, …) and none of them may make a webhook fail.

/** An optional field that some captures spell as `null`; both read as `undefined`. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** Ids and Unix times: WhatsApp sends them as strings, some bridges as numbers. */
const Text = z.union([z.string(), z.number()]).transform(String);

/** Coordinates arrive as numbers, from some bridges as strings. */
const Coordinate = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** Booleans, which old captures spell as strings. */
const Flag = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true");

/** The client, as the `contacts[]` beside the messages describe them. */
export const WaContact = z.looseObject({
  wa_id: opt(Text),
  user_id: opt(z.string()),
  profile: opt(z.looseObject({ name: opt(z.string()) })),
});
export type WaContact = z.infer<typeof WaContact>;

/** Image, audio, video, document or sticker: a media id to fetch, and what it is. */
export const WaMedia = z.looseObject({
  id: opt(Text),
  mime_type: opt(z.string()),
  caption: opt(z.string()),
  filename: opt(z.string()),
  /** An audio recorded in the chat (a voice note) rather than a file. */
  voice: opt(Flag),
  animated: opt(Flag),
  url: opt(z.string()),
});
export type WaMedia = z.infer<typeof WaMedia>;

/** A place the client shared. */
export const WaLocation = z.looseObject({
  latitude: Coordinate,
  longitude: Coordinate,
  name: opt(z.string()),
  address: opt(z.string()),
});

/** A contact card the client shared. */
export const WaSharedContact = z.looseObject({
  name: opt(z.looseObject({
    formatted_name: opt(z.string()),
    first_name: opt(z.string()),
    last_name: opt(z.string()),
  })),
  phones: opt(z.array(z.looseObject({ phone: opt(z.string()), wa_id: opt(Text) }))),
});
export type WaSharedContact = z.infer<typeof WaSharedContact>;

const Reply = z.looseObject({ id: Text, title: opt(z.string()) });

/** A press on a reply button or a pick from a list we sent. */
export const WaInteractive = z.looseObject({
  type: opt(z.string()),
  button_reply: opt(Reply),
  list_reply: opt(Reply),
});

/** An error WhatsApp attaches to a message it could not show, or to a failed status. */
export const WaError = z.looseObject({
  code: opt(z.number()),
  title: opt(z.string()),
  message: opt(z.string()),
  error_data: opt(z.looseObject({ details: opt(z.string()) })),
});
export type WaError = z.infer<typeof WaError>;

/** A message from the client. */
export const WaMessage = z.looseObject({
  from: Text,
  id: z.string().min(1),
  timestamp: opt(Text),
  type: opt(z.string()),
  text: opt(z.looseObject({ body: opt(z.string()) })),
  image: opt(WaMedia),
  audio: opt(WaMedia),
  video: opt(WaMedia),
  document: opt(WaMedia),
  sticker: opt(WaMedia),
  location: opt(WaLocation),
  contacts: opt(z.array(WaSharedContact)),
  interactive: opt(WaInteractive),
  /** A press on a quick-reply button of a template message. */
  button: opt(z.looseObject({ payload: opt(z.string()), text: opt(z.string()) })),
  reaction: opt(z.looseObject({ message_id: z.string(), emoji: opt(z.string()) })),
  errors: opt(z.array(WaError)),
});
export type WaMessage = z.infer<typeof WaMessage>;

/** What became of a message we sent. */
export const WaStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: opt(Text),
  recipient_id: opt(Text),
  errors: opt(z.array(WaError)),
});
export type WaStatus = z.infer<typeof WaStatus>;

/** The `value` of one change: messages and statuses share it, each item parsed on its own. */
export const WaValue = z.looseObject({
  metadata: opt(z.looseObject({ phone_number_id: opt(Text) })),
  contacts: opt(z.array(z.unknown())),
  messages: opt(z.array(z.unknown())),
  statuses: opt(z.array(z.unknown())),
});

/** A webhook body: one or more business accounts, each with one or more changes. */
export const WaWebhook = z.looseObject({
  object: opt(z.string()),
  entry: z.array(z.looseObject({
    id: opt(Text),
    changes: opt(z.array(z.looseObject({ field: opt(z.string()), value: opt(z.unknown()) }))),
  })),
});
