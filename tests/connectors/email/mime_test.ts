import assert from "node:assert/strict";
import { mimeToInbound, parseMime } from "../../../connectors/email/mime.ts";
import { BOUNCE, emailChannel } from "./samples.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("parseMime reads sender, subject, threading and the reply without its quote", async () => {
  const raw = [
    'From: "Stone, Bob" <Bob@Client.example>',
    "To: Shop <support@shop.example>",
    "Subject: =?UTF-8?B?UmU6INCX0LDQutCw0Lcg4oSWNDI=?=",
    "Date: Tue, 08 Apr 2025 10:05:00 +0000",
    "Message-ID: <reply-1@mail.client.example>",
    "In-Reply-To: <msg_01.ch_01@shop.example>",
    "References: <first@mail.client.example>",
    " <msg_01.ch_01@shop.example>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Thanks =E2=80=94 Friday is fine.",
    "",
    "On Mon, 7 Apr 2025 at 09:00, Shop <support@shop.example> wrote:",
    "> We can deliver on Friday.",
    "",
  ].join("\r\n");
  const email = await parseMime(enc(raw));
  assert.deepEqual(email, {
    from: { address: "bob@client.example", name: "Stone, Bob" },
    to: ["support@shop.example"],
    subject: "Re: Заказ №42",
    text: "Thanks — Friday is fine.",
    messageId: "<reply-1@mail.client.example>",
    inReplyTo: "<msg_01.ch_01@shop.example>",
    references: ["<first@mail.client.example>", "<msg_01.ch_01@shop.example>"],
    date: "2025-04-08T10:05:00.000Z",
    attachments: [],
    autoSubmitted: false,
  });
});

Deno.test("parseMime takes text from HTML-only mail and lists attachments", async () => {
  const raw = [
    "From: ana@client.example",
    "To: support@shop.example",
    "Subject: Photo",
    "Message-ID: <photo-1@client.example>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="B"',
    "",
    "--B",
    "Content-Type: text/html; charset=utf-8",
    "",
    "<p>The box <b>arrived</b> broken.</p>",
    "--B",
    "Content-Type: image/png; name=box.png",
    "Content-Disposition: attachment; filename=box.png",
    "Content-Transfer-Encoding: base64",
    "",
    "iVBORw0KGgo=",
    "--B--",
    "",
  ].join("\r\n");
  const email = await parseMime(enc(raw));
  assert.equal(email.text, "The box arrived broken.");
  assert.deepEqual(email.attachments, [
    { type: "photo", fileName: "box.png", mimeType: "image/png", size: 8, data: "iVBORw0KGgo=" },
  ]);
});

Deno.test("a delivery failure report becomes a failed status for our e-mail", async () => {
  const items = await mimeToInbound(enc(BOUNCE), emailChannel());
  assert.equal(items.length, 1);
  const [item] = items;
  assert.equal(item.kind, "status");
  assert.equal(item.kind === "status" && item.externalId, "<msg_07.ch_01@shop.example>");
  assert.equal(item.profile.platformId, "gone@client.example");
  assert.equal(
    item.kind === "status" && item.reason,
    "550 5.1.1 <gone@client.example>: Recipient address rejected: User unknown in virtual " +
      "mailbox table",
  );
});

Deno.test("a delay report, an out-of-office answer and a headerless blob give nothing", async () => {
  const delayed = BOUNCE.replace("Action: failed", "Action: delayed");
  assert.deepEqual(await mimeToInbound(enc(delayed), emailChannel()), []);
  const ooo =
    "From: bob@client.example\r\nAuto-Submitted: auto-replied\r\nSubject: Away\r\n\r\nAway";
  assert.deepEqual(await mimeToInbound(enc(ooo), emailChannel()), []);
  assert.deepEqual(await mimeToInbound(enc("just some bytes"), emailChannel()), []);
});
