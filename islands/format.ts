/** Display helpers shared by the islands; pure, so the server renders the same text. */

const pad = (n: number) => String(n).padStart(2, "0");

/** Up to two initials from a display name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.slice(0, 2).map((w) => [...w.replace(/^[^\p{L}\p{N}]+/u, "")][0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

const AVATAR_COLOURS = [
  "#5b7cfa",
  "#3fa7a0",
  "#e0795b",
  "#9b6ad6",
  "#d4a13a",
  "#4f9d5d",
  "#d0607f",
  "#4a90c2",
];

/** A stable colour for an avatar without a picture, derived from the client's id. */
export function avatarColour(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[h % AVATAR_COLOURS.length];
}

/** "0:05", "12:40", "1:02:03". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** "45 s", "2 min 30 s", "1 h 5 min", "1 day": a bot block's delay, as people say it. */
export function delayLabel(seconds: number): string {
  const units: [number, string][] = [[86_400, "day"], [3_600, "h"], [60, "min"], [1, "s"]];
  const parts: string[] = [];
  let left = Math.max(0, Math.round(seconds));
  for (const [size, name] of units) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(name === "day" ? `${n} day${n === 1 ? "" : "s"}` : `${n} ${name}`);
  }
  return parts.slice(0, 2).join(" ") || "no delay";
}

/** "820 B", "14 KB", "3.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What a channel type is called in the product. */
export function channelLabel(type: string): string {
  const names: Record<string, string> = {
    telegram: "Telegram",
    whatsapp: "WhatsApp",
    messenger: "Messenger",
    instagram: "Instagram",
    vk: "VK",
    viber: "Viber",
    email: "E-mail",
    widget: "Website chat",
  };
  return names[type] ?? type;
}

const ATTACHMENT_PREVIEWS: Record<string, string> = {
  photo: "📷 Photo",
  video: "🎬 Video",
  animation: "🎞️ GIF",
  "video note": "⏺️ Video message",
  audio: "🎵 Audio",
  voice: "🎤 Voice message",
  document: "📄 Document",
  sticker: "Sticker",
  location: "📍 Location",
  venue: "📍 Place",
  contact: "👤 Contact",
  dice: "🎲 Dice",
};

/** A list row's preview: the server's "[voice]" for a message without text reads as a chip. */
/**
 * Whose last message it was, as an inbox row starts it: "Bot: " for the bot's, "You: " for the
 * team's; the client's own and system notices need no label.
 */
export function previewAuthor(p: { direction: string; author?: string }): string {
  if (p.author === "bot") return "Bot: ";
  return p.direction === "out" ? "You: " : "";
}

export function previewLabel(text: string): string {
  const kind = text.match(/^\[([a-z ]+)\]$/)?.[1];
  return (kind && ATTACHMENT_PREVIEWS[kind]) || text;
}
