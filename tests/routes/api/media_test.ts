import assert from "node:assert/strict";
import { json, startTestApp } from "../../helpers.ts";

Deno.test("a photo's bytes come through the server, never with the bot token in the browser", async () => {
  const app = await startTestApp();
  try {
    const channel = await app.connectTelegram("555:media-token");
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    app.telegram.addFile("AgACphoto", bytes, "image/jpeg");
    await (await app.webhook(channel, {
      update_id: 42,
      message: {
        message_id: 9,
        from: { id: 31337, is_bot: false, first_name: "Grace" },
        chat: { id: 31337, type: "private", first_name: "Grace" },
        date: 1_700_000_000,
        caption: "my receipt",
        photo: [{
          file_id: "AgACphoto",
          file_unique_id: "u1",
          width: 90,
          height: 90,
          file_size: 8,
        }],
      },
    })).body?.cancel();
    const [client] = (await json(await app.api("/api/clients"))).body.items;
    const [message] = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.equal(message.text, "my receipt");
    assert.equal(JSON.stringify(message).includes("media-token"), false);
    const res = await app.api(`/api/clients/${client.id}/messages/${message.id}/attachments/0`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/jpeg");
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
    const missing = await json(
      await app.api(`/api/clients/${client.id}/messages/${message.id}/attachments/3`),
    );
    assert.equal(missing.status, 404);
    const anonymous = await fetch(
      `${app.base}/api/clients/${client.id}/messages/${message.id}/attachments/0`,
    );
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
  } finally {
    await app.close();
  }
});
