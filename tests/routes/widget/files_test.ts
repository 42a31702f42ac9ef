import assert from "node:assert/strict";
import { json } from "../../helpers.ts";
import { startWidgetApp, Visitor } from "./harness.ts";

const SHOP = "https://shop.example";
// A 1×1 PNG.
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

function upload(v: Visitor, file: File, text = ""): Promise<Response> {
  const form = new FormData();
  form.set("text", text);
  form.set("file", file);
  return fetch(`${v.base}/messages`, { method: "POST", headers: v.headers(), body: form });
}

Deno.test("an uploaded image is stored in chunks and served back; the inbox sees it", async () => {
  const app = await startWidgetApp();
  try {
    const channel = await app.connectWidget({ allowedOrigins: [SHOP], title: "Acme" });
    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();

    const sent = await json(
      await upload(v, new File([PNG], "receipt.png", { type: "image/png" }), "My receipt"),
    );
    assert.equal(sent.status, 201);
    const [attachment] = sent.body.message.attachments;
    assert.equal(attachment.type, "photo");
    assert.equal(attachment.fileName, "receipt.png");
    assert.equal(attachment.size, PNG.length);
    assert.ok(attachment.url.startsWith(`${app.base}/widget/${channel.id}/files/`));
    const image = await fetch(attachment.url);
    assert.equal(image.headers.get("content-type"), "image/png");
    assert.match(image.headers.get("content-disposition")!, /^inline/);
    assert.deepEqual(new Uint8Array(await image.arrayBuffer()), PNG);

    // A big document: many chunks, bytes intact, served as a download.
    const big = new Uint8Array(1_234_567).map((_, i) => (i * 31) % 251);
    const doc = await json(
      await upload(v, new File([big], "Invoice März.pdf", { type: "application/pdf" })),
    );
    assert.equal(doc.status, 201);
    const file = await fetch(doc.body.message.attachments[0].url);
    assert.equal(file.headers.get("content-type"), "application/octet-stream");
    assert.match(
      file.headers.get("content-disposition")!,
      /^attachment;.*Invoice%20M%C3%A4rz\.pdf/,
    );
    assert.equal(file.headers.get("x-content-type-options"), "nosniff");
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), big);

    const { items: [client] } = (await json(await app.api("/api/clients"))).body;
    const inbox = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.equal(inbox[0].text, "My receipt");
    assert.equal(inbox[0].attachments[0].url, attachment.url);
    assert.equal(inbox[1].attachments[0].type, "document");

    const missing = await fetch(`${attachment.url.slice(0, -4)}ffff`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("a file over 10 MB is refused with 413 and nothing is stored", async () => {
  const app = await startWidgetApp();
  try {
    const channel = await app.connectWidget({ allowedOrigins: [SHOP], title: "Acme" });
    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], "huge.bin");
    const res = await upload(v, huge);
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, "too_large");
    assert.deepEqual((await json(await app.api("/api/clients"))).body.items, []);
    const blobs = await Array.fromAsync(app.services.kv.list({ prefix: ["widget_blob_chunk"] }));
    assert.equal(blobs.length, 0);
  } finally {
    await app.close();
  }
});
