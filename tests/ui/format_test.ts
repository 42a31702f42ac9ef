import assert from "node:assert/strict";
import {
  avatarColour,
  duration,
  fileSize,
  initials,
  previewLabel,
  shortTime,
} from "../../islands/format.ts";

Deno.test("list times: HH:MM today, Yesterday, a date this year, a full date before", () => {
  const now = new Date(2026, 4, 20, 15, 0).getTime();
  assert.equal(shortTime(new Date(2026, 4, 20, 9, 5).toISOString(), now), "09:05");
  assert.equal(shortTime(new Date(2026, 4, 19, 23, 59).toISOString(), now), "Yesterday");
  assert.equal(shortTime(new Date(2026, 2, 12, 8, 0).toISOString(), now), "12 Mar");
  assert.equal(shortTime(new Date(2024, 10, 2, 8, 0).toISOString(), now), "2 Nov 2024");
});

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
