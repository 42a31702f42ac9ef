import assert from "node:assert/strict";
import {
  calendarDate,
  clockTime,
  dateInput,
  dateTime,
  dayLabel,
  fromInputs,
  shortTime,
  suggestedSendTime,
  timeInput,
  timeZones,
  zoneLabel,
} from "../../islands/time.ts";

const BERLIN = "Europe/Berlin";
const TOKYO = "Asia/Tokyo";
const NEW_YORK = "America/New_York";

Deno.test("one moment reads as each zone's own wall clock", () => {
  const at = "2026-05-20T22:30:00.000Z";
  assert.equal(clockTime(at, "UTC"), "22:30");
  assert.equal(clockTime(at, BERLIN), "00:30");
  assert.equal(clockTime(at, TOKYO), "07:30");
  assert.equal(clockTime(at, NEW_YORK), "18:30");
  assert.equal(clockTime(at, "Asia/Kolkata"), "04:00");
  assert.equal(calendarDate(at, BERLIN), "21 May 2026");
  assert.equal(calendarDate(at, NEW_YORK), "20 May 2026");
});

Deno.test("list times: HH:MM today, Yesterday, a date this year, a full date before", () => {
  const now = Date.parse("2026-05-20T13:00:00Z");
  assert.equal(shortTime("2026-05-20T07:05:00Z", now, BERLIN), "09:05");
  assert.equal(shortTime("2026-05-19T21:59:00Z", now, BERLIN), "Yesterday");
  // 23:30 in UTC on the 19th is already the 20th in Tokyo.
  assert.equal(shortTime("2026-05-19T23:30:00Z", now, "UTC"), "Yesterday");
  assert.equal(shortTime("2026-05-19T23:30:00Z", now, TOKYO), "08:30");
  assert.equal(shortTime("2026-03-12T08:00:00Z", now, BERLIN), "12 Mar");
  assert.equal(shortTime("2024-11-02T08:00:00Z", now, BERLIN), "2 Nov 2024");
});

Deno.test("times say today, yesterday or tomorrow in the zone, else the date", () => {
  const now = Date.parse("2026-05-20T13:00:00Z");
  assert.equal(dateTime("2026-05-20T07:05:00Z", now, BERLIN), "today at 09:05");
  assert.equal(dateTime("2026-05-19T21:59:00Z", now, BERLIN), "yesterday at 23:59");
  assert.equal(dateTime("2026-05-21T06:00:00Z", now, BERLIN), "tomorrow at 08:00");
  assert.equal(dateTime("2026-05-23T06:00:00Z", now, BERLIN), "23 May 2026, 08:00");
  // Late on the 20th in New York is the 21st in Berlin: the day turns where the zone says.
  const late = Date.parse("2026-05-21T02:00:00Z");
  assert.equal(dayLabel("2026-05-20T23:00:00Z", late, NEW_YORK), "Today");
  assert.equal(dayLabel("2026-05-20T21:00:00Z", late, BERLIN), "Yesterday");
});

Deno.test("a day that is not 24 hours long still has a yesterday", () => {
  // Berlin moved its clocks forward on 29 March 2026: that day was 23 hours long.
  const now = Date.parse("2026-03-30T00:30:00+02:00");
  assert.equal(dayLabel("2026-03-29T00:10:00+01:00", now, BERLIN), "Yesterday");
  assert.equal(dayLabel("2026-03-28T23:50:00+01:00", now, BERLIN), "28 Mar 2026");
});

Deno.test("date and time inputs round-trip a moment in the zone", () => {
  for (const zone of ["UTC", BERLIN, TOKYO, NEW_YORK, "Asia/Kathmandu"]) {
    const moment = Date.parse("2026-01-07T09:30:00Z");
    const date = dateInput(moment, zone);
    const time = timeInput(moment, zone);
    assert.equal(fromInputs(date, time, zone), moment, zone);
  }
  assert.equal(dateInput(Date.parse("2026-01-07T23:30:00Z"), TOKYO), "2026-01-08");
  assert.equal(fromInputs("2026-07-01", "10:00", BERLIN), Date.parse("2026-07-01T08:00:00Z"));
  assert.equal(fromInputs("2026-01-01", "10:00", BERLIN), Date.parse("2026-01-01T09:00:00Z"));
  assert.ok(Number.isNaN(fromInputs("2026-01-07", "", BERLIN)));
  assert.ok(Number.isNaN(fromInputs("", "09:30", BERLIN)));
});

Deno.test("the timer suggests an hour from now, on the next quarter hour", () => {
  const now = Date.parse("2026-05-20T14:23:10Z");
  assert.equal(suggestedSendTime(now), Date.parse("2026-05-20T15:30:00Z"));
  const late = Date.parse("2026-05-20T23:50:00Z");
  assert.equal(dateInput(suggestedSendTime(late), "UTC"), "2026-05-21");
});

Deno.test("a zone's label carries its offset; UTC is just UTC", () => {
  assert.equal(zoneLabel(BERLIN, Date.parse("2026-07-01T00:00:00Z")), "Europe/Berlin (GMT+2)");
  assert.equal(zoneLabel(BERLIN, Date.parse("2026-01-01T00:00:00Z")), "Europe/Berlin (GMT+1)");
  assert.equal(zoneLabel("UTC"), "UTC");
  assert.equal(zoneLabel("Not/A_Zone"), "Not/A_Zone");
});

Deno.test("an unknown zone reads as UTC rather than breaking the page", () => {
  assert.equal(clockTime("2026-05-20T22:30:00Z", "Not/A_Zone"), "22:30");
});

Deno.test("the zone list starts with UTC and holds the runtime's zones once", () => {
  const zones = timeZones();
  assert.equal(zones[0], "UTC");
  assert.ok(zones.includes(BERLIN) && zones.includes(TOKYO));
  // Today's names, not the ones ICU kept for compatibility.
  assert.ok(zones.includes("Asia/Kolkata") && zones.includes("Europe/Kyiv"));
  assert.ok(!zones.includes("Asia/Calcutta"));
  assert.equal(new Set(zones).size, zones.length);
});
