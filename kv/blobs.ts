import { newUlid } from "./ids.ts";
import { keys } from "./keys.ts";

/** The largest file a visitor may upload. */
export const MAX_BLOB_BYTES = 10 * 1024 * 1024;
// KV values are at most 64 KiB; ten chunks stay under an atomic operation's 800 KiB.
const CHUNK_BYTES = 60_000;
const CHUNKS_PER_COMMIT = 10;

/** A stored upload; its bytes are the chunks under ["widget_blob_chunk", id, n]. */
export interface WidgetBlob {
  id: string;
  channelId: string;
  visitorId: string;
  name: string;
  type: string;
  size: number;
  chunks: number;
  createdAt: string;
}

/** Raster images a browser shows inline; anything else is served as a download. */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** True for an image type that is safe to show inline. */
export function isInlineImage(type: string): boolean {
  return INLINE_IMAGES.has(type.toLowerCase());
}

/** A random, unguessable id: the file's URL is its only credential. */
function blobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return newUlid() + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stores a file in chunks; the record is written last, so a half-written file never shows. */
export async function saveBlob(
  kv: Deno.Kv,
  file: { channelId: string; visitorId: string; name: string; type: string; bytes: Uint8Array },
): Promise<WidgetBlob> {
  if (file.bytes.length > MAX_BLOB_BYTES) throw new RangeError("file too large");
  const id = blobId();
  const chunks = Math.ceil(file.bytes.length / CHUNK_BYTES);
  try {
    for (let first = 0; first < chunks; first += CHUNKS_PER_COMMIT) {
      const op = kv.atomic();
      for (let n = first; n < Math.min(chunks, first + CHUNKS_PER_COMMIT); n++) {
        op.set(
          keys.widgetBlobChunk(id, n),
          file.bytes.slice(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES),
        );
      }
      await op.commit();
    }
    const blob: WidgetBlob = {
      id,
      channelId: file.channelId,
      visitorId: file.visitorId,
      name: file.name.slice(0, 200) || "file",
      type: file.type || "application/octet-stream",
      size: file.bytes.length,
      chunks,
      createdAt: new Date().toISOString(),
    };
    await kv.set(keys.widgetBlob(id), blob);
    return blob;
  } catch (e) {
    await deleteBlob(kv, id).catch(() => {});
    throw e;
  }
}

/** A stored file's record, or null. */
export async function getBlob(kv: Deno.Kv, id: string): Promise<WidgetBlob | null> {
  if (!/^[0-9A-Z]{26}[0-9a-f]{20}$/.test(id)) return null;
  return (await kv.get<WidgetBlob>(keys.widgetBlob(id))).value;
}

/** A stored file's bytes, streamed chunk by chunk. */
export function blobStream(kv: Deno.Kv, blob: WidgetBlob): ReadableStream<Uint8Array> {
  const iter = kv.list<Uint8Array>({ prefix: keys.widgetBlobChunks(blob.id) }, { batchSize: 8 });
  return new ReadableStream({
    async pull(controller) {
      const next = await iter.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value.value);
    },
  });
}

/** Removes a file and its chunks. */
export async function deleteBlob(kv: Deno.Kv, id: string): Promise<void> {
  await kv.delete(keys.widgetBlob(id));
  for await (const e of kv.list({ prefix: keys.widgetBlobChunks(id) })) await kv.delete(e.key);
}
