import { Buffer } from "node:buffer";
import {
  type AddressObject,
  type HeaderValue,
  type ParsedMail,
  simpleParser,
  type StructuredHeader,
} from "mailparser";
import type { Channel } from "../../kv/records.ts";
import type { Inbound } from "../types.ts";
import { emailToInbound, type InboundEmail } from "./parse.ts";
import { attachmentType, htmlToText, messageId, messageIds, stripQuotedReply } from "./text.ts";

/**
 * Parses a raw RFC 5322 message (as our SMTP receiver got it) into an e-mail. Touches nothing
 * outside: the same bytes always give the same e-mail.
 *
 * @example
 * ```ts
 * const email = await parseMime(new TextEncoder().encode("From: a@b.example\r\n\r\nHi"));
 * ```
 */
export async function parseMime(raw: Uint8Array): Promise<InboundEmail> {
  const mail = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    keepCidLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepDeliveryStatus: true,
    ignoreEmbedded: true,
    checksumAlgo: false,
  });
  const sender = addresses(mail.from)[0] ?? { address: "" };
  const report = deliveryReport(mail);
  return {
    from: sender,
    to: addresses(mail.to).map((a) => a.address),
    subject: (mail.subject ?? "").trim(),
    // mailparser leaves `text` unset when the only body is HTML outside multipart/alternative.
    text: stripQuotedReply(mail.text?.trim() || htmlToText(mail.html || "")),
    messageId: messageId(mail.messageId),
    inReplyTo: messageId(mail.inReplyTo),
    references: [mail.references ?? []].flat().flatMap(messageIds),
    date: mail.date && Number.isFinite(mail.date.getTime()) ? mail.date.toISOString() : undefined,
    attachments: report.isReport ? [] : mail.attachments.map((a) => ({
      type: attachmentType(a.contentType),
      ...(a.filename ? { fileName: a.filename } : {}),
      mimeType: a.contentType,
      size: a.size,
      ...(a.content?.length ? { data: Buffer.from(a.content).toString("base64") } : {}),
    })),
    // A report we cannot tie to one of our e-mails must not become a client called MAILER-DAEMON.
    autoSubmitted: report.isReport || isAutomatic(mail.headers),
    ...(report.bounce ? { bounce: report.bounce } : {}),
  };
}

/** Parses a raw e-mail from the SMTP receiver into inbound events for its channel. */
export async function mimeToInbound(
  raw: Uint8Array,
  channel: Channel,
  now = new Date(),
): Promise<Inbound[]> {
  return emailToInbound(await parseMime(raw), channel, now);
}

function addresses(value: AddressObject | AddressObject[] | undefined) {
  const list = [value ?? []].flat().flatMap((o) => o.value);
  const flat = list.flatMap((a) => a.group ?? [a]);
  return flat.filter((a) => a.address).map((a) => {
    const address = a.address!.toLowerCase();
    return a.name ? { address, name: a.name } : { address };
  });
}

function isStructured(value: HeaderValue | undefined): value is StructuredHeader {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    "value" in value && typeof value.value === "string" && "params" in value;
}

function header(headers: Map<string, HeaderValue>, name: string): string {
  const value = headers.get(name);
  if (typeof value === "string") return value;
  return isStructured(value) ? value.value : "";
}

function isAutomatic(headers: Map<string, HeaderValue>): boolean {
  const auto = header(headers, "auto-submitted").trim().toLowerCase();
  if (auto && auto !== "no") return true;
  if (/^(auto_reply|bulk|junk|list)$/i.test(header(headers, "precedence").trim())) return true;
  return headers.has("x-autoreply") || headers.has("x-autorespond");
}

/** Reads a delivery status notification (RFC 3464): who could not get which of our e-mails. */
function deliveryReport(mail: ParsedMail): { isReport: boolean; bounce?: InboundEmail["bounce"] } {
  const type = mail.headers.get("content-type");
  const isReport = isStructured(type) && type.value === "multipart/report" &&
    type.params["report-type"]?.toLowerCase() === "delivery-status";
  if (!isReport) return { isReport: false };
  const part = (types: string[]) =>
    mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()))?.content
      .toString("utf8") ?? "";
  const status = part(["message/delivery-status", "message/global-delivery-status"]);
  const original = part(["message/rfc822", "text/rfc822-headers", "message/global-headers"]);
  const field = (name: string) =>
    status.match(new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, "im"))?.[1]
      .replace(/\s+/g, " ").trim() ?? "";
  const action = field("Action").toLowerCase();
  const recipient = (field("Final-Recipient") || field("Original-Recipient"))
    .replace(/^[^;]*;\s*/, "").toLowerCase();
  const originalMessageId = messageId(original.match(/^Message-ID:\s*(.+)$/im)?.[1]);
  if (action !== "failed" || !recipient || !originalMessageId) return { isReport };
  const reason = field("Diagnostic-Code").replace(/^[^;]*;\s*/, "") ||
    `Delivery failed with status ${field("Status") || "unknown"}`;
  return { isReport, bounce: { recipient, originalMessageId, reason } };
}
