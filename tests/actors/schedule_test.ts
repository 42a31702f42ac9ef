import assert from "node:assert/strict";
import { decide, type DialogState } from "../../actors/dialog/decide.ts";
import type { Command } from "../../actors/dialog/commands.ts";
import type { Client, Message } from "../../kv/records.ts";

const NOW = Date.parse("2026-05-01T10:00:00Z");
const eve = { kind: "employee", id: "E1", name: "Eve" } as const;

const client: Client = {
  id: "01JZ0000000000000000000000",
  channelId: "ch",
  channelType: "telegram",
  platformId: "1",
  chatId: "1",
  name: "Ada",
  createdAt: new Date(NOW).toISOString(),
  lastActivityAt: new Date(NOW).toISOString(),
  unread: 0,
  pinned: false,
  botBlocked: false,
  seq: 4,
};

function run(state: Partial<DialogState>, command: Command, now = NOW) {
  return decide({ client, target: null, flow: null, scheduled: [], ...state }, command, now);
}

function scheduled(sendAt = NOW + 60_000): { client: Client; message: Message } {
  const d = run({}, { kind: "reply", clientId: client.id, author: eve, text: "Later", sendAt });
  return { client: d.client!, message: d.messages[0] };
}

Deno.test("a reply with a future time is stored scheduled with a timer, and counted", () => {
  const { client: c, message } = scheduled();
  assert.equal(message.status, "scheduled");
  assert.equal(message.sendAt, new Date(NOW + 60_000).toISOString());
  assert.equal(c.scheduled, 1);
  assert.equal(c.lastActivityAt, client.lastActivityAt, "scheduling is not activity");
});

Deno.test("the timer sends it; a timer from before a reschedule does nothing", () => {
  const { client: c, message } = scheduled();
  const moved = run({ client: c, target: message }, {
    kind: "reschedule",
    clientId: c.id,
    messageId: message.id,
    sendAt: NOW + 120_000,
  });
  const m2 = moved.messages[0];
  assert.equal(m2.timerVersion, 2);
  assert.deepEqual(moved.effects.map((e) => [e.kind, e.delayMs]), [["fire", 120_000]]);
  const stale = run({ client: moved.client, target: m2 }, {
    kind: "fire",
    clientId: c.id,
    messageId: m2.id,
    version: 1,
  }, NOW + 60_000);
  assert.equal(stale.messages.length + stale.events.length + stale.effects.length, 0);
  const due = run({ client: moved.client, target: m2 }, {
    kind: "fire",
    clientId: c.id,
    messageId: m2.id,
    version: 2,
  }, NOW + 120_000);
  assert.equal(due.messages[0].status, "queued");
  assert.equal(due.client?.scheduled, 0);
  assert.equal(due.effects[0].kind, "deliver");
});

Deno.test("a timer that comes early is set again for the rest of the wait", () => {
  const { client: c, message } = scheduled();
  const early = run({ client: c, target: message }, {
    kind: "fire",
    clientId: c.id,
    messageId: message.id,
    version: 1,
  }, NOW + 59_000);
  assert.equal(early.messages.length, 0);
  assert.deepEqual(early.effects.map((e) => [e.kind, e.delayMs]), [["fire", 1_000]]);
});

Deno.test("cancel removes the message and its count; a sent one cannot be cancelled", () => {
  const { client: c, message } = scheduled();
  const gone = run({ client: c, target: message }, {
    kind: "cancelScheduled",
    clientId: c.id,
    messageId: message.id,
  });
  assert.deepEqual(gone.deleted.map((m) => m.id), [message.id]);
  assert.equal(gone.events[0].type, "message.deleted");
  assert.equal(gone.client?.scheduled, 0);
  const sent = run({ client: c, target: { ...message, status: "sent" } }, {
    kind: "cancelScheduled",
    clientId: c.id,
    messageId: message.id,
  });
  assert.equal(sent.reply.error?.status, 409);
});

Deno.test("a pause sets its end and a timer; only that pause's timer resumes the bot", () => {
  const paused = run({}, {
    kind: "pauseBot",
    clientId: client.id,
    until: NOW + 86_400_000,
    author: eve,
  });
  assert.equal(paused.client?.botPausedUntil, NOW + 86_400_000);
  assert.equal(paused.messages[0].notice?.kind, "bot_paused");
  const version = paused.client!.pauseVersion!;
  assert.deepEqual(paused.effects, [{
    kind: "resumeBot",
    clientId: client.id,
    version,
    delayMs: 86_400_000,
  }]);
  const old = run({ client: paused.client }, {
    kind: "resumeBot",
    clientId: client.id,
    author: { kind: "system" },
    version: version - 1,
  }, NOW + 86_400_000);
  assert.equal(old.events.length, 0);
  const resumed = run({ client: paused.client }, {
    kind: "resumeBot",
    clientId: client.id,
    author: { kind: "system" },
    version,
  }, NOW + 86_400_000);
  assert.equal(resumed.client?.botPausedUntil, undefined);
  assert.equal(resumed.messages[0].notice?.kind, "bot_resumed");
});
