import assert from "node:assert/strict";
import { Inbound } from "../../../connectors/types.ts";
import { parseUpdate } from "../../../connectors/telegram/parse.ts";
import { exists, jsonFixtures, record, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("telegram");

/** The chat an update we handle happened in, or null when it is a kind we do not handle. */
function handledChat(update: Record<string, unknown>): Record<string, unknown> | undefined | null {
  const callback = record(update.callback_query);
  if (update.message) return record(record(update.message)?.chat);
  if (update.edited_message) return record(record(update.edited_message)?.chat);
  if (callback) return record(record(callback.message)?.chat);
  if (update.my_chat_member) return record(record(update.my_chat_member)?.chat);
  return null;
}

Deno.test({
  name: "every shared Telegram fixture parses, and private ones give at least one event",
  ignore: !exists(dir),
  fn() {
    for (const name of jsonFixtures(dir)) {
      const body: unknown = JSON.parse(Deno.readTextFileSync(new URL(name, dir)));
      let items: Inbound[] = [];
      assert.doesNotThrow(() => (items = parseUpdate(body)), name);
      for (const item of items) Inbound.parse(item);
      const update = record(body);
      const chat = update && handledChat(update);
      const isPrivate = chat !== null && (chat?.type === undefined || chat.type === "private");
      if (update && isPrivate) {
        assert.ok(items.length >= 1, `${name} is a private-chat update but gave no event`);
      }
    }
  },
});
