import assert from "node:assert/strict";
import {
  blobStream,
  deleteBlob,
  getBlob,
  isInlineImage,
  MAX_BLOB_BYTES,
  saveBlob,
} from "../../kv/blobs.ts";

Deno.test("a blob is stored in chunks under its own keys and streams back whole", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const bytes = new Uint8Array(250_001).map((_, i) => i % 256);
    const blob = await saveBlob(kv, {
      channelId: "ch",
      visitorId: "v",
      name: "scan.pdf",
      type: "application/pdf",
      bytes,
    });
    assert.equal(blob.size, 250_001);
    assert.equal(blob.chunks, 5);
    const chunks = await Array.fromAsync(kv.list({ prefix: ["widget_blob_chunk", blob.id] }));
    assert.equal(chunks.length, 5);
    assert.deepEqual(await getBlob(kv, blob.id), blob);
    const back = new Uint8Array(await new Response(blobStream(kv, blob)).arrayBuffer());
    assert.deepEqual(back, bytes);
    await deleteBlob(kv, blob.id);
    assert.equal(await getBlob(kv, blob.id), null);
    assert.equal((await Array.fromAsync(kv.list({ prefix: ["widget_blob_chunk"] }))).length, 0);
    assert.equal(await getBlob(kv, "../../etc"), null);
  } finally {
    kv.close();
  }
});

Deno.test("blobs over 10 MB are refused; only raster images are inline", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await assert.rejects(() =>
      saveBlob(kv, {
        channelId: "ch",
        visitorId: "v",
        name: "x",
        type: "",
        bytes: new Uint8Array(MAX_BLOB_BYTES + 1),
      })
    );
    assert.equal(isInlineImage("image/png"), true);
    assert.equal(isInlineImage("image/svg+xml"), false);
    assert.equal(isInlineImage("text/html"), false);
  } finally {
    kv.close();
  }
});
