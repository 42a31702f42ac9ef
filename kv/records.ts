import { z } from "zod";

/** A file, place or card that came with (or goes with) a message. */
export const Attachment = z.object({
  type: z.enum([
    "photo",
    "video",
    "animation",
    "video_note",
    "audio",
    "voice",
    "document",
    "sticker",
    "location",
    "venue",
    "contact",
    "dice",
  ]),
  fileId: z.string().optional(),
  /** Where the file can be fetched: the messenger's URL (inbound) or ours (outbound). */
  url: z.string().optional(),
  /**
   * The file's bytes (base64) when they arrive inside the webhook itself (e-mail). Only between a
   * connector and the webhook route, which stores them and leaves a `blob:` fileId instead.
   */
  data: z.string().optional(),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  duration: z.number().optional(),
  emoji: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  title: z.string().optional(),
  address: z.string().optional(),
  phone: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  value: z.number().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const ChannelType = z.enum([
  "telegram",
  "whatsapp",
  "messenger",
  "instagram",
  "vk",
  "viber",
  "email",
  "widget",
]);
export type ChannelType = z.infer<typeof ChannelType>;

export const Author = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("client") }),
  z.object({ kind: z.literal("employee"), id: z.string(), name: z.string() }),
  z.object({ kind: z.literal("bot") }),
  z.object({ kind: z.literal("system") }),
]);
export type Author = z.infer<typeof Author>;

export const MessageStatus = z.enum(["scheduled", "queued", "sent", "delivered", "read", "failed"]);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** What a system notice in the chat stands for. */
export const NoticeKind = z.enum([
  "button",
  "bot_blocked",
  "bot_unblocked",
  "edited",
  "bot_paused",
  "bot_resumed",
  "moved",
]);

/** A button under a bot message; `data` comes back when the client presses it. */
export const Button = z.object({ text: z.string(), data: z.string() });
export type Button = z.infer<typeof Button>;

export const Message = z.object({
  id: z.string(),
  clientId: z.string(),
  /** The dialog sequence number of the event that created it; orders the chat. */
  seq: z.number().int(),
  direction: z.enum(["in", "out", "system"]),
  author: Author,
  text: z.string(),
  attachments: z.array(Attachment),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().optional(),
  status: MessageStatus.optional(),
  /** When the messenger accepted it. */
  sentAt: z.iso.datetime().optional(),
  /** Why a send failed, in the messenger's words. */
  error: z.string().optional(),
  /** The messenger's own id of this message, once known. */
  externalId: z.string().optional(),
  notice: z.object({ kind: NoticeKind, data: z.string().optional() }).optional(),
  attempts: z.number().int().optional(),
  /** A delivery in flight holds this lease (epoch ms) so no second sender starts. */
  leaseUntil: z.number().optional(),
  /** When a scheduled message is to be sent. */
  sendAt: z.iso.datetime().optional(),
  /** Bumped by every reschedule, so a timer set for an older time does nothing. */
  timerVersion: z.number().int().optional(),
  /** The bot-flow block this message comes from. */
  blockNumber: z.number().int().optional(),
  buttons: z.array(Button).optional(),
  /** E-mail subject (inbound mail, or what our mail goes out with). */
  subject: z.string().optional(),
  /** E-mail threading: the Message-ID we answer, and the thread's earlier Message-IDs. */
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  /** Sent through another channel than the client's own (G10), to this address there. */
  via: z.object({ channelId: z.string(), to: z.string() }).optional(),
  /** The client took the message back in their messenger. */
  unsentAt: z.iso.datetime().optional(),
  /** The client's emoji reaction to this message. */
  reaction: z.string().optional(),
});
export type Message = z.infer<typeof Message>;

