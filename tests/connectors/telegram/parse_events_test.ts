import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { parseUpdate } from "../../../connectors/telegram/parse.ts";
import { chat, from, NOW, parse, profile } from "./samples.ts";

Deno.test("a button press carries its data and the message it was under", () => {
  const items = parse({
    update_id: 88_000_022,
    callback_query: {
      id: "3141985765110233711",
      from,
      message: {
        message_id: 501,
        from: { id: 6_001_234_567, is_bot: true, first_name: "Shop", username: "shop_bot" },
        chat,
        date: 1_716_990_000,
        text: "How was your delivery?",
        reply_markup: { inline_keyboard: [[{ text: "Good", callback_data: "rate:5" }]] },
      },
      chat_instance: "-7120443381230010001",
      data: "rate:5",
    },
  });
  assert.deepEqual(items, [{
    kind: "button",
    updateKey: "88000022",
    profile,
    at: NOW.toISOString(),
    data: "rate:5",
    label: "How was your delivery?",
  }]);
});

Deno.test("a button under an inline message replies to the user's chat", () => {
  const [item] = parse({
    update_id: 88_000_023,
    callback_query: {
      id: "1",
      from,
      inline_message_id: "AAAAAB",
      chat_instance: "9",
      game_short_name: "quiz",
    },
  });
  assert.ok(item.kind === "button");
  assert.equal(item.profile.chatId, "731552104");
  assert.equal(item.data, "quiz");
  assert.equal(item.label, undefined);
});

function membership(old: string, now: string) {
  const bot = { id: 6_001_234_567, is_bot: true, first_name: "Shop", username: "shop_bot" };
  return {
    update_id: 88_000_024,
    my_chat_member: {
      chat,
      from,
      date: 1_717_000_500,
      old_chat_member: { user: bot, status: old },
      new_chat_member: { user: bot, status: now, ...(now === "kicked" ? { until_date: 0 } : {}) },
    },
  };
}

Deno.test("blocking the bot in a private chat is reported", () => {
  assert.deepEqual(parse(membership("member", "kicked")), [{
    kind: "botBlocked",
    updateKey: "88000024",
    profile,
    at: "2024-05-29T16:35:00.000Z",
    blocked: true,
  }]);
});

Deno.test("unblocking the bot in a private chat is reported", () => {
  const [item] = parse(membership("kicked", "member"));
  assert.ok(item.kind === "botBlocked");
  assert.equal(item.blocked, false);
});

Deno.test("ids past 2^32 stay exact", () => {
  const big = 7_301_234_567_890;
  const [item] = parse({
    update_id: 5_000_000_001,
    message: {
      message_id: 4_294_967_297,
      from: { id: big, is_bot: "false", first_name: "Ana" },
      chat: { id: big, type: "private" },
      date: 1_717_000_000,
      text: "hola",
    },
  });
  assert.ok(item.kind === "message");
  assert.equal(item.updateKey, "5000000001");
  assert.equal(item.externalId, "4294967297");
  assert.equal(item.profile.platformId, "7301234567890");
});

Deno.test("a chat with no type and no names is treated as private and named by id", () => {
  const [item] = parse({
    update_id: 1,
    message: { message_id: 2, chat: { id: 99 }, date: 1_400_000_000, text: "old", from: null },
  });
  assert.deepEqual(item.profile, { platformId: "99", chatId: "99", name: "Telegram user 99" });
});

Deno.test("group, supergroup and channel traffic is ignored", () => {
  for (const type of ["group", "supergroup", "channel"]) {
    const groupChat = { id: -1_001_987_654_321, title: "Team", type };
    assert.deepEqual(
      parse({
        update_id: 3,
        message: { message_id: 4, from, chat: groupChat, date: 1, text: "hi" },
      }),
      [],
    );
    assert.deepEqual(
      parse({
        update_id: 3,
        my_chat_member: { ...membership("left", "member").my_chat_member, chat: groupChat },
      }),
      [],
    );
  }
});

Deno.test("update kinds we do not handle give nothing", () => {
  assert.deepEqual(parse({ update_id: 5, poll: { id: "1", question: "?", options: [] } }), []);
  assert.deepEqual(
    parse({
      update_id: 6,
      channel_post: { message_id: 1, chat: { id: -100, type: "channel" }, date: 1 },
    }),
    [],
  );
  assert.deepEqual(
    parse({ update_id: 7, inline_query: { id: "1", from, query: "", offset: "" } }),
    [],
  );
  assert.deepEqual(parse({ update_id: 8 }), []);
});

Deno.test("a body that is not an update is BadInput", () => {
  for (const body of [null, "update", 42, [], {}, { update_id: "12" }, { message: {} }]) {
    assert.throws(() => parseUpdate(body), BadInput, JSON.stringify(body));
  }
  assert.throws(
    () => parseUpdate({ update_id: 1, message: { message_id: 1, date: 1, text: "no chat" } }),
    (err: unknown) => err instanceof BadInput && /message\.chat/.test(err.message),
  );
});
