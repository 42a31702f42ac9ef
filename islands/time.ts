/**
 * Dates and times as the UI shows them, in the project's time zone (SPEC L2) rather than the
 * reader's: every helper takes the zone, so the server and the browser render the same text.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** A moment as a wall clock in some zone shows it. */
export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (building them is slow); an unknown zone reads as UTC. */
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f) return f;
  const options: Intl.DateTimeFormatOptions = {
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  };
  try {
    f = new Intl.DateTimeFormat("en-US", { ...options, timeZone: zone });
  } catch {
    f = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
  }
  formatters.set(zone, f);
  return f;
}

/** A moment's calendar day and time of day in `zone`. */
export function wallClock(at: number | string, zone: string): WallClock {
  const ms = typeof at === "number" ? at : Date.parse(at);
  const parts = formatter(zone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far `zone` is ahead of UTC at a moment, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The calendar day `days` after the one `w` is on ("yesterday" is -1), as a comparable key. */
function dayKey(w: Pick<WallClock, "year" | "month" | "day">, days = 0): number {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** "14:05". */
export function clockTime(iso: string, zone: string): string {
  const w = wallClock(iso, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "14:05" today, "Yesterday", "12 Mar" this year, else "12 Mar 2023" — for list rows. */
export function shortTime(iso: string, now: number, zone: string): string {
  const w = wallClock(iso, zone);
  const today = wallClock(now, zone);
  if (dayKey(w) === dayKey(today)) return clockTime(iso, zone);
  if (dayKey(w) === dayKey(today, -1)) return "Yesterday";
  const day = `${w.day} ${MONTHS[w.month - 1]}`;
  return w.year === today.year ? day : `${day} ${w.year}`;
}

/** "12 Mar 2025". */
export function calendarDate(iso: string, zone: string): string {
  const w = wallClock(iso, zone);
  return `${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
}

/** "Today", "Yesterday", "Tomorrow" or "12 Mar 2025": the day separators in the chat. */
export function dayLabel(iso: string, now: number, zone: string): string {
  const w = wallClock(iso, zone);
  const today = wallClock(now, zone);
  const key = dayKey(w);
  if (key === dayKey(today)) return "Today";
  if (key === dayKey(today, -1)) return "Yesterday";
  if (key === dayKey(today, 1)) return "Tomorrow";
  return calendarDate(iso, zone);
}

/** "today at 14:05", "yesterday at 09:12", "tomorrow at 08:00", "12 Mar 2025, 14:05". */
export function dateTime(iso: string, now: number, zone: string): string {
  const label = dayLabel(iso, now, zone);
  return label.includes(" ")
    ? `${label}, ${clockTime(iso, zone)}`
    : `${label.toLowerCase()} at ${clockTime(iso, zone)}`;
}

/** "2026-05-20": a moment's day as a date input holds it. */
export function dateInput(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "14:05": a moment's time as a time input holds it. */
export function timeInput(ms: number, zone: string): string {
  return clockTime(new Date(ms).toISOString(), zone);
}

/** The moment a date input and a time input name together in `zone`; NaN if incomplete. */
export function fromInputs(date: string, time: string, zone: string): number {
  const d = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const t = time.match(/^(\d{2}):(\d{2})$/);
  if (!d || !t) return NaN;
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The zone's offset at the guess, then at the answer: right on both sides of a DST change.
  const guess = asUtc - offsetAt(asUtc, zone);
  return asUtc - offsetAt(guess, zone);
}

const QUARTER_HOUR = 15 * 60_000;

/** The timer's first suggestion: an hour from now, rounded up to the quarter hour. */
export function suggestedSendTime(now: number): number {
  return Math.ceil((now + 3_600_000) / QUARTER_HOUR) * QUARTER_HOUR;
}

/** A zone for labels next to times: "Europe/Berlin (GMT+2)", "UTC". */
export function zoneLabel(zone: string, at = Date.now()): string {
  if (/^(Etc\/)?(UTC|GMT)$/.test(zone)) return zone;
  let offset: string | undefined;
  try {
    offset = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "shortOffset" })
      .formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value;
  } catch {
    return zone;
  }
  return offset && offset !== zone ? `${zone} (${offset})` : zone;
}

/** Zones ICU still lists by an old name, and what the places are called now. */
const RENAMED: Record<string, string> = {
  "America/Godthab": "America/Nuuk",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Dacca": "Asia/Dhaka",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Thimbu": "Asia/Thimphu",
  "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

function known(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every time zone the runtime knows, by today's names, UTC first: what the settings offer. */
export function timeZones(): string[] {
  const listed = typeof Intl.supportedValuesOf === "function"
    ? Intl.supportedValuesOf("timeZone")
    : [];
  const named = listed.map((z) => RENAMED[z] && known(RENAMED[z]) ? RENAMED[z] : z);
  return ["UTC", ...[...new Set(named)].filter((z) => z !== "UTC").sort()];
}
