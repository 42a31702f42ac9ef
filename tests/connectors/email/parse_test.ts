import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { Inbound } from "../../../connectors/types.ts";
import {
  emailToInbound,
  fromMailgun,
  fromPostmark,
  parseEmailWebhook,
} from "../../../connectors/email/parse.ts";
import { emailChannel, mailgunFields, postmarkInbound } from "./samples.ts";

const NOW = new Date("2025-04-08T12:00:00.000Z");
const channel = emailChannel();

Deno.test("a Postmark e-mail becomes a message from the lower-cased sender, keyed by its Message-ID", () => {
  const [item] = parseEmailWebhook(postmarkInbound(), channel, NOW);
  Inbound.parse(item);
  assert.deepEqual(item, {
    kind: "message",
    updateKey: "<CAE2kq1xYz@mail.client.example>",
    externalId: "<CAE2kq1xYz@mail.client.example>",
    profile: {
      platformId: "marta@client.example",
      chatId: "marta@client.example",
      name: "Marta Quintero",
      email: "marta@client.example",
    },
    at: "2025-04-05T14:59:01.000Z",
    text: "Hi, my order 1042 has not arrived.\n\nMarta",
    attachments: [],
    subject: "Where is my order?",
    references: [],
  });
});

Deno.test("Postmark's stripped reply wins over the body, and threading headers are kept", () => {
  const [item] = parseEmailWebhook(
    postmarkInbound({
      StrippedTextReply: "Thanks!",
      TextBody: "Thanks!\n\nOn Tue, Shop wrote:\n> It ships today.",
      Headers: [
        { Name: "Message-ID", Value: "<reply-2@mail.client.example>" },
        { Name: "In-Reply-To", Value: "<msg_01.ch_01@shop.example>" },
        {
          Name: "References",
          Value: "<CAE2kq1xYz@mail.client.example>\r\n <msg_01.ch_01@shop.example>",
        },
      ],
    }),
    channel,
    NOW,
  );
  assert.equal(item.kind, "message");
  assert.equal(item.kind === "message" && item.text, "Thanks!");
  assert.equal(Reflect.get(item, "inReplyTo"), "<msg_01.ch_01@shop.example>");
  assert.deepEqual(item.kind === "message" && item.references, [
    "<CAE2kq1xYz@mail.client.example>",
    "<msg_01.ch_01@shop.example>",
  ]);
});

Deno.test("an HTML-only Postmark e-mail gives its text; attachments keep name, type, size and bytes", () => {
  const email = fromPostmark(postmarkInbound({
    TextBody: "",
    HtmlBody: "<html><head><style>p{}</style></head><body><p>Photo&nbsp;attached</p></body></html>",
    Attachments: [
      { Name: "box.jpg", ContentType: "image/jpeg", ContentLength: 52311, Content: "/9j/4AAQ" },
      { Name: "invoice.pdf", ContentType: "application/pdf", ContentLength: 1024, Content: "JVBE" },
    ],
  }));
  assert.equal(email.text, "Photo attached");
  assert.deepEqual(email.attachments, [
    { type: "photo", fileName: "box.jpg", mimeType: "image/jpeg", size: 52311, data: "/9j/4AAQ" },
    {
      type: "document",
      fileName: "invoice.pdf",
      mimeType: "application/pdf",
      size: 1024,
      data: "JVBE",
    },
  ]);
});

Deno.test("without a Message-ID header Postmark's own id keys the message", () => {
  const [item] = parseEmailWebhook(postmarkInbound({ Headers: [] }), channel, NOW);
  assert.equal(item.updateKey, "73e6d360-66eb-11e1-8e72-a8904824019b");
});

Deno.test("an e-mail with neither Message-ID nor provider id gets a key that is stable on redelivery", () => {
  const body = postmarkInbound({ Headers: [], MessageID: undefined });
  const [a] = parseEmailWebhook(body, channel, NOW);
  const [b] = parseEmailWebhook(structuredClone(body), channel, new Date());
  assert.equal(a.updateKey, b.updateKey);
  assert.match(a.updateKey, /^<[0-9a-f]+@switchboard>$/);
});

Deno.test("a subject-only e-mail shows its subject as the text", () => {
  const [item] = parseEmailWebhook(
    postmarkInbound({ TextBody: "", HtmlBody: "", Subject: "Call me back please" }),
    channel,
    NOW,
  );
  assert.equal(item.kind === "message" && item.text, "Call me back please");
});

