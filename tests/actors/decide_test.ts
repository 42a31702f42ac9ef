import assert from "node:assert/strict";
import {
  decide,
  DELIVERY_FALLBACK_MS,
  type DialogState,
  MAX_ATTEMPTS,
} from "../../actors/dialog/decide.ts";
import type { Command } from "../../actors/dialog/commands.ts";
import type { Inbound } from "../../connectors/types.ts";
import type { Client, Message } from "../../kv/records.ts";

const NOW = Date.parse("2026-05-01T10:00:00Z");
const profile = { platformId: "42", chatId: "42", name: "Ada Lovelace", username: "ada" };

function inbound(event: Partial<Inbound> & { kind: Inbound["kind"] }, n = 1): Command {
  return {
    kind: "inbound",
    channelId: "ch1",
    channelType: "telegram",
    event: {
      updateKey: String(n),
      profile,
      at: new Date(NOW).toISOString(),
      externalId: String(n),
      text: "hello",
      attachments: [],
      ...event,
    } as Inbound,
    newClientId: "C1",
  };
}

function run(state: Partial<DialogState>, command: Command, now = NOW) {
  return decide({ client: null, target: null, flow: null, scheduled: [], ...state }, command, now);
}

const empty: DialogState = { client: null, target: null, flow: null, scheduled: [] };

Deno.test("a first message creates the client, the message and both events in seq order", () => {
  const d = run(empty, inbound({ kind: "message", text: "hi there" }));
  assert.equal(d.client?.id, "C1");
  assert.equal(d.client?.name, "Ada Lovelace");
  assert.equal(d.client?.unread, 1);
  assert.equal(d.client?.preview?.text, "hi there");
  assert.equal(d.client?.preview?.author, "client");
  assert.deepEqual(d.events.map((e) => [e.type, e.seq]), [
    ["message.created", 1],
    ["client.created", 2],
  ]);
  assert.equal(d.client?.seq, 2);
  assert.equal(d.messages[0].seq, 1);
  assert.equal(d.messages[0].direction, "in");
  assert.deepEqual(d.events[1].client, d.client);
});

Deno.test("a second message continues the dialog's sequence and counts unread", () => {
  const first = run(empty, inbound({ kind: "message" }));
  const second = run(
    { client: first.client, target: null },
    inbound({ kind: "message" }, 2),
  );
  assert.equal(second.client?.unread, 2);
  assert.deepEqual(second.events.map((e) => [e.type, e.seq]), [["message.created", 3]]);
  assert.equal(second.events[0].client, second.client, "the list row rides on the message event");
  assert.equal(second.messages[0].id, "C1-3");
});

Deno.test("an edit changes the stored message and keeps its seq", () => {
  const first = run(empty, inbound({ kind: "message", text: "helo" }));
  const original = first.messages[0];
  const edit = run(
    { client: first.client, target: original },
    inbound({ kind: "edited", text: "hello", externalId: "1" }, 2),
    NOW + 1000,
  );
  assert.equal(edit.messages.length, 1);
  assert.equal(edit.messages[0].id, original.id);
  assert.equal(edit.messages[0].seq, original.seq);
  assert.equal(edit.messages[0].text, "hello");
  assert.ok(edit.messages[0].editedAt);
  assert.equal(edit.events[0].type, "message.updated");
  assert.equal(edit.client?.preview?.text, "hello");
  assert.equal(edit.client?.unread, 1, "an edit is not a new unread message");
});

Deno.test("a button press becomes a system notice by the client", () => {
  const d = run(
    empty,
    inbound({ kind: "button", data: "tasks-settings" } as Partial<Inbound> & { kind: "button" }),
  );
  assert.equal(d.messages[0].direction, "system");
  assert.deepEqual(d.messages[0].notice, { kind: "button", data: "tasks-settings" });
});

Deno.test("blocking the bot flags the client once; repeating it changes nothing", () => {
  const first = run(empty, inbound({ kind: "message" }));
  const block = inbound(
    { kind: "botBlocked", blocked: true } as Partial<Inbound> & { kind: "botBlocked" },
    2,
  );
  const blocked = run({ client: first.client, target: null }, block);
  assert.equal(blocked.client?.botBlocked, true);
  assert.equal(blocked.messages[0].notice?.kind, "bot_blocked");
  const again = run({ client: blocked.client, target: null }, block);
  assert.equal(again.events.length, 0);
  assert.equal(again.messages.length, 0);
});

