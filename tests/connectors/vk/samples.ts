import { sampleClient, sampleOutgoing } from "../records.ts";
import assert from "node:assert/strict";
import { type ApiBases, Inbound } from "../../../connectors/types.ts";
import { parseCallback } from "../../../connectors/vk/parse.ts";
import type { Channel, Client, Message } from "../../../kv/records.ts";

/** The clock parseCallback is given in these tests. */
export const NOW = new Date("2025-03-01T12:00:00.000Z");

/** Parses and checks every item against the shared Inbound schema. */
export function parse(body: unknown): Inbound[] {
  const items = parseCallback(body, NOW);
  for (const item of items) assert.deepEqual(Inbound.parse(item), item);
  return items;
}

export const GROUP_ID = 203_076_503;
export const TOKEN = "vk1.a.Xq9LkT0pRz3sEw8uVb2NcY4mHd7JfG5";
export const SECRET = "Kp3sR8vXw2yZa6bC9dE1fG4hJ7kL0mN5";

/** A private message from the client, as API 5.199 sends it (with client_info). */
export function privateMessage(
  message: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    group_id: GROUP_ID,
    type: "message_new",
    event_id: `evt-${message.id ?? 5_102}`,
    v: "5.199",
    object: {
      message: {
        date: 1_740_830_400,
        from_id: 48_213_775,
        id: 5_102,
        out: 0,
        peer_id: 48_213_775,
        text: "",
        conversation_message_id: 311,
        fwd_messages: [],
        important: false,
        random_id: 0,
        attachments: [],
        is_hidden: false,
        ...message,
      },
      client_info: {
        button_actions: ["text", "vkpay", "open_app", "location", "open_link", "callback"],
        keyboard: true,
        inline_keyboard: true,
        carousel: true,
        lang_id: 0,
      },
    },
    secret: SECRET,
    ...extra,
  };
}

/** The profile of the client who writes in `privateMessage`: the name is a stand-in. */
export const profile = {
  platformId: "48213775",
  chatId: "48213775",
  name: "VK user 48213775",
  provisional: true,
};

export const channel: Channel = {
  id: "ch_vk",
  type: "vk",
  name: "Shop community",
  config: {
    groupId: GROUP_ID,
    accessToken: TOKEN,
    secret: SECRET,
    confirmationCode: "5e1f0c2a",
  },
  webhookSecret: "f".repeat(64),
  info: {},
  createdAt: "2025-03-01T12:00:00.000Z",
};

export const client: Client = sampleClient({
  id: "cl_vk",
  channelId: "ch_vk",
  channelType: "vk",
  chatId: "48213775",
  name: "VK user 48213775",
});

/** An employee's reply. */
export function outgoing(text: string, extra: Partial<Message> = {}): Message {
  return sampleOutgoing({ id: "01JN0Q8D3V6Z2S9K4T7W1X5Y0A-4", clientId: "cl_vk", text, ...extra });
}

/** API bases with the VK API at `url` (a fake's). */
export function bases(url: string): ApiBases {
  return { telegram: "", metaGraph: "", vk: url, viber: "" };
}
