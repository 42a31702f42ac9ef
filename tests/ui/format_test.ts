import assert from "node:assert/strict";
import {
  avatarColour,
  dateInput,
  dateTime,
  delayLabel,
  duration,
  fileSize,
  fromInputs,
  initials,
  previewLabel,
  shortTime,
  suggestedSendTime,
  timeInput,
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

Deno.test("times say today, yesterday or tomorrow, else the date", () => {
  const now = new Date(2026, 4, 20, 15, 0).getTime();
  const at = (d: number, h: number, m: number) => new Date(2026, 4, d, h, m).toISOString();
  assert.equal(dateTime(at(20, 9, 5), now), "today at 09:05");
  assert.equal(dateTime(at(19, 23, 59), now), "yesterday at 23:59");
  assert.equal(dateTime(at(21, 8, 0), now), "tomorrow at 08:00");
  assert.equal(dateTime(at(23, 8, 0), now), "23 May 2026, 08:00");
});

Deno.test("date and time inputs round-trip a moment in the reader's zone", () => {
  const moment = new Date(2026, 0, 7, 9, 30).getTime();
  assert.equal(dateInput(moment), "2026-01-07");
  assert.equal(timeInput(moment), "09:30");
  assert.equal(fromInputs("2026-01-07", "09:30"), moment);
  assert.ok(Number.isNaN(fromInputs("2026-01-07", "")));
  assert.ok(Number.isNaN(fromInputs("", "09:30")));
});

Deno.test("the timer suggests an hour from now, on the next quarter hour", () => {
  const now = new Date(2026, 4, 20, 14, 23, 10).getTime();
  assert.equal(suggestedSendTime(now), new Date(2026, 4, 20, 15, 30).getTime());
  const late = new Date(2026, 4, 20, 23, 50).getTime();
  assert.equal(dateInput(suggestedSendTime(late)), "2026-05-21");
});

Deno.test("block delays read as people say them", () => {
  assert.equal(delayLabel(45), "45 s");
  assert.equal(delayLabel(150), "2 min 30 s");
  assert.equal(delayLabel(3_900), "1 h 5 min");
  assert.equal(delayLabel(86_400), "1 day");
  assert.equal(delayLabel(2 * 86_400 + 3_600 + 5), "2 days 1 h");
  assert.equal(delayLabel(0), "no delay");
});
