import assert from "node:assert/strict";
import { eventually, json, startTestApp, textUpdate } from "../../helpers.ts";

Deno.test("connecting a Telegram channel checks the token and registers the webhook with a secret", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram("987654:REAL-looking_token");
    const calls = app.telegram.calls.map((c) => c.method);
    assert.deepEqual(calls, ["getMe", "setWebhook"]);
    const set = app.telegram.calls[1];
    assert.equal(set.token, "987654:REAL-looking_token");
    assert.equal(set.params.url, `http://localhost:8000/webhooks/telegram/${channel.id}`);
    assert.equal(set.params.secret_token, channel.secret);
    assert.match(channel.secret, /^[A-Za-z0-9_-]{32,256}$/);
    const listed = await json(await app.api("/api/channels"));
    assert.equal(listed.body.items.length, 1);
    assert.equal(
      JSON.stringify(listed.body).includes("REAL-looking_token"),
      false,
      "the token is never shown",
    );
  } finally {
    await app.close();
  }
});

Deno.test("a token Telegram rejects is a 400 with Telegram's reason, and nothing is saved", async () => {
  const app = await startTestApp();
  try {
    app.telegram.rejectToken("111:revoked");
    const res = await json(
      await app.api("/api/channels", {
        body: { type: "telegram", name: "Old bot", config: { token: "111:revoked" } },
      }),
    );
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /Unauthorized/);
    const malformed = await json(
      await app.api("/api/channels", {
        body: { type: "telegram", name: "x", config: { token: "not a token" } },
      }),
    );
    assert.equal(malformed.status, 400);
    assert.equal((await json(await app.api("/api/channels"))).body.items.length, 0);
  } finally {
    await app.close();
  }
});

Deno.test("the same update delivered three times is stored once", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    const update = textUpdate("Is my order on its way?");
    const answers = await Promise.all([1, 2, 3].map(() => app.webhook(channel, update)));
    for (const a of answers) {
      assert.equal(a.status, 200);
      await a.body?.cancel();
    }
    const again = await app.webhook(channel, update);
    assert.equal(again.status, 200);
    await again.body?.cancel();
    const clients = await json(await app.api("/api/clients"));
    assert.equal(clients.body.items.length, 1);
    const client = clients.body.items[0];
    assert.equal(client.name, "Ada Lovelace");
    assert.equal(client.platformId, "408258968");
    assert.equal(client.unread, 1);
    const messages = await json(await app.api(`/api/clients/${client.id}/messages`));
    assert.deepEqual(messages.body.items.map((m: { text: string }) => m.text), [
      "Is my order on its way?",
    ]);
  } finally {
    await app.close();
  }
});

