import type { Attachment } from "../../kv/records.ts";

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  copy: "©",
};

/**
 * Reads the text out of an HTML e-mail body: blocks become lines, tags and styles go.
 *
 * @example
 * ```ts
 * htmlToText("<p>Hi&nbsp;there</p><p>Bye</p>"); // "Hi there\nBye"
 * ```
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table)\s*>|<hr\b[^>]*>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "• ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// "On Mon, 3 Mar 2025 at 10:00, Shop <support@shop.example> wrote:" and its translations.
const ATTRIBUTION =
  /(wrote|writes|schrieb|a écrit|escribió|scrisse|schreef|skrev|napisał|написал|написала|написал\(а\)):\s*$/i;
const OUTLOOK_SEPARATOR =
  /^(-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}|_{10,})\s*$/i;

/**
 * Cuts the quoted history off a plain-text reply, so the inbox shows only what the client wrote.
 * Gives the text back whole when nothing but a quote would be left.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const nextFilled = (from: number) => {
    for (let j = from; j < lines.length; j++) if (lines[j].trim()) return lines[j];
    return "";
  };
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (ATTRIBUTION.test(line) && nextFilled(i + 1).trimStart().startsWith(">")) {
      // Clients wrap a long attribution line, so "On …" may start on the line before.
      const prev = lines[i - 1]?.trim() ?? "";
      cut = prev && !/^On\b/i.test(line) && /^(On|Am|Le|El|Il|Op|Den|W dniu)\b/i.test(prev)
        ? i - 1
        : i;
      break;
    }
    if (OUTLOOK_SEPARATOR.test(line)) {
      cut = i;
      break;
    }
  }
  // A quote at the bottom with no attribution line.
  let end = cut;
  while (end > 0 && (!lines[end - 1].trim() || lines[end - 1].trimStart().startsWith(">"))) end--;
  if (lines.slice(end, cut).some((l) => l.trim())) cut = end;
  const kept = lines.slice(0, cut).join("\n").trim();
  return kept || text.trim();
}

/**
 * The Message-IDs in a header value, each as `<id@host>`, in order.
 *
 * @example
 * ```ts
 * messageIds("<a@x> <b@y>"); // ["<a@x>", "<b@y>"]
 * ```
 */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  return value.split(/[\s,]+/).filter((v) => v.includes("@")).map((v) => `<${v}>`);
}

/** One Message-ID, as `<id@host>`, or undefined when the value holds none. */
export function messageId(value: string | undefined): string | undefined {
  return messageIds(value)[0];
}

/** What kind of attachment a file is, from its MIME type. */
export function attachmentType(mimeType: string | undefined): Attachment["type"] {
  const type = (mimeType ?? "").toLowerCase();
  if (type.startsWith("image/")) return "photo";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "document";
}

/** Splits `"Ada Lovelace" <ada@example.com>` into its name and lower-cased address. */
export function parseAddress(value: string | undefined): { address: string; name?: string } {
  const text = (value ?? "").trim();
  const angle = text.match(/^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/);
  if (angle) {
    const name = angle[1].trim().replace(/^"(.*)"$/, "$1").replace(/\\(.)/g, "$1").trim();
    return name ? { address: angle[2].toLowerCase(), name } : { address: angle[2].toLowerCase() };
  }
  const bare = text.match(/[^\s<>"(),;:]+@[^\s<>"(),;:]+/);
  return { address: bare ? bare[0].toLowerCase() : "" };
}
