import { sampleClient, sampleOutgoing } from "../records.ts";
import assert from "node:assert/strict";
import { type ApiBases, Inbound } from "../../../connectors/types.ts";
import { parseViberEvent } from "../../../connectors/viber/parse.ts";
import type { Channel, Client, Message } from "../../../kv/records.ts";

/** The clock parseViberEvent is given in these tests. */
export const NOW = new Date("2025-03-01T12:00:00.000Z");

/** The signature test vector from Viber's own SDK tests. */
export const VECTOR = {
  token: "44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3",
  body: '{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}',
  signature: "d21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef",
};

export const TOKEN = "4a6f1e2d9c8b7a65-3e2f1d0c9b8a7f6e-5d4c3b2a19087f6e";

/** Parses raw text the way the connector does, and checks every item against Inbound. */
export function parseRaw(raw: string): Inbound[] {
  const body = JSON.parse(raw);
  const token = raw.match(/"message_token"\s*:\s*(\d+)/)?.[1];
  const items = parseViberEvent(body, { messageToken: token, now: NOW });
  for (const item of items) assert.deepEqual(Inbound.parse(item), item);
  return items;
}

/** A user message as Viber sends it (token past 2^53, written as a bare number). */
export function messageRaw(message: Record<string, unknown>, token = "5466358343372472277") {
  return `{"event":"message","timestamp":1740830400000,"chat_hostname":"SN-CHAT-05_",` +
    `"message_token":${token},"sender":{"id":"3SQNc4FPUQmysaM/AQEhXg==","name":"Georgy Buranov",` +
    `"avatar":"https://media-direct.cdn.viber.com/download_photo?dlid=x","language":"en-CA",` +
    `"country":"DE","api_version":10},"message":${JSON.stringify(message)},"silent":false}`;
}

/** The profile of the sender in `messageRaw`. */
export const profile = {
  platformId: "3SQNc4FPUQmysaM/AQEhXg==",
  chatId: "3SQNc4FPUQmysaM/AQEhXg==",
  name: "Georgy Buranov",
  avatarUrl: "https://media-direct.cdn.viber.com/download_photo?dlid=x",
  languageCode: "en-CA",
};

export const channel: Channel = {
  id: "ch_viber",
  type: "viber",
  name: "Shop on Viber",
  config: { authToken: TOKEN },
  webhookSecret: "f".repeat(64),
  info: { name: "Fake shop" },
  createdAt: "2025-03-01T12:00:00.000Z",
};

export const client: Client = sampleClient({
  id: "cl_viber",
  channelId: "ch_viber",
  channelType: "viber",
  chatId: "3SQNc4FPUQmysaM/AQEhXg==",
  name: "Georgy Buranov",
});

/** An employee's reply. */
export function outgoing(text: string, extra: Partial<Message> = {}): Message {
  return sampleOutgoing({
    id: "01JN0Q8D3V6Z2S9K4T7W1X5Y0B-4",
    clientId: "cl_viber",
    text,
    ...extra,
  });
}

/** API bases with the Viber API at `url` (a fake's). */
export function bases(url: string): ApiBases {
  return { telegram: "", metaGraph: "", vk: "", viber: url };
}