Deno.test("a wrong or missing secret gets 401 and stores nothing; a malformed body gets 400", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    const wrong = await json(await app.webhook(channel, textUpdate("hi"), "not-the-secret"));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "bad_signature");
    const missing = await fetch(`${app.base}/webhooks/telegram/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(textUpdate("hi")),
    });
    assert.equal(missing.status, 401);
    await missing.body?.cancel();
    for (const body of ["{oops", "[]", '{"message":{"text":"no update id"}}', '"text"']) {
      const bad = await json(await app.webhook(channel, body));
      assert.equal(bad.status, 400, body);
      assert.ok(bad.body.error.message, body);
    }
    assert.equal((await json(await app.api("/api/clients"))).body.items.length, 0);
    const unknownChannel = await app.webhook(
      { id: "NOPE", secret: channel.secret },
      textUpdate("hi"),
    );
    assert.equal(unknownChannel.status, 404);
    await unknownChannel.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("an update kind we do not handle is acknowledged and changes nothing", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    const poll = await app.webhook(channel, {
      update_id: 5,
      poll: { id: "1", question: "?", options: [], total_voter_count: 0, is_closed: false },
    });
    assert.equal(poll.status, 200);
    await poll.body?.cancel();
    assert.equal((await json(await app.api("/api/clients"))).body.items.length, 0);
  } finally {
    await app.close();
  }
});

Deno.test("an employee's reply reaches Telegram's sendMessage once, for the right chat, and turns sent", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    const other = textUpdate("hello from Bob", { id: 5550001, first_name: "Bob" });
    for (const u of [textUpdate("hello"), other]) {
      await (await app.webhook(channel, u)).body?.cancel();
    }
    const clients = (await json(await app.api("/api/clients?q=Ada"))).body.items;
    assert.equal(clients.length, 1);
    const sent = await json(
      await app.api(`/api/clients/${clients[0].id}/messages`, {
        body: { text: "Hi Ada, it ships today." },
      }),
    );
    assert.equal(sent.status, 202);
    assert.equal(sent.body.status, "queued");
    assert.equal(sent.body.direction, "out");
    assert.equal(sent.body.author.kind, "employee");
    const call = await app.telegram.waitFor((c) => c.method === "sendMessage");
    assert.equal(String(call.params.chat_id), "408258968");
    assert.equal(call.params.text, "Hi Ada, it ships today.");
    await eventually(async () => {
      const items =
        (await json(await app.api(`/api/clients/${clients[0].id}/messages`))).body.items;
      return items.at(-1).status === "sent";
    });
    // The queued fallback copy must find the message already sent and send nothing.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(app.telegram.calls.filter((c) => c.method === "sendMessage").length, 1);
  } finally {
    await app.close();
  }
});

Deno.test("a bot blocked by the user fails the reply with Telegram's reason; retry sends again", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("hi"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    app.telegram.failNext("sendMessage", "blocked");
    const sent = (await json(
      await app.api(`/api/clients/${client.id}/messages`, { body: { text: "Still there?" } }),
    )).body;
    const failed = await eventually(async () => {
      const m = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items.at(-1);
      return m.status === "failed" ? m : null;
    });
    assert.equal(failed.error, "Forbidden: bot was blocked by the user");
    assert.equal((await json(await app.api(`/api/clients/${client.id}`))).body.botBlocked, true);
    const retried = await json(
      await app.api(`/api/clients/${client.id}/messages/${sent.id}/retry`, { method: "POST" }),
    );
    assert.equal(retried.status, 202);
    await eventually(async () =>
      (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items.at(-1).status ===
        "sent"
    );
    const again = await json(
      await app.api(`/api/clients/${client.id}/messages/${sent.id}/retry`, { method: "POST" }),
    );
    assert.equal(again.status, 409, "a sent message cannot be retried");
  } finally {
    await app.close();
  }
});

Deno.test("Telegram's 429 holds the message until retry_after has passed", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("hi"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    app.telegram.failNext("sendMessage", "tooManyRequests", { retryAfter: 1 });
    const started = Date.now();
    await (await app.api(`/api/clients/${client.id}/messages`, { body: { text: "Patience" } })).body
      ?.cancel();
    await app.telegram.waitFor((c) => c.method === "sendMessage");
    const second = await app.telegram.waitFor(
      (c) =>
        c.method === "sendMessage" &&
        app.telegram.calls.filter((x) => x.method === "sendMessage").indexOf(c) === 1,
      8_000,
    );
    assert.ok(second.at - started >= 1_000, `retried after ${second.at - started} ms`);
    await eventually(async () =>
      (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items.at(-1).status ===
        "sent"
    );
  } finally {
    await app.close();
  }
});

Deno.test("replying to an unknown client is 404; an empty message is 400", async () => {
  const app = await startTestApp();
  try {
    const missing = await json(
      await app.api("/api/clients/NOPE/messages", { body: { text: "hi" } }),
    );
    assert.equal(missing.status, 404);
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("hi"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    const empty = await json(
      await app.api(`/api/clients/${client.id}/messages`, { body: { text: "   " } }),
    );
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.code, "empty_message");
    const tooLong = await json(
      await app.api(`/api/clients/${client.id}/messages`, { body: { text: "x".repeat(5000) } }),
    );
    assert.equal(tooLong.status, 400);
    assert.equal(
      (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items.length,
      1,
    );
  } finally {
    await app.close();
  }
});

Deno.test("a file given by URL goes to Telegram as sendPhoto with the text as its caption", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("Can I see it?"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    const sent = await json(
      await app.api(`/api/clients/${client.id}/messages`, {
        body: {
          text: "Here it is in sage.",
          attachments: [{ type: "photo", url: "https://shop.example/sage.jpg" }],
        },
      }),
    );
    assert.equal(sent.status, 202);
    const call = await app.telegram.waitFor((c) => c.method === "sendPhoto");
    assert.equal(call.params.photo, "https://shop.example/sage.jpg");
    assert.equal(call.params.caption, "Here it is in sage.");
    await eventually(async () =>
      (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items.at(-1).status ===
        "sent"
    );
    const bad = await json(
      await app.api(`/api/clients/${client.id}/messages`, {
        body: { attachments: [{ type: "photo", url: "file:///etc/passwd" }] },
      }),
    );
    assert.equal(bad.status, 400);
  } finally {
    await app.close();
  }
});
