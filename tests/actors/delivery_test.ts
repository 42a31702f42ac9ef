import assert from "node:assert/strict";
import { DELIVERY_FALLBACK_MS } from "../../actors/dialog/decide.ts";
import { json, startTestApp, textUpdate } from "../helpers.ts";

Deno.test("a reply whose eager send never ran is delivered once by the queued fallback", async () => {
  const app = await startTestApp();
  try {
    // As if the process died right after committing the reply: nothing is sent eagerly.
    app.services.actor.onEager = () => {};
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("hello?"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    const started = Date.now();
    const sent = await json(
      await app.api(`/api/clients/${client.id}/messages`, { body: { text: "Sorry for the wait" } }),
    );
    assert.equal(sent.status, 202);
    const call = await app.telegram.waitFor(
      (c) => c.method === "sendMessage",
      DELIVERY_FALLBACK_MS + 5_000,
    );
    assert.ok(
      call.at - started >= DELIVERY_FALLBACK_MS - 50,
      "the fallback waits for the eager attempt first",
    );
    assert.equal(call.params.text, "Sorry for the wait");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(app.telegram.calls.filter((c) => c.method === "sendMessage").length, 1);
    const last = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items.at(
      -1,
    );
    assert.equal(last.status, "sent");
  } finally {
    await app.close();
  }
});

Deno.test("two deliveries of the same message at once send it once", async () => {
  const app = await startTestApp();
  try {
    app.services.actor.onEager = () => {};
    const channel = await app.connectTelegram();
    await (await app.webhook(channel, textUpdate("hi"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    const message =
      (await json(await app.api(`/api/clients/${client.id}/messages`, { body: { text: "Once" } })))
        .body;
    const item = { kind: "deliver" as const, clientId: client.id, messageId: message.id };
    await Promise.all([1, 2, 3, 4].map(() => app.services.delivery.deliver(item)));
    assert.equal(app.telegram.calls.filter((c) => c.method === "sendMessage").length, 1);
  } finally {
    await app.close();
  }
});
