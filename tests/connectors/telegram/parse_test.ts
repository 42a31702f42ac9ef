import assert from "node:assert/strict";
import { chat, from, message, parse, profile } from "./samples.ts";
Deno.test("private text with entities becomes a message", () => {
  const items = parse(message(10, {
    text: "Hi! Is order #4471 ready? see https://shop.example/o/4471",
    entities: [{ offset: 30, length: 28, type: "url" }],
  }));
  assert.deepEqual(items, [{
    kind: "message",
    updateKey: "88000010",
    externalId: "10",
    profile,
    at: "2024-05-29T16:26:40.000Z",
    text: "Hi! Is order #4471 ready? see https://shop.example/o/4471",
    attachments: [],
  }]);
});

Deno.test("a /start without entities or is_bot is plain text", () => {
  const [item] = parse({
    update_id: 12_001,
    message: {
      message_id: 1,
      from: { id: 5_120_331, first_name: "Oleg" },
      chat: { id: 5_120_331, first_name: "Oleg", type: "private" },
      date: 1_454_119_029,
      text: "/start",
    },
  });
  assert.equal(item.kind, "message");
  assert.equal(item.kind === "message" && item.text, "/start");
  assert.deepEqual(item.profile, { platformId: "5120331", chatId: "5120331", name: "Oleg" });
});

Deno.test("a photo keeps its caption and only the largest size", () => {
  const [item] = parse(message(11, {
    caption: "the crack on the lid",
    photo: [
      { file_id: "ph-s", file_unique_id: "u1", file_size: 1_402, width: 90, height: 67 },
      { file_id: "ph-l", file_unique_id: "u3", file_size: 98_221, width: 1280, height: 960 },
      { file_id: "ph-m", file_unique_id: "u2", file_size: 21_930, width: 320, height: 240 },
    ],
  }));
  assert.ok(item.kind === "message");
  assert.equal(item.text, "the crack on the lid");
  assert.deepEqual(item.attachments, [
    { type: "photo", fileId: "ph-l", width: 1280, height: 960, size: 98_221 },
  ]);
});

Deno.test("a document keeps its name, type and size", () => {
  const [item] = parse(message(12, {
    document: {
      file_name: "invoice-2024-118.pdf",
      mime_type: "application/pdf",
      file_id: "BQACAgIAAxkBAAIB",
      file_unique_id: "AgAD",
      file_size: 184_320,
    },
  }));
  assert.ok(item.kind === "message");
  assert.equal(item.text, "");
  assert.deepEqual(item.attachments, [{
    type: "document",
    fileId: "BQACAgIAAxkBAAIB",
    fileName: "invoice-2024-118.pdf",
    mimeType: "application/pdf",
    size: 184_320,
  }]);
});

Deno.test("a voice note keeps its duration and type", () => {
  const [item] = parse(message(13, {
    voice: { duration: 7, mime_type: "audio/ogg", file_id: "AwACAgIAAxkB", file_size: 23_117 },
  }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [
    { type: "voice", fileId: "AwACAgIAAxkB", duration: 7, mimeType: "audio/ogg", size: 23_117 },
  ]);
});

Deno.test("an animation is not also stored as a document", () => {
  const gif = { file_id: "CgACAgQ", file_name: "party.mp4", mime_type: "video/mp4", duration: 3 };
  const [item] = parse(
    message(14, { animation: { ...gif, width: 320, height: 180 }, document: gif }),
  );
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments.map((a) => a.type), ["animation"]);
});

Deno.test("a location becomes a location attachment", () => {
  const [item] = parse(message(15, { location: { latitude: 40.416775, longitude: -3.70379 } }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [
    { type: "location", latitude: 40.416775, longitude: -3.70379 },
  ]);
});

Deno.test("a venue is one venue attachment, not also a location", () => {
  const location = { latitude: 41.40363, longitude: 2.17436 };
  const [item] = parse(message(16, {
    location,
    venue: {
      location,
      title: "Sagrada Família",
      address: "C/ de Mallorca, 401",
      foursquare_id: "4ad",
    },
  }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [{
    type: "venue",
    latitude: 41.40363,
    longitude: 2.17436,
    title: "Sagrada Família",
    address: "C/ de Mallorca, 401",
  }]);
});

Deno.test("a contact the user shares about themselves gives their phone", () => {
  const [own] = parse(message(17, {
    contact: { phone_number: "+34600111222", first_name: "Marta", user_id: from.id },
  }));
  assert.ok(own.kind === "message");
  assert.equal(own.profile.phone, "+34600111222");
  assert.deepEqual(own.attachments, [{
    type: "contact",
    phone: "+34600111222",
    firstName: "Marta",
  }]);

  const [other] = parse(message(18, {
    contact: { phone_number: "0788531373", first_name: "Radio", last_name: "Taxi", user_id: 42 },
  }));
  assert.ok(other.kind === "message");
  assert.equal(other.profile.phone, undefined);
  assert.deepEqual(other.attachments, [
    { type: "contact", phone: "0788531373", firstName: "Radio", lastName: "Taxi" },
  ]);
});

Deno.test("a sticker keeps its emoji and size", () => {
  const [item] = parse(message(19, {
    sticker: {
      file_id: "CAACAgIAAxkBAAI",
      file_unique_id: "AgADxx",
      emoji: "👍",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      type: "regular",
      thumbnail: { file_id: "thumb", width: 128, height: 128 },
    },
  }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [
    { type: "sticker", fileId: "CAACAgIAAxkBAAI", emoji: "👍", width: 512, height: 512 },
  ]);
});

Deno.test("a dice roll keeps its emoji and value", () => {
  const [item] = parse(message(20, { dice: { emoji: "🎲", value: 5 } }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [{ type: "dice", emoji: "🎲", value: 5 }]);
});

Deno.test("an edited message is dated by its edit", () => {
  const [item] = parse({
    update_id: 88_000_021,
    edited_message: {
      message_id: 10,
      from,
      chat,
      date: 1_717_000_000,
      edit_date: 1_717_000_090,
      text: "Hi! Is order #4472 ready?",
    },
  });
  assert.deepEqual(item, {
    kind: "edited",
    updateKey: "88000021",
    externalId: "10",
    profile,
    at: "2024-05-29T16:28:10.000Z",
    text: "Hi! Is order #4472 ready?",
    attachments: [],
  });
});
