import { z } from "zod";
import {
  Attachment,
  type Channel,
  type ChannelType,
  type Client,
  type Message,
} from "../kv/records.ts";

/** Who wrote in, as the messenger describes them. */
export const Profile = z.object({
  platformId: z.string().min(1),
  chatId: z.string().min(1),
  name: z.string(),
  username: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  languageCode: z.string().optional(),
  avatarUrl: z.string().optional(),
  /**
   * The webhook carried no name (Messenger, Instagram, VK): `name` is a stand-in, and the
   * connector's `profile` is asked for the real one once the client exists.
   */
  provisional: z.boolean().optional(),
});
export type Profile = z.infer<typeof Profile>;

/** What a messenger's profile lookup found out about a client. */
export interface ProfileDetails {
  name?: string;
  username?: string;
  avatarUrl?: string;
}

const base = {
  /** The messenger's id of this delivery (Telegram `update_id`, …): duplicates share it. */
  updateKey: z.string().min(1),
  profile: Profile,
  /** When the messenger says it happened (ISO). */
  at: z.iso.datetime(),
};

/** A normalised inbound event: what every connector turns a webhook into. */
export const Inbound = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("message"),
    ...base,
    externalId: z.string(),
    text: z.string(),
    attachments: z.array(Attachment),
    /** E-mail: the subject, and the Message-IDs this mail answers (its References). */
    subject: z.string().optional(),
    references: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal("edited"),
    ...base,
    externalId: z.string(),
    text: z.string(),
    attachments: z.array(Attachment),
  }),
  z.object({
    kind: z.literal("button"),
    ...base,
    /** The button's payload (Telegram `callback_data`). */
    data: z.string(),
    /** The text of the message the button was under, if known. */
    label: z.string().optional(),
  }),
  /** The client blocked or unsubscribed from the bot (blocked: true), or came back (false). */
  z.object({ kind: z.literal("botBlocked"), ...base, blocked: z.boolean() }),
  /** What became of a message we sent: the messenger's receipt. */
  z.object({
    kind: z.literal("status"),
    ...base,
    /** The messenger's id of our message (what `send` returned as `externalId`). */
    externalId: z.string(),
    status: z.enum(["sent", "delivered", "read", "failed"]),
    /** For "failed": the messenger's reason. */
    reason: z.string().optional(),
  }),
  /**
   * Every message of ours up to a point was delivered or read: up to a time `upTo` (Messenger's
   * `watermark`), or up to the messenger's message id `upToId`, for messengers whose ids grow
   * (VK's `read_message_id`).
   */
  z.object({
    kind: z.literal("receiptsUpTo"),
    ...base,
    status: z.enum(["delivered", "read"]),
    upTo: z.iso.datetime().optional(),
    upToId: z.string().regex(/^\d{1,20}$/).optional(),
  }).refine((e) => (e.upTo === undefined) !== (e.upToId === undefined), {
    message: "A receipt covers messages up to a time or up to an id, one of the two.",
  }),
  /** The client took back (unsent) one of their messages. */
  z.object({ kind: z.literal("unsent"), ...base, externalId: z.string() }),
  /** The client reacted to a message with an emoji ("" takes a reaction back). */
  z.object({ kind: z.literal("reaction"), ...base, externalId: z.string(), emoji: z.string() }),
]);
export type Inbound = z.infer<typeof Inbound>;

/** What became of one attempt to send a message to the messenger. */
export type SendOutcome =
  | { ok: true; externalId: string }
  | { ok: false; retryAfterMs: number; reason: string }
  | { ok: false; reason: string; clientBlocked?: boolean };

/** The messenger API base URLs, from configuration. */
export interface ApiBases {
  telegram: string;
  metaGraph: string;
  vk: string;
  viber: string;
}

export interface ConnectInput {
  /** The `config` object from `POST /api/channels`, not yet validated. */
  config: unknown;
  /** Where the messenger must send webhooks for this channel. */
  webhookUrl: string;
  /** A fresh random secret the messenger should present on every webhook. */
  secret: string;
  api: ApiBases;
  /**
   * Stores settings learnt part-way through connecting (VK's confirmation code), for webhook
   * calls the messenger makes before `connect` returns.
   */
  saveConfig?(config: Record<string, unknown>): Promise<void>;
}

/** One messenger, behind the same small interface as every other. */
export interface Connector {
  type: ChannelType;
  /** Validates the credentials with the messenger and registers the webhook. Throws BadInput. */
  connect(
    input: ConnectInput,
  ): Promise<{ config: Record<string, unknown>; info: Record<string, unknown> }>;
  /** True when the request really comes from the messenger. */
  verify(
    request: { headers: Headers; rawBody: Uint8Array },
    channel: Channel,
  ): boolean | Promise<boolean>;
  /**
   * Turns the body into inbound events; unknown kinds give []. The body is parsed JSON, or for a
   * form post (`application/x-www-form-urlencoded`, `multipart/form-data`) an object of its fields
   * (files as `File`); `rawBody` is the exact bytes (for numbers JSON would round). Throws
   * BadInput for a body that is not what the messenger sends.
   */
  parse(body: unknown, channel: Channel, rawBody?: Uint8Array): Inbound[];
  /**
   * How to answer a webhook once it is stored: JSON (default `{ok: true}`) or plain text (VK's
   * "ok", or its confirmation code).
   */
  answer?(body: unknown, channel: Channel): { json: unknown } | { text: string };
  /**
   * A GET to the webhook URL: the messenger checking it is ours (Meta's `hub.challenge`).
   * Returns the text to answer with, or null to refuse (403).
   */
  handshake?(url: URL, channel: Channel): string | null;
  /** Fetches the bytes of an inbound file, so the browser never needs the messenger's token. */
  media?(channel: Channel, attachment: Attachment, api: ApiBases): Promise<Response>;
  /**
   * Looks up a client's name and picture, for messengers whose webhooks carry only an id.
   * Resolves null when the messenger will not say (no permission, unknown id); never throws for
   * messenger errors.
   */
  profile?(channel: Channel, platformId: string, api: ApiBases): Promise<ProfileDetails | null>;
  /**
   * The channel is being deleted: tell the messenger to stop sending webhooks (Telegram's
   * `deleteWebhook`, Viber's empty `set_webhook`, VK's `groups.deleteCallbackServer`). Never
   * throws; `ok: false` says why the messenger could not be told.
   */
  disconnect?(
    channel: Channel,
    api: ApiBases,
  ): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Sends an outgoing message to the client. Never throws for messenger errors. */
  send(channel: Channel, client: Client, message: Message, api: ApiBases): Promise<SendOutcome>;
}