Deno.test("a Mailgun route post becomes a message with the stripped text and threading", () => {
  const [item] = parseEmailWebhook(mailgunFields(), channel, NOW);
  Inbound.parse(item);
  assert.deepEqual(item, {
    kind: "message",
    updateKey: "<CAF=bob-1@mail.client.example>",
    externalId: "<CAF=bob-1@mail.client.example>",
    profile: {
      platformId: "bob@client.example",
      chatId: "bob@client.example",
      name: "Bob Stone",
      email: "bob@client.example",
    },
    at: "2025-04-08T10:05:00.000Z",
    text: "Thanks, that works.",
    attachments: [],
    subject: "Re: Your order",
    references: ["<CAE2kq1xYz@mail.client.example>", "<msg_01.ch_01@shop.example>"],
    inReplyTo: "<msg_01.ch_01@shop.example>",
  });
});

Deno.test("Mailgun without stripped-text cuts the quote from body-plain; files become attachments", () => {
  const fields: Record<string, unknown> = mailgunFields({ "stripped-text": "" });
  fields["attachment-count"] = "1";
  fields["attachment-1"] = new File([new Uint8Array(300)], "label.png", { type: "image/png" });
  const email = fromMailgun(fields, NOW);
  assert.equal(email.text, "Thanks, that works.");
  assert.deepEqual(email.attachments, [
    { type: "photo", fileName: "label.png", mimeType: "image/png", size: 300 },
  ]);
});

Deno.test("Mailgun fields repeated by the form parser, and a sender with no From, still read", () => {
  const fields: Record<string, unknown> = mailgunFields({ from: "" });
  fields.subject = ["Hello", "Hello"];
  const email = fromMailgun(fields, NOW);
  assert.equal(email.from.address, "bob@client.example");
  assert.equal(email.subject, "Hello");
});

Deno.test("Mailgun signature fields alone, and Postmark bodies with no sender, give nothing", () => {
  const signatureOnly = {
    timestamp: 1539112500,
    token: "7VwW7k6Ak7zcTwoSoNm7aTtbk1g67MKAnsYLfUB7PdszbgR5Xi",
    signature: "ef24c5225322217bb065b80bb54eb4f9206d764e3e16abab07f0a64d1cf477cc",
    recipient: "replies@example.com",
  };
  assert.deepEqual(parseEmailWebhook(signatureOnly, channel, NOW), []);
  assert.deepEqual(
    parseEmailWebhook({ MessageID: "x", FromFull: null, From: null }, channel, NOW),
    [],
  );
});

Deno.test("automatic answers and mail from our own address are ignored", () => {
  const ooo = postmarkInbound({
    Headers: [
      { Name: "Message-ID", Value: "<ooo@mail.client.example>" },
      { Name: "Auto-Submitted", Value: "auto-replied" },
    ],
  });
  assert.deepEqual(parseEmailWebhook(ooo, channel, NOW), []);
  const loop = postmarkInbound({ FromFull: { Email: "Support@Shop.example", Name: "Shop" } });
  assert.deepEqual(parseEmailWebhook(loop, channel, NOW), []);
});

Deno.test("a bounce of one of our e-mails becomes a failed status for it", () => {
  const [item] = emailToInbound(
    {
      from: { address: "mailer-daemon@mx.client.example" },
      to: [],
      subject: "Undelivered Mail Returned to Sender",
      text: "",
      references: [],
      attachments: [],
      autoSubmitted: true,
      bounce: {
        recipient: "gone@client.example",
        originalMessageId: "<msg_07.ch_01@shop.example>",
        reason: "550 5.1.1 User unknown",
      },
    },
    channel,
    NOW,
  );
  assert.deepEqual(item, {
    kind: "status",
    updateKey: "<msg_07.ch_01@shop.example>:failed",
    profile: {
      platformId: "gone@client.example",
      chatId: "gone@client.example",
      name: "gone@client.example",
      email: "gone@client.example",
    },
    at: NOW.toISOString(),
    externalId: "<msg_07.ch_01@shop.example>",
    status: "failed",
    reason: "550 5.1.1 User unknown",
  });
});

Deno.test("a body that is neither Postmark nor Mailgun is BadInput", () => {
  for (const body of [null, [], "text", 5, { update_id: 1 }, { object: "page", entry: [] }]) {
    assert.throws(() => parseEmailWebhook(body, channel, NOW), BadInput, JSON.stringify(body));
  }
});

Deno.test("odd field types in a Postmark capture read as absent instead of failing", () => {
  const items = parseEmailWebhook(
    postmarkInbound({ Subject: 5, Headers: "none", Attachments: [{ Name: 1 }], Date: "soon" }),
    channel,
    NOW,
  );
  assert.equal(items.length, 1);
  assert.equal(items[0].at, NOW.toISOString());
  assert.equal(items[0].kind === "message" && items[0].subject, "");
});
