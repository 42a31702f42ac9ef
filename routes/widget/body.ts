import { z } from "zod";
import { MAX_BLOB_BYTES } from "../../kv/blobs.ts";
import { AppError, BadInput } from "../../errors.ts";

/** What a visitor's message post may carry besides the file. */
export const MessageFields = z.object({
  text: z.string().max(4000, "The message is too long (4000 characters at most).").default(""),
  /** The widget's id for this message: a retry with the same ref is stored once. */
  ref: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  name: z.string().max(100).optional(),
  contact: z.string().max(200).optional(),
  lang: z.string().max(35).optional(),
});
export type MessageFields = z.infer<typeof MessageFields>;

/** A visitor's message: its fields, and the file if one was attached. */
export interface MessagePost {
  fields: MessageFields;
  file: { name: string; type: string; bytes: Uint8Array } | null;
}

const MAX_BODY = MAX_BLOB_BYTES + 256 * 1024;

class TooLarge extends AppError {
  constructor() {
    super(413, "too_large", "The file is too large: 10 MB at most.");
  }
}

/** Reads a body of at most `max` bytes, refusing a larger one as soon as it shows. */
async function readCapped(req: Request, max: number): Promise<Uint8Array> {
  if (Number(req.headers.get("content-length") ?? 0) > max) throw new TooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body ?? []) {
    size += chunk.length;
    if (size > max) throw new TooLarge();
    parts.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fieldsOf(input: unknown): MessageFields {
  const parsed = MessageFields.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new BadInput(`${i.path.join(".") || "body"}: ${i.message}`);
  }
  return parsed.data;
}

/** Parses a message post: JSON `{text, ref, name, contact, lang}` or the same as a form with `file`. */
export async function readMessagePost(req: Request): Promise<MessagePost> {
  const type = req.headers.get("content-type") ?? "";
  const raw = await readCapped(req, MAX_BODY);
  if (/^multipart\/form-data/i.test(type)) {
    const form = await new Response(raw as BodyInit, { headers: { "content-type": type } })
      .formData().catch(() => {
        throw new BadInput("The form body cannot be read.", "malformed_body");
      });
    const fields: Record<string, string> = {};
    for (const [k, v] of form) if (typeof v === "string") fields[k] = v;
    const file = form.get("file");
    if (file !== null && !(file instanceof File)) throw new BadInput("file: must be a file.");
    if (file && file.size > MAX_BLOB_BYTES) throw new TooLarge();
    return {
      fields: fieldsOf(fields),
      file: file && file.size > 0
        ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
        : null,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new BadInput("The body is not JSON.", "malformed_body");
  }
  return { fields: fieldsOf(json), file: null };
}

/** A small JSON body (buttons, receipts), parsed with its schema. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await readCapped(req, 64 * 1024)));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new BadInput("The body is not JSON.", "malformed_body");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new BadInput(`${i.path.join(".") || "body"}: ${i.message}`);
  }
  return parsed.data;
}
