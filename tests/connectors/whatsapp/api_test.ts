import assert from "node:assert/strict";
import { uniqueTitles, whatsappBodies } from "../../../connectors/whatsapp/api.ts";

const TO = "972987654321";
const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: TO };

Deno.test("text goes as a text message, with link previews only when it has a link", () => {
  assert.deepEqual(whatsappBodies(TO, { text: "Hello", attachments: [] }), [
    { ...envelope, type: "text", text: { body: "Hello", preview_url: false } },
  ]);
  const [withLink] = whatsappBodies(TO, { text: "See https://shop.example.com", attachments: [] });
  assert.deepEqual(withLink.text, { body: "See https://shop.example.com", preview_url: true });
  assert.deepEqual(whatsappBodies(TO, { text: "   ", attachments: [] }), []);
});

Deno.test("up to three buttons become reply buttons with titles cut to 20 characters", () => {
  const [body] = whatsappBodies(TO, {
    text: "Did that help?",
    attachments: [],
    buttons: [
      { text: "Yes, thanks", data: "block:2" },
      { text: "No, I still need a person to call me", data: "block:3" },
    ],
  });
  assert.deepEqual(body, {
    ...envelope,
    type: "interactive",
    interactive: {
      type: "button",
      body: { text: "Did that help?" },
      action: {
        buttons: [
          { type: "reply", reply: { id: "block:2", title: "Yes, thanks" } },
          { type: "reply", reply: { id: "block:3", title: "No, I still need a …" } },
        ],
      },
    },
  });
});

Deno.test("four to ten buttons become a list; past ten, the first ten are offered", () => {
  const buttons = Array.from({ length: 12 }, (_, i) => ({
    text: i === 0 ? "A very long option name that goes on" : `Option ${i + 1}`,
    data: `opt:${i + 1}`,
  }));
  const [body] = whatsappBodies(TO, { text: "", attachments: [], buttons });
  const interactive = body.interactive as {
    type: string;
    body: { text: string };
    action: {
      button: string;
      sections: { rows: { id: string; title: string; description?: string }[] }[];
    };
  };
  assert.equal(interactive.type, "list");
  assert.equal(interactive.body.text, "Choose an option");
  assert.equal(interactive.action.button, "Choose");
  const rows = interactive.action.sections[0].rows;
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[0], {
    id: "opt:1",
    title: "A very long option name…",
    description: "A very long option name that goes on",
  });
  assert.deepEqual(rows[9], { id: "opt:10", title: "Option 10" });
});

Deno.test("titles that would repeat after cutting are kept distinct", () => {
  const titles = uniqueTitles(
    ["Delivery to my home address", "Delivery to my office", "Pickup"],
    20,
  );
  assert.deepEqual(titles, ["Delivery to my home…", "Delivery to my offi…", "Pickup"]);
  const same = uniqueTitles(["Same label", "Same label", ""], 20);
  assert.equal(new Set(same).size, 3);
  assert.ok(same.every((t) => Array.from(t).length <= 20));
});

Deno.test("media go by link; the text rides as the first caption when it fits", () => {
  const bodies = whatsappBodies(TO, {
    text: "Your invoice and the map",
    attachments: [
      { type: "document", url: "https://files.example.com/inv-7.pdf", fileName: "inv-7.pdf" },
      { type: "photo", url: "https://files.example.com/map.png" },
      { type: "photo", fileId: "inbound-only" },
      { type: "location", latitude: 52.52, longitude: 13.405, title: "Shop" },
    ],
  });
  assert.deepEqual(bodies.map((b) => b.type), ["document", "image", "location"]);
  assert.deepEqual(bodies[0].document, {
    link: "https://files.example.com/inv-7.pdf",
    filename: "inv-7.pdf",
    caption: "Your invoice and the map",
  });
  assert.deepEqual(bodies[1].image, { link: "https://files.example.com/map.png" });
  assert.deepEqual(bodies[2].location, { latitude: 52.52, longitude: 13.405, name: "Shop" });
});

Deno.test("audio cannot carry a caption, and buttons keep the text with them", () => {
  const audio = whatsappBodies(TO, {
    text: "Listen",
    attachments: [{ type: "voice", url: "https://files.example.com/a.ogg" }],
  });
  assert.deepEqual(audio.map((b) => b.type), ["audio", "text"]);
  const withButtons = whatsappBodies(TO, {
    text: "Like it?",
    attachments: [{ type: "photo", url: "https://files.example.com/p.jpg" }],
    buttons: [{ text: "Yes", data: "y" }],
  });
  assert.deepEqual(withButtons.map((b) => b.type), ["image", "interactive"]);
  const long = whatsappBodies(TO, {
    text: "x".repeat(2000),
    attachments: [],
    buttons: [{ text: "OK", data: "ok" }],
  });
  assert.deepEqual(long.map((b) => b.type), ["text", "interactive"], "a long text goes first");
});
