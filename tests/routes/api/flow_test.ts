import assert from "node:assert/strict";
import { eventually, json, startTestApp, type TestApp, textUpdate } from "../../helpers.ts";

/** A welcome flow: greet at once, then a follow-up after a delay; keyword "price" jumps to 3. */
const welcome = {
  name: "Welcome",
  startBlock: 1,
  blocks: [
    { number: 1, name: "Hello", text: "Hi! We are here.", next: 2 },
    {
      number: 2,
      name: "Follow-up",
      text: "Anything else?",
      delaySec: 1,
      waitForReply: true,
      next: 4,
    },
    {
      number: 3,
      name: "Prices",
      text: "Our prices start at 10 €.",
      keywords: ["price", "cost"],
      buttons: [{ text: "Book", next: 4 }],
      colour: "green",
    },
    { number: 4, name: "Bye", text: "Thanks, talk soon.", type: "end" },
  ],
};

async function setup(env: Record<string, string> = {}) {
  const app = await startTestApp(env);
  const channel = await app.connectTelegram();
  const flow = await json(await app.api("/api/flows", { body: welcome }));
  assert.equal(flow.status, 201);
  const linked = await json(
    await app.api(`/api/channels/${channel.id}`, {
      method: "PATCH",
      body: { flowId: flow.body.id },
    }),
  );
  assert.equal(linked.status, 200);
  return { app, channel, flow: flow.body };
}

const botTexts = (app: TestApp) =>
  app.telegram.calls.filter((c) => c.method === "sendMessage").map((c) => c.params.text);

async function clientOf(app: TestApp) {
  return (await json(await app.api("/api/clients"))).body.items[0];
}

