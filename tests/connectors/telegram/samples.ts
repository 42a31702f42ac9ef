import assert from "node:assert/strict";
import { Inbound } from "../../../connectors/types.ts";
import { parseUpdate } from "../../../connectors/telegram/parse.ts";
import type { ApiBases } from "../../../connectors/types.ts";
import type { Channel } from "../../../kv/records.ts";

/** The clock parseUpdate is given in these tests. */
export const NOW = new Date("2025-03-01T12:00:00.000Z");

/** Parses and checks every item against the shared Inbound schema. */
export function parse(body: unknown): Inbound[] {
  const items = parseUpdate(body, NOW);
  for (const item of items) assert.deepEqual(Inbound.parse(item), item);
  return items;
}

/** A client's private chat with the bot. */
export const chat = {
  id: 731_552_104,
  first_name: "Marta",
  last_name: "Quintero",
  type: "private",
};

/** The client, as Telegram describes them. */
export const from = {
  id: 731_552_104,
  is_bot: false,
  first_name: "Marta",
  last_name: "Quintero",
  username: "mquintero",
  language_code: "es",
};

/** The profile parseUpdate should make of `from` and `chat`. */
export const profile = {
  platformId: "731552104",
  chatId: "731552104",
  name: "Marta Quintero",
  username: "mquintero",
  languageCode: "es",
};

/** An update holding a private message from the client with the given content. */
export function message(id: number, fields: Record<string, unknown>) {
  return {
    update_id: 88_000_000 + id,
    message: { message_id: id, from, chat, date: 1_717_000_000, ...fields },
  };
}

/** A bot token, webhook secret and webhook URL as a connected channel has them. */
export const TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
export const SECRET = "Zq3_w9-KfP0sLr7uXe2TbYh";
export const WEBHOOK = "https://inbox.example.com/webhooks/telegram/ch_01";

/** API bases with Telegram's pointing at `url` (a fake). */
export function bases(url: string): ApiBases {
  return { telegram: url, metaGraph: "", vk: "", viber: "" };
}

/** A connected Telegram channel. */
export const channel: Channel = {
  id: "ch_01",
  type: "telegram",
  name: "Shop bot",
  config: { token: TOKEN },
  webhookSecret: SECRET,
  info: {},
  createdAt: "2025-03-01T12:00:00.000Z",
};
