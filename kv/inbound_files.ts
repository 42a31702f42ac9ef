import type { Inbound } from "../connectors/types.ts";
import { MAX_BLOB_BYTES, saveBlob } from "./blobs.ts";

/** The fileId of a file kept in our own blob store. */
export const BLOB_PREFIX = "blob:";

/**
 * Files that came inside the webhook (e-mail attachments) go to the blob store before the event
 * reaches the dialog: a message keeps a `blob:` reference, never the bytes. Too large → name only.
 */
export async function storeInboundFiles(
  kv: Deno.Kv,
  channelId: string,
  events: Inbound[],
): Promise<Inbound[]> {
  const out: Inbound[] = [];
  for (const event of events) {
    if (event.kind !== "message" && event.kind !== "edited") {
      out.push(event);
      continue;
    }
    const attachments = [];
    for (const { data, ...a } of event.attachments) {
      if (!data) {
        attachments.push(a);
        continue;
      }
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      if (bytes.length > MAX_BLOB_BYTES) {
        attachments.push(a);
        continue;
      }
      const blob = await saveBlob(kv, {
        channelId,
        visitorId: "",
        name: a.fileName ?? "file",
        type: a.mimeType ?? "application/octet-stream",
        bytes,
      });
      attachments.push({ ...a, fileId: `${BLOB_PREFIX}${blob.id}`, size: bytes.length });
    }
    out.push({ ...event, attachments });
  }
  return out;
}
