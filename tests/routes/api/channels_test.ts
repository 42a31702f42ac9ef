import assert from "node:assert/strict";
import { json, startTestApp } from "../../helpers.ts";

Deno.test("removing a Telegram channel deletes its webhook at Telegram, then the channel", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram("777:remove-me");
    const removed = await json(await app.api(`/api/channels/${channel.id}`, { method: "DELETE" }));
    assert.deepEqual(removed, { status: 200, body: { ok: true, webhook: "removed" } });
    const call = app.telegram.calls.find((c) => c.method === "deleteWebhook");
    assert.equal(call?.token, "777:remove-me");
    assert.deepEqual((await json(await app.api("/api/channels"))).body.items, []);
    // Anything still posted to the old URL finds no channel and stores nothing.
    const late = await app.webhook(channel, { update_id: 1 });
    assert.equal(late.status, 404);
    await late.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("a channel whose messenger cannot be told is still removed, with a note saying so", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram("778:flaky");
    app.telegram.failNext("deleteWebhook", "serverError");
    const removed = await json(await app.api(`/api/channels/${channel.id}`, { method: "DELETE" }));
    assert.equal(removed.status, 200);
    assert.equal(removed.body.webhook, "left");
    assert.match(removed.body.note, /\S/);
    assert.doesNotMatch(removed.body.note, /778:flaky/);
    assert.deepEqual((await json(await app.api("/api/channels"))).body.items, []);

    const missing = await json(await app.api(`/api/channels/${channel.id}`, { method: "DELETE" }));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "not_found");
  } finally {
    await app.close();
  }
});
