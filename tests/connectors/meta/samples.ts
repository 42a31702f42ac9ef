import { sampleClient, sampleOutgoing } from "../records.ts";
// Channels, clients and outgoing messages for Meta connector tests.
import type { ApiBases } from "../../../connectors/types.ts";
import type { Channel, ChannelType, Client, Message } from "../../../kv/records.ts";

export const APP_SECRET = "1222e786b144d0e85b9f365372d93676";
export const SECRET = "Zq3_w9-KfP0sLr7uXe2TbYh4ThQ8pLm2";

export function bases(metaGraph: string): ApiBases {
  return { telegram: "", metaGraph, vk: "", viber: "" };
}

export function channelOf(type: ChannelType, config: Record<string, unknown>): Channel {
  return {
    id: "ch_01",
    type,
    name: "Shop",
    config,
    webhookSecret: SECRET,
    info: {},
    createdAt: "2025-03-01T12:00:00.000Z",
  };
}

export function clientOf(type: ChannelType, chatId: string): Client {
  return sampleClient({
    id: "cl_01",
    channelId: "ch_01",
    channelType: type,
    chatId,
    name: "Marta Quintero",
  });
}

export function outgoing(text: string, extra: Partial<Message> = {}): Message {
  return sampleOutgoing({ id: "msg_01", clientId: "cl_01", text, ...extra });
}

export { warningsOf } from "../../helpers.ts";
