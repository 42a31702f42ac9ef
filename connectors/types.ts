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
  languageCode: z.string().optional(),
  avatarUrl: z.string().optional(),
});
export type Profile = z.infer<typeof Profile>;

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
  z.object({ kind: z.literal("botBlocked"), ...base, blocked: z.boolean() }),
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
  /** Turns a parsed JSON body into inbound events; unknown kinds give []. Throws BadInput. */
  parse(body: unknown, channel: Channel): Inbound[];
  /** The body to answer a stored webhook with, when the messenger takes one (default `{ok: true}`). */
  answer?(body: unknown): unknown;
  /** Sends an outgoing message to the client. Never throws for messenger errors. */
  send(channel: Channel, client: Client, message: Message, api: ApiBases): Promise<SendOutcome>;
}
