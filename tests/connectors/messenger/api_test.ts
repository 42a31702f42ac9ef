import assert from "node:assert/strict";
import { INSTAGRAM, messagingBodies, MESSENGER } from "../../../connectors/messenger/api.ts";
import { outgoing } from "../meta/samples.ts";

const PSID = "1433960459967306";

Deno.test("an employee's reply is tagged HUMAN_AGENT; a bot's goes as a RESPONSE", () => {
  assert.deepEqual(messagingBodies(PSID, outgoing("On it!"), MESSENGER), [{
    recipient: { id: PSID },
    messaging_type: "MESSAGE_TAG",
    tag: "HUMAN_AGENT",
    message: { text: "On it!" },
  }]);
  const bot = messagingBodies(PSID, outgoing("Welcome", { author: { kind: "bot" } }), MESSENGER);
  assert.deepEqual(bot, [{
    recipient: { id: PSID },
    messaging_type: "RESPONSE",
    message: { text: "Welcome" },
  }]);
});

Deno.test("buttons become quick replies on the last part, at most 13, titles cut to 20", () => {
  const buttons = Array.from({ length: 15 }, (_, i) => ({
    text: i === 0 ? "Talk to a person about my order" : `Choice ${i + 1}`,
    data: `c:${i + 1}`,
  }));
  const [body] = messagingBodies(PSID, outgoing("Pick one", { buttons }), MESSENGER);
  const message = body.message as { text: string; quick_replies: Record<string, string>[] };
  assert.equal(message.text, "Pick one");
  assert.equal(message.quick_replies.length, 13);
  assert.deepEqual(message.quick_replies[0], {
    content_type: "text",
    title: "Talk to a person ab…",
    payload: "c:1",
  });
  const [noText] = messagingBodies(PSID, outgoing("", { buttons: buttons.slice(0, 1) }), MESSENGER);
  assert.equal((noText.message as { text: string }).text, "Choose an option");
});

Deno.test("media go by URL before the text; what cannot be sent goes as a link", () => {
  const bodies = messagingBodies(
    PSID,
    outgoing("Here you go", {
      attachments: [
        { type: "photo", url: "https://files.example.com/a.jpg" },
        { type: "document", url: "https://files.example.com/terms.pdf" },
        { type: "location", latitude: 52.52, longitude: 13.405, title: "Shop" },
        { type: "photo", fileId: "no-url" },
      ],
      buttons: [{ text: "Thanks", data: "thanks" }],
    }),
    MESSENGER,
  );
  assert.deepEqual(bodies.map((b) => b.message), [
    {
      attachment: {
        type: "image",
        payload: { url: "https://files.example.com/a.jpg", is_reusable: false },
      },
    },
    {
      attachment: {
        type: "file",
        payload: { url: "https://files.example.com/terms.pdf", is_reusable: false },
      },
    },
    {
      text: "Here you go\nShop: https://maps.google.com/?q=52.52,13.405",
      quick_replies: [{ content_type: "text", title: "Thanks", payload: "thanks" }],
    },
  ]);
  const ig = messagingBodies(
    PSID,
    outgoing("Terms", {
      attachments: [{ type: "document", url: "https://files.example.com/t.pdf" }],
    }),
    INSTAGRAM,
  );
  assert.deepEqual(ig.map((b) => b.message), [{ text: "Terms\nhttps://files.example.com/t.pdf" }]);
});

Deno.test("long text is split at the product's limit: 2000 on Messenger, 1000 on Instagram", () => {
  const text = "word ".repeat(900).trim();
  const messenger = messagingBodies(PSID, outgoing(text), MESSENGER);
  const instagram = messagingBodies(PSID, outgoing(text), INSTAGRAM);
  const lengths = (bodies: Record<string, unknown>[]) =>
    bodies.map((b) => (b.message as { text: string }).text.length);
  assert.equal(messenger.length, 3);
  assert.equal(instagram.length, 5);
  assert.ok(lengths(messenger).every((n) => n <= 2000));
  assert.ok(lengths(instagram).every((n) => n <= 1000));
  assert.deepEqual(messagingBodies(PSID, outgoing("  "), MESSENGER), []);
});