function withReply() {
  const first = run(empty, inbound({ kind: "message" }));
  const reply = run({ client: first.client, target: null }, {
    kind: "reply",
    clientId: "C1",
    author: { kind: "employee", id: "E1", name: "Eve" },
    text: "Hello Ada",
  });
  return { client: reply.client as Client, message: reply.messages[0], decision: reply };
}

Deno.test("a reply queues the message, reads the dialog and asks for an eager delivery", () => {
  const { client, message, decision } = withReply();
  assert.equal(message.status, "queued");
  assert.equal(message.direction, "out");
  assert.deepEqual(message.author, { kind: "employee", id: "E1", name: "Eve" });
  assert.equal(client.unread, 0);
  assert.equal(client.preview?.author, "employee");
  assert.deepEqual(decision.effects, [{
    kind: "deliver",
    clientId: "C1",
    messageId: message.id,
    delayMs: DELIVERY_FALLBACK_MS,
    eager: true,
  }]);
});

Deno.test("a bot's answer shows as the bot's in the inbox preview", () => {
  const { client } = withReply();
  const bot = run({ client, target: null }, {
    kind: "reply",
    clientId: "C1",
    author: { kind: "bot" },
    text: "Our hours are 9 to 6.",
  });
  assert.deepEqual(bot.client?.preview && [bot.client.preview.author, bot.client.preview.text], [
    "bot",
    "Our hours are 9 to 6.",
  ]);
});

Deno.test("a reply to an unknown client is refused with 404", () => {
  const d = run(empty, {
    kind: "reply",
    clientId: "nope",
    author: { kind: "bot" },
    text: "x",
  });
  assert.equal(d.reply.error?.status, 404);
});

Deno.test("only one sender gets the delivery lease until it runs out", () => {
  const { client, message } = withReply();
  const claim: Command = {
    kind: "claimDelivery",
    clientId: "C1",
    messageId: message.id,
    leaseMs: 30_000,
  };
  const first = run({ client, target: message }, claim);
  assert.equal(first.reply.granted, true);
  const held = first.messages[0];
  assert.equal(run({ client, target: held }, claim, NOW + 1000).reply.granted, false);
  assert.equal(run({ client, target: held }, claim, NOW + 31_000).reply.granted, true);
});

Deno.test("a sent result marks the message sent with the messenger's id; a second result is ignored", () => {
  const { client, message } = withReply();
  const ok: Command = {
    kind: "deliveryResult",
    clientId: "C1",
    messageId: message.id,
    outcome: { ok: true, externalId: "777" },
  };
  const sent = run({ client, target: message }, ok);
  assert.equal(sent.messages[0].status, "sent");
  assert.equal(sent.messages[0].externalId, "777");
  assert.equal(sent.events[0].type, "message.updated");
  const twice = run(
    { client: sent.client, target: sent.messages[0] },
    ok,
  );
  assert.equal(twice.messages.length, 0);
  assert.equal(twice.events.length, 0);
});

Deno.test("rate limiting schedules a retry after the messenger's retry_after", () => {
  const { client, message } = withReply();
  const d = run({ client, target: { ...message, attempts: 1 } }, {
    kind: "deliveryResult",
    clientId: "C1",
    messageId: message.id,
    outcome: { ok: false, retryAfterMs: 30_000, reason: "Too Many Requests: retry after 30" },
  });
  assert.equal(d.messages[0].status, "queued");
  assert.deepEqual(d.effects.map((e) => [e.kind, e.delayMs]), [["deliver", 30_000]]);
});

Deno.test("a send that keeps failing gives up after the last attempt", () => {
  const { client, message } = withReply();
  const d = run({ client, target: { ...message, attempts: MAX_ATTEMPTS } }, {
    kind: "deliveryResult",
    clientId: "C1",
    messageId: message.id,
    outcome: { ok: false, retryAfterMs: 5_000, reason: "Bad Gateway" },
  });
  assert.equal(d.messages[0].status, "failed");
  assert.equal(d.messages[0].error, "Bad Gateway");
});

