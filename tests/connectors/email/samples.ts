/** Test data for the e-mail connector, re-typed from Postmark's and Mailgun's documentation. */
import type { Channel, Client, Message } from "../../../kv/records.ts";

/** A Postmark inbound webhook body, trimmed from Postmark's documented example. */
export function postmarkInbound(overrides: Record<string, unknown> = {}) {
  return {
    From: "marta@client.example",
    FromName: "Marta Quintero",
    FromFull: { Email: "Marta@Client.example", Name: "Marta Quintero", MailboxHash: "" },
    To: "support@shop.example",
    ToFull: [{ Email: "support@shop.example", Name: "", MailboxHash: "" }],
    Subject: "Where is my order?",
    MessageID: "73e6d360-66eb-11e1-8e72-a8904824019b",
    Date: "Thu, 5 Apr 2025 16:59:01 +0200",
    MailboxHash: "",
    TextBody: "Hi, my order 1042 has not arrived.\n\nMarta",
    HtmlBody: "<html><body><p>Hi, my order 1042 has not arrived.</p><p>Marta</p></body></html>",
    StrippedTextReply: "",
    Tag: "",
    Headers: [
      { Name: "X-Spam-Status", Value: "No" },
      { Name: "MIME-Version", Value: "1.0" },
      { Name: "Message-ID", Value: "<CAE2kq1xYz@mail.client.example>" },
    ],
    Attachments: [],
    ...overrides,
  };
}

/** The fields of a Mailgun route forward, as Mailgun's docs list them (form-encoded on the wire). */
export function mailgunFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    recipient: "support@shop.example",
    sender: "bob@client.example",
    from: "Bob Stone <Bob@client.example>",
    subject: "Re: Your order",
    "body-plain":
      "Thanks, that works.\n\nOn Tue, Apr 8, 2025 at 10:00 AM Shop <support@shop.example> " +
      "wrote:\n> It ships today.\n",
    "stripped-text": "Thanks, that works.",
    "stripped-signature": "",
    "body-html": "<p>Thanks, that works.</p>",
    "stripped-html": "<p>Thanks, that works.</p>",
    "attachment-count": "0",
    timestamp: "1744100000",
    token: "9e7c1f4f1b6c4c0d8a0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f",
    signature: "",
    "message-headers": JSON.stringify([
      ["Received", "by mail.client.example with SMTP id x1"],
      ["Message-Id", "<CAF=bob-1@mail.client.example>"],
      ["In-Reply-To", "<msg_01.ch_01@shop.example>"],
      ["References", "<CAE2kq1xYz@mail.client.example> <msg_01.ch_01@shop.example>"],
      ["Date", "Tue, 08 Apr 2025 10:05:00 +0000"],
      ["Subject", "Re: Your order"],
    ]),
    "Message-Id": "<CAF=bob-1@mail.client.example>",
    ...overrides,
  };
}

/** Signs Mailgun fields the way Mailgun does: HMAC-SHA256(key, timestamp + token), hex. */
export async function mailgunSign(key: string, timestamp: string, token: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(timestamp + token));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A delivery status notification for one of our e-mails, as Postfix writes them. */
export const BOUNCE = [
  "From: MAILER-DAEMON@mx.client.example (Mail Delivery System)",
  "To: support@shop.example",
  "Subject: Undelivered Mail Returned to Sender",
  "Auto-Submitted: auto-replied",
  "Message-Id: <20250408100001.AB12@mx.client.example>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
  "",
  "--BOUNDARY",
  "Content-Type: text/plain; charset=us-ascii",
  "",
  "I'm sorry to have to inform you that your message could not be delivered.",
  "",
  "--BOUNDARY",
  "Content-Type: message/delivery-status",
  "",
  "Reporting-MTA: dns; mx.client.example",
  "",
  "Final-Recipient: rfc822; gone@client.example",
  "Original-Recipient: rfc822;gone@client.example",
  "Action: failed",
  "Status: 5.1.1",
  "Diagnostic-Code: smtp; 550 5.1.1 <gone@client.example>: Recipient address",
  "    rejected: User unknown in virtual mailbox table",
  "",
  "--BOUNDARY",
  "Content-Type: text/rfc822-headers",
  "",
  "From: Shop <support@shop.example>",
  "To: gone@client.example",
  "Subject: Re: Hello",
  "Message-ID: <msg_07.ch_01@shop.example>",
  "",
  "--BOUNDARY--",
  "",
].join("\r\n");

/** An e-mail channel as stored after connect. */
export function emailChannel(config: Record<string, unknown> = {}): Channel {
  return {
    id: "ch_01",
    type: "email",
    name: "Shop support",
    config: {
      provider: "postmark",
      address: "support@shop.example",
      fromName: "Shop",
      smtp: { host: "127.0.0.1", port: 2525, secure: false },
      postmarkToken: "pm-secret-Zq3w9KfP0sLr7uXe",
      ...config,
    },
    webhookSecret: "pm-secret-Zq3w9KfP0sLr7uXe",
    info: {},
    createdAt: "2025-04-01T12:00:00.000Z",
  };
}

export const client: Client = {
  id: "cl_01",
  channelId: "ch_01",
  channelType: "email",
  platformId: "marta@client.example",
  chatId: "marta@client.example",
  name: "Marta Quintero",
  createdAt: "2025-04-05T14:59:01.000Z",
  lastActivityAt: "2025-04-05T14:59:01.000Z",
  unread: 0,
  pinned: false,
  botBlocked: false,
  seq: 1,
};

/** An employee's reply, with the thread fields the dialog passes for e-mail. */
export function reply(
  text: string,
  thread: { subject?: string; inReplyTo?: string; references?: string[] } = {},
  extra: Partial<Message> = {},
): Message {
  return {
    id: "msg_01",
    clientId: "cl_01",
    seq: 2,
    direction: "out",
    author: { kind: "employee", id: "emp_01", name: "Iris" },
    text,
    attachments: [],
    createdAt: "2025-04-05T15:00:00.000Z",
    status: "queued",
    ...extra,
    ...thread,
  };
}
