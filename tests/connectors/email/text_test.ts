import assert from "node:assert/strict";
import {
  attachmentType,
  htmlToText,
  messageIds,
  parseAddress,
  stripQuotedReply,
} from "../../../connectors/email/text.ts";

Deno.test("htmlToText keeps the words and the line breaks, drops tags, styles and entities", () => {
  const html = "<html><head><title>t</title><style>.x{color:red}</style></head><body>" +
    "<div>Hello&nbsp;Marta,</div><p>Order &#8470;42 &amp; &#x1F4E6; ships<br>today.</p>" +
    "<ul><li>one</li><li>two</li></ul><!-- tracking --></body></html>";
  assert.equal(htmlToText(html), "Hello Marta,\nOrder №42 & 📦 ships\ntoday.\n• one\n• two");
});

Deno.test("stripQuotedReply cuts a Gmail-style quote, even with the attribution wrapped", () => {
  const gmail =
    "Yes, Friday is fine.\n\nOn Tue, Apr 8, 2025 at 10:00 AM Shop <support@shop.example>" +
    " wrote:\n\n> Can we deliver on Friday?\n> \n";
  assert.equal(stripQuotedReply(gmail), "Yes, Friday is fine.");
  const wrapped =
    "Yes.\r\n\r\nOn Tue, Apr 8, 2025 at 10:00 AM Shop <\r\nsupport@shop.example> wrote:\r\n" +
    "> Can we?\r\n";
  assert.equal(stripQuotedReply(wrapped), "Yes.");
  const russian =
    "Да, спасибо.\n\n8 апр. 2025 г., в 10:00, Shop написал(а):\n\n> Доставка в пятницу?";
  assert.equal(stripQuotedReply(russian), "Да, спасибо.");
});

Deno.test("stripQuotedReply cuts Outlook's original-message block and a bare bottom quote", () => {
  assert.equal(
    stripQuotedReply("Fine.\n\n-----Original Message-----\nFrom: Shop\nSent: today\n\nHello"),
    "Fine.",
  );
  assert.equal(
    stripQuotedReply("Fine.\n________________________________\nFrom: Shop\nHello"),
    "Fine.",
  );
  assert.equal(stripQuotedReply("Sure\n\n> earlier text\n> more\n"), "Sure");
});

Deno.test("stripQuotedReply keeps interleaved answers and text that is only a quote", () => {
  const inline = "> Size?\nM please\n> Colour?\nBlue";
  assert.equal(stripQuotedReply(inline), inline);
  assert.equal(stripQuotedReply("> only a quote"), "> only a quote");
  const prose = "My colleague wrote:\nthe box was open.";
  assert.equal(stripQuotedReply(prose), prose);
});

Deno.test("messageIds reads bracketed ids, folded headers and bare ids", () => {
  assert.deepEqual(messageIds("<a@x>\r\n\t<b@y>,<c@z>"), ["<a@x>", "<b@y>", "<c@z>"]);
  assert.deepEqual(messageIds("a@x b@y"), ["<a@x>", "<b@y>"]);
  assert.deepEqual(messageIds(undefined), []);
  assert.deepEqual(messageIds("no ids here"), []);
});

Deno.test("parseAddress splits display name and address and lower-cases the address", () => {
  assert.deepEqual(parseAddress('"Stone, Bob" <Bob@Client.example>'), {
    address: "bob@client.example",
    name: "Stone, Bob",
  });
  assert.deepEqual(parseAddress("bob@client.example"), { address: "bob@client.example" });
  assert.deepEqual(parseAddress("<bob@client.example>"), { address: "bob@client.example" });
  assert.deepEqual(parseAddress("undisclosed"), { address: "" });
});

Deno.test("attachmentType follows the MIME type", () => {
  assert.equal(attachmentType("image/png"), "photo");
  assert.equal(attachmentType("VIDEO/mp4"), "video");
  assert.equal(attachmentType("audio/ogg"), "audio");
  assert.equal(attachmentType("plain/text"), "document");
  assert.equal(attachmentType(undefined), "document");
});
