import assert from "node:assert/strict";
import {
  avatarColour,
  channelLabel,
  delayLabel,
  duration,
  fileSize,
  initials,
  previewAuthor,
  previewLabel,
} from "../../islands/format.ts";
import { fileKind } from "../../islands/ui/Attachments.tsx";

Deno.test("initials come from the first two words that have letters", () => {
  assert.equal(initials("Ada Lovelace"), "AL");
  assert.equal(initials("maya"), "M");
  assert.equal(initials("  Jean-Luc  Picard  Jr "), "JP");
  assert.equal(initials("🙂 Émile Zola"), "ÉZ");
  assert.equal(initials(""), "?");
});

Deno.test("an avatar's colour is the same for the same id", () => {
  assert.equal(avatarColour("01HZX"), avatarColour("01HZX"));
  assert.match(avatarColour("anything"), /^#[0-9a-f]{6}$/);
  // Different clients get different colours, not one for everybody.
  assert.ok(new Set(["a", "b", "c", "d"].map(avatarColour)).size > 1);
});

Deno.test("durations and sizes read the way messengers show them", () => {
  assert.equal(duration(5), "0:05");
  assert.equal(duration(754), "12:34");
  assert.equal(duration(3723), "1:02:03");
  assert.equal(fileSize(820), "820 B");
  assert.equal(fileSize(148_000), "145 KB");
  assert.equal(fileSize(3_355_443), "3.2 MB");
});

Deno.test("a preview of a message without text names the attachment", () => {
  assert.equal(previewLabel("[voice]"), "🎤 Voice message");
  assert.equal(previewLabel("[video note]"), "⏺️ Video message");
  assert.equal(previewLabel("[unknown thing]"), "[unknown thing]");
  assert.equal(previewLabel("Hello"), "Hello");
});

Deno.test("block delays read as people say them", () => {
  assert.equal(delayLabel(45), "45 s");
  assert.equal(delayLabel(150), "2 min 30 s");
  assert.equal(delayLabel(3_900), "1 h 5 min");
  assert.equal(delayLabel(86_400), "1 day");
  assert.equal(delayLabel(2 * 86_400 + 3_600 + 5), "2 days 1 h");
  assert.equal(delayLabel(0), "no delay");
});

Deno.test("a document's card names its kind from the file name, else from its type", () => {
  assert.equal(fileKind({ fileName: "invoice_0423.pdf" }), "PDF");
  assert.equal(fileKind({ fileName: "Report.final.DOCX" }), "DOCX");
  assert.equal(fileKind({ mimeType: "application/zip" }), "ZIP");
  assert.equal(fileKind({ mimeType: "application/vnd.ms-excel" }), "XLS");
  assert.equal(fileKind({ mimeType: "application/vnd.apple.keynote" }), "FILE");
  assert.equal(fileKind({}), "FILE");
});

Deno.test("every channel type has its product name", () => {
  assert.equal(channelLabel("vk"), "VK");
  assert.equal(channelLabel("email"), "E-mail");
  assert.equal(channelLabel("widget"), "Website chat");
});

Deno.test("an inbox preview says whose the last message was", () => {
  assert.equal(previewAuthor({ direction: "out", author: "bot" }), "Bot: ");
  assert.equal(previewAuthor({ direction: "out", author: "employee" }), "You: ");
  assert.equal(previewAuthor({ direction: "out" }), "You: "); // stored before authors were kept
  assert.equal(previewAuthor({ direction: "in", author: "client" }), "");
  assert.equal(previewAuthor({ direction: "system", author: "system" }), "");
});
