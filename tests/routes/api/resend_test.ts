import assert from "node:assert/strict";
import { eventually, json, startTestApp, textUpdate } from "../../helpers.ts";

Deno.test("a message can be resent, on its own channel or through another to the client's address there", async () => {
  const app = await startTestApp();
  try {
    const support = await app.connectTelegram("111:support");
    const sales = await app.connectTelegram("222:sales");
    await (await app.webhook(support, textUpdate("hi"))).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    const sent = (await json(
      await app.api(`/api/clients/${client.id}/messages`, {
        body: { text: "Your code is 4711" },
      }),
    )).body;
    await app.telegram.waitFor((c) => c.params.text === "Your code is 4711");

    const again = await json(
      await app.api(`/api/clients/${client.id}/messages/${sent.id}/resend`, { body: {} }),
    );
    assert.equal(again.status, 202);
    assert.equal(again.body.via, undefined);
    await eventually(() =>
      app.telegram.calls.filter((c) => c.params.text === "Your code is 4711").length === 2
    );

    const noAddress = await json(
      await app.api(`/api/clients/${client.id}/messages/${sent.id}/resend`, {
        body: { channelId: sales.id },
      }),
    );
    assert.equal(noAddress.status, 400);
    assert.equal(noAddress.body.error.code, "no_address");

    const via = await json(
      await app.api(`/api/clients/${client.id}/messages/${sent.id}/resend`, {
        body: { channelId: sales.id, to: "5550123" },
      }),
    );
    assert.equal(via.status, 202);
    assert.deepEqual(via.body.via, { channelId: sales.id, to: "5550123" });
    const call = await app.telegram.waitFor((c) =>
      c.token === "222:sales" && c.method === "sendMessage"
    );
    assert.equal(String(call.params.chat_id), "5550123");
    assert.equal(call.params.text, "Your code is 4711");
    const stored = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.equal(
      stored.filter((m: { text: string }) => m.text === "Your code is 4711").length,
      3,
      "all three stay in this chat",
    );
  } finally {
    await app.close();
  }
});