Deno.test("blocked by the user fails the message with that reason and flags the client", () => {
  const { client, message } = withReply();
  const d = run({ client, target: message }, {
    kind: "deliveryResult",
    clientId: "C1",
    messageId: message.id,
    outcome: { ok: false, reason: "Forbidden: bot was blocked by the user", clientBlocked: true },
  });
  assert.equal(d.messages[0].status, "failed");
  assert.equal(d.messages[0].error, "Forbidden: bot was blocked by the user");
  assert.equal(d.client?.botBlocked, true);
});

Deno.test("retry requeues only a failed message", () => {
  const { client, message } = withReply();
  const failed: Message = { ...message, status: "failed", error: "x" };
  const d = run({ client, target: failed }, {
    kind: "retry",
    clientId: "C1",
    messageId: message.id,
  });
  assert.equal(d.messages[0].status, "queued");
  assert.equal(d.messages[0].error, undefined);
  assert.equal(d.effects.length, 1);
  const refused = run({ client, target: message }, {
    kind: "retry",
    clientId: "C1",
    messageId: message.id,
  });
  assert.equal(refused.reply.error?.status, 409);
});

Deno.test("mark read clears unread and does nothing when already read", () => {
  const first = run(empty, inbound({ kind: "message" }));
  const read = run({ client: first.client, target: null }, {
    kind: "markRead",
    clientId: "C1",
  });
  assert.equal(read.client?.unread, 0);
  assert.equal(
    read.client?.lastActivityAt,
    first.client?.lastActivityAt,
    "reading is not activity",
  );
  const again = run({ client: read.client, target: null }, {
    kind: "markRead",
    clientId: "C1",
  });
  assert.equal(again.events.length, 0);
});

Deno.test("e-mail replies answer the thread: Re: its subject, In-Reply-To its last mail, References all", () => {
  const mail = (n: number, subject: string, references: string[] = []) =>
    inbound(
      {
        kind: "message",
        text: "body",
        externalId: `<m${n}@client.example>`,
        subject,
        references,
      } as Partial<Inbound> & { kind: "message" },
      n,
    );
  const first = run(empty, mail(1, "Order 48213"));
  assert.deepEqual(first.client?.thread, {
    subject: "Order 48213",
    messageIds: ["<m1@client.example>"],
  });
  const reply = run({ client: first.client }, {
    kind: "reply",
    clientId: "C1",
    author: { kind: "employee", id: "E1", name: "Eve" },
    text: "On its way",
  });
  const out = reply.messages[0];
  assert.equal(out.subject, "Re: Order 48213");
  assert.equal(out.inReplyTo, "<m1@client.example>");
  assert.deepEqual(out.references, ["<m1@client.example>"]);
  const sent = run({ client: reply.client, target: out }, {
    kind: "deliveryResult",
    clientId: "C1",
    messageId: out.id,
    outcome: { ok: true, externalId: "<ours1@shop.example>" },
  });
  const answer = run(
    { client: sent.client },
    mail(3, "RE: Re: Order 48213", ["<m1@client.example>", "<ours1@shop.example>"]),
  );
  assert.deepEqual(answer.client?.thread, {
    subject: "Order 48213",
    messageIds: ["<m1@client.example>", "<ours1@shop.example>", "<m3@client.example>"],
  });
});

Deno.test("a scheduled e-mail reply answers the thread as it stands when it goes out", () => {
  const first = run(
    empty,
    inbound(
      {
        kind: "message",
        text: "body",
        externalId: "<m1@client.example>",
        subject: "Invoice",
      } as Partial<Inbound> & { kind: "message" },
    ),
  );
  const scheduled = run({ client: first.client }, {
    kind: "reply",
    clientId: "C1",
    author: { kind: "employee", id: "E1", name: "Eve" },
    text: "Sending it tomorrow",
    sendAt: NOW + 60_000,
  }).messages[0];
  const fired = run({ client: first.client, target: scheduled }, {
    kind: "fire",
    clientId: "C1",
    messageId: scheduled.id,
    version: scheduled.timerVersion!,
  }, NOW + 60_000);
  const out = fired.messages[0];
  assert.equal(out.status, "queued");
  assert.equal(out.subject, "Re: Invoice");
  assert.equal(out.inReplyTo, "<m1@client.example>");
});