/** The client record is the dialog actor's state. */
export const Client = z.object({
  id: z.string(),
  channelId: z.string(),
  channelType: ChannelType,
  /** The client's id in the messenger (`platform_id`). */
  platformId: z.string(),
  /** Where replies go in the messenger (a Telegram chat id, …). */
  chatId: z.string(),
  name: z.string(),
  username: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  avatarUrl: z.string().optional(),
  languageCode: z.string().optional(),
  /** The name is a stand-in ("Messenger user 123") until the messenger's profile lookup answers. */
  nameProvisional: z.boolean().optional(),
  /** The e-mail thread so far: its subject and Message-IDs, newest last (e-mail channels). */
  thread: z.object({ subject: z.string(), messageIds: z.array(z.string()) }).optional(),
  createdAt: z.iso.datetime(),
  lastActivityAt: z.iso.datetime(),
  preview: z.object({
    text: z.string(),
    direction: z.enum(["in", "out", "system"]),
    /** Who wrote it (absent in records stored before it was kept). */
    author: z.enum(["client", "employee", "bot", "system"]).optional(),
    at: z.iso.datetime(),
  }).optional(),
  unread: z.number().int(),
  pinned: z.boolean(),
  /** The client blocked the bot in the messenger. */
  botBlocked: z.boolean(),
  /** Last dialog sequence number used. */
  seq: z.number().int(),
  /** The bot does not answer this client until then (epoch ms). */
  botPausedUntil: z.number().optional(),
  /** Bumped by every pause and resume, so an old resume timer does nothing. */
  pauseVersion: z.number().int().optional(),
  /** The bot flow the client goes through, and the block they are at. */
  flowId: z.string().optional(),
  position: z.number().int().optional(),
  /** How many of the client's messages wait for their send time. */
  scheduled: z.number().int().optional(),
});
export type Client = z.infer<typeof Client>;

export const EventType = z.enum([
  "message.created",
  "message.updated",
  "client.created",
  "client.updated",
  "client.deleted",
  "message.deleted",
]);
export type EventType = z.infer<typeof EventType>;

/** A change to a dialog, as written to the event log and streamed over SSE. */
export const DialogEvent = z.object({
  type: EventType,
  clientId: z.string(),
  seq: z.number().int(),
  at: z.iso.datetime(),
  message: Message.optional(),
  client: Client.optional(),
});
export type DialogEvent = z.infer<typeof DialogEvent>;

export const Channel = z.object({
  id: z.string(),
  type: ChannelType,
  name: z.string(),
  /** Credentials and settings; never sent to the browser as is. */
  config: z.record(z.string(), z.unknown()),
  /** Shared secret the messenger echoes on every webhook call. */
  webhookSecret: z.string(),
  /** What the messenger says about the bot (username, …). */
  info: z.record(z.string(), z.unknown()),
  /** The bot flow new clients of this channel enter ("Linked to a bot"). */
  flowId: z.string().optional(),
  createdAt: z.iso.datetime(),
});
export type Channel = z.infer<typeof Channel>;

export const Role = z.enum(["owner", "admin", "operator"]);
export type Role = z.infer<typeof Role>;

export const Employee = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  passwordHash: z.string(),
  createdAt: z.iso.datetime(),
});
export type Employee = z.infer<typeof Employee>;

/** One numbered step of a bot flow. */
export const FlowBlock = z.object({
  number: z.number().int().min(1),
  name: z.string().max(200).default(""),
  description: z.string().max(2000).default(""),
  text: z.string().max(4096),
  buttons: z.array(z.object({
    text: z.string().min(1).max(64),
    /** The block a press leads to. */
    next: z.number().int().min(1).optional(),
  })).max(12).default([]),
  /** Wait this long before sending the block. */
  delaySec: z.number().int().min(0).max(365 * 24 * 3600).default(0),
  /** Where the flow goes after this block (at once, or after the client answers). */
  next: z.number().int().min(1).optional(),
  /** After sending, wait for the client to write before going on to `next`. */
  waitForReply: z.boolean().default(false),
  /** Words or phrases that bring a client here from anywhere in the flow. */
  keywords: z.array(z.string().min(1).max(100)).max(50).default([]),
  colour: z.string().max(20).default("grey"),
  type: z.enum(["message", "question", "delay", "end"]).default("message"),
});
export type FlowBlock = z.infer<typeof FlowBlock>;

export const BotFlow = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  startBlock: z.number().int().min(1),
  blocks: z.array(FlowBlock).max(500),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type BotFlow = z.infer<typeof BotFlow>;