Deno.test("a two-block flow with a delay runs end to end against Telegram", async () => {
  const { app, channel } = await setup();
  try {
    await (await app.webhook(channel, textUpdate("/start"))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Hi! We are here.");
    let client = await clientOf(app);
    assert.equal(client.position, 1);
    assert.equal(client.scheduled, 1, "the follow-up waits for its delay");
    const started = Date.now();
    const follow = await app.telegram.waitFor((c) => c.params.text === "Anything else?", 4_000);
    assert.ok(follow.at - started >= 600, "the delayed block waited");
    client = await eventually(async () => {
      const c = await clientOf(app);
      return c.position === 2 ? c : null;
    });
    assert.equal(client.scheduled, 0);
    // Block 2 waits for a reply, then goes on to block 4.
    await (await app.webhook(channel, textUpdate("no, thanks"))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Thanks, talk soon.");
    assert.deepEqual(botTexts(app), ["Hi! We are here.", "Anything else?", "Thanks, talk soon."]);
    const messages = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    const bot = messages.filter((m: { author: { kind: string } }) => m.author.kind === "bot");
    assert.deepEqual(bot.map((m: { blockNumber: number }) => m.blockNumber), [1, 2, 4]);
  } finally {
    await app.close();
  }
});

Deno.test("a keyword jumps to its block and sends its buttons; a press follows the button", async () => {
  const { app, channel } = await setup();
  try {
    await (await app.webhook(channel, textUpdate("/start"))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Hi! We are here.");
    await (await app.webhook(channel, textUpdate("what is the price?"))).body?.cancel();
    const prices = await app.telegram.waitFor((c) => c.params.text === "Our prices start at 10 €.");
    assert.deepEqual(prices.params.reply_markup, {
      inline_keyboard: [[{ text: "Book", callback_data: "block:4" }]],
    });
    const client = await clientOf(app);
    assert.equal(client.position, 3);
    assert.equal(client.scheduled, 0, "moving on cancelled the follow-up of block 1");
    const press = await app.webhook(channel, {
      update_id: 99_001,
      callback_query: {
        id: "4382bfdwdsb323b2d9",
        from: { id: 408258968, is_bot: false, first_name: "Ada" },
        message: {
          message_id: 5,
          chat: { id: 408258968, type: "private" },
          date: 1,
          text: "Our prices start at 10 €.",
        },
        chat_instance: "1",
        data: "block:4",
      },
    });
    assert.deepEqual(await press.json(), {
      method: "answerCallbackQuery",
      callback_query_id: "4382bfdwdsb323b2d9",
    });
    await app.telegram.waitFor((c) => c.params.text === "Thanks, talk soon.");
    await new Promise((r) => setTimeout(r, 1_300));
    assert.equal(
      botTexts(app).includes("Anything else?"),
      false,
      "the cancelled follow-up never went",
    );
  } finally {
    await app.close();
  }
});

Deno.test("send from funnel moves the client and cancels the old position's schedule", async () => {
  const { app, channel } = await setup();
  try {
    await (await app.webhook(channel, textUpdate("/start"))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Hi! We are here.");
    const client = await clientOf(app);
    assert.equal(client.scheduled, 1);
    const moved = await json(
      await app.api(`/api/clients/${client.id}/flow/move`, { body: { block: 3 } }),
    );
    assert.equal(moved.status, 202);
    assert.equal(moved.body.position, 3);
    assert.equal(moved.body.scheduled, 0);
    await app.telegram.waitFor((c) => c.params.text === "Our prices start at 10 €.");
    await new Promise((r) => setTimeout(r, 1_300));
    assert.equal(botTexts(app).includes("Anything else?"), false);
    const missing = await json(
      await app.api(`/api/clients/${client.id}/flow/move`, { body: { block: 42 } }),
    );
    assert.equal(missing.status, 404);
  } finally {
    await app.close();
  }
});

Deno.test("paused, the bot does not answer; resumed by the button or by its timer, it does", async () => {
  const { app, channel } = await setup({ BOT_PAUSE_MS: "1500" });
  try {
    await (await app.webhook(channel, textUpdate("/start"))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Hi! We are here.");
    const client = await clientOf(app);
    const paused = await json(
      await app.api(`/api/clients/${client.id}/bot/pause`, { method: "POST" }),
    );
    assert.equal(paused.status, 200);
    assert.ok(paused.body.botPausedUntil > Date.now());
    assert.equal(paused.body.scheduled, 1);
    const before = botTexts(app).length;
    await (await app.webhook(channel, textUpdate("price?"))).body?.cancel();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(botTexts(app).length, before, "no bot answer while paused");
    // The pause ends by itself; the chat says so; the flow answers again.
    await eventually(
      async () => !(await json(await app.api(`/api/clients/${client.id}`))).body.botPausedUntil,
      4_000,
    );
    const notices = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items
      .filter((m: { notice?: { kind: string } }) => m.notice?.kind.startsWith("bot_"))
      .map((m: { notice: { kind: string } }) => m.notice.kind);
    assert.deepEqual(notices, ["bot_paused", "bot_resumed"]);
    await (await app.webhook(channel, textUpdate("price?"))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Our prices start at 10 €.");
    // Pause again and resume with the button at once.
    await (await app.api(`/api/clients/${client.id}/bot/pause`, { method: "POST" })).body?.cancel();
    const resumed = await json(
      await app.api(`/api/clients/${client.id}/bot/resume`, { method: "POST" }),
    );
    assert.equal(resumed.body.botPausedUntil, undefined);
    await (await app.webhook(channel, textUpdate("cost"))).body?.cancel();
    await eventually(() =>
      botTexts(app).filter((t) => t === "Our prices start at 10 €.").length === 2
    );
  } finally {
    await app.close();
  }
});

Deno.test("a flow with broken links is refused with a readable 400; flows export and import as JSON", async () => {
  const app = await startTestApp();
  try {
    const broken = await json(
      await app.api("/api/flows", {
        body: { name: "Broken", startBlock: 1, blocks: [{ number: 1, text: "x", next: 7 }] },
      }),
    );
    assert.equal(broken.status, 400);
    assert.match(broken.body.error.message, /block 7/);
    const created = (await json(await app.api("/api/flows", { body: welcome }))).body;
    const exported = (await json(await app.api(`/api/flows/${created.id}`))).body;
    const imported = await json(
      await app.api("/api/flows", { body: { ...exported, name: "Welcome (copy)" } }),
    );
    assert.equal(imported.status, 201);
    assert.notEqual(imported.body.id, created.id);
    assert.deepEqual(imported.body.blocks, exported.blocks);
    assert.equal((await json(await app.api("/api/flows"))).body.items.length, 2);
    const channel = await app.connectTelegram();
    await (await app.api(`/api/channels/${channel.id}`, {
      method: "PATCH",
      body: { flowId: created.id },
    })).body?.cancel();
    const removed = await app.api(`/api/flows/${created.id}`, { method: "DELETE" });
    assert.equal(removed.status, 200);
    await removed.body?.cancel();
    const [listed] = (await json(await app.api("/api/channels"))).body.items;
    assert.equal(listed.flowId, undefined, "a deleted flow is unlinked from its channels");
  } finally {
    await app.close();
  }
});