Deno.test("a client whose webhook carried no name is looked up once, and named by the answer", () => {
  const stand = { platformId: "2718", chatId: "2718", name: "Messenger user 2718" };
  const first = run(empty, inbound({ kind: "message", profile: { ...stand, provisional: true } }));
  assert.equal(first.client?.name, "Messenger user 2718");
  assert.equal(first.client?.nameProvisional, true);
  assert.deepEqual(first.effects, [{ kind: "lookupProfile", clientId: "C1", delayMs: 0 }]);
  // A second message from them does not ask again.
  const second = run(
    { client: first.client },
    inbound({ kind: "message", profile: { ...stand, provisional: true } }, 2),
  );
  assert.deepEqual(second.effects, []);

  const found = run({ client: first.client }, {
    kind: "profileFound",
    clientId: "C1",
    name: "Rosalind Franklin",
    avatarUrl: "https://cdn.example/r.jpg",
  });
  assert.equal(found.client?.name, "Rosalind Franklin");
  assert.equal(found.client?.nameProvisional, false);
  assert.equal(found.client?.avatarUrl, "https://cdn.example/r.jpg");
  assert.equal(found.client?.lastActivityAt, first.client?.lastActivityAt, "not new activity");
  assert.deepEqual(found.events.map((e) => e.type), ["client.updated"]);

  // A late or repeated answer changes nothing once the client has a name.
  const again = run({ client: found.client }, { kind: "profileFound", clientId: "C1", name: "X" });
  assert.equal(again.client?.name, "Rosalind Franklin");
  assert.deepEqual(again.events, []);
});

Deno.test("a client the messenger named is never renamed by a lookup", () => {
  const named = run(empty, inbound({ kind: "message" })).client!;
  const d = run({ client: named }, { kind: "profileFound", clientId: "C1", name: "Someone Else" });
  assert.equal(d.client?.name, "Ada Lovelace");
  assert.equal(named.nameProvisional, undefined);
});

Deno.test("a receipt by time moves sent messages up to it forward, never back, none after it", () => {
  const { client, message } = withReply();
  const at = (ms: number) => new Date(NOW + ms).toISOString();
  const sent = { ...message, status: "sent" as const, createdAt: at(-2000) };
  const read = { ...message, id: "C1-9", seq: 9, status: "read" as const, createdAt: at(-1000) };
  const later = { ...message, id: "C1-10", seq: 10, status: "sent" as const, createdAt: at(5000) };
  const receipt = (status: "delivered" | "read") =>
    inbound(
      { kind: "receiptsUpTo", status, upTo: at(0) } as Partial<Inbound> & {
        kind: "receiptsUpTo";
      },
    );
  const state = { client, unread: [later, read, sent] };
  const delivered = run(state, receipt("delivered"));
  assert.deepEqual(delivered.messages.map((m) => [m.id, m.status]), [[sent.id, "delivered"]]);
  const allRead = run(state, receipt("read"));
  assert.deepEqual(allRead.messages.map((m) => [m.id, m.status]), [[sent.id, "read"]]);
  assert.deepEqual(allRead.events.map((e) => e.type), ["message.updated"]);
});

Deno.test("a receipt up to a messenger id covers ids up to it as numbers, not as text", () => {
  const { client, message } = withReply();
  const out = (seq: number, externalId: string) => ({
    ...message,
    id: `C1-${seq}`,
    seq,
    status: "sent" as const,
    externalId,
  });
  const unread = [out(5, "1000"), out(4, "101"), out(3, "99"), out(2, "100"), out(1, "m_x")];
  const d = run(
    { client, unread },
    inbound(
      { kind: "receiptsUpTo", status: "read", upToId: "100" } as Partial<Inbound> & {
        kind: "receiptsUpTo";
      },
    ),
  );
  assert.deepEqual(d.messages.map((m) => m.externalId).sort(), ["100", "99"]);
});
