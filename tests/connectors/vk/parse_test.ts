import assert from "node:assert/strict";
import { parse, privateMessage, profile } from "./samples.ts";

Deno.test("a private text message becomes a message keyed by event_id", () => {
  const items = parse(privateMessage({ id: 5_102, text: "Is the blue kettle in stock?" }));
  assert.deepEqual(items, [{
    kind: "message",
    updateKey: "evt-5102",
    externalId: "5102",
    profile,
    at: "2025-03-01T12:00:00.000Z",
    text: "Is the blue kettle in stock?",
    attachments: [],
  }]);
});

Deno.test("before API 5.103 the object is the message itself, and there may be no event_id", () => {
  const [item] = parse({
    type: "message_new",
    object: {
      id: 688,
      date: 1_545_302_400,
      out: 0,
      user_id: 48_213_775,
      read_state: 0,
      title: "",
      body: "hello from 2018",
    },
    group_id: 203_076_503,
  });
  assert.ok(item.kind === "message");
  assert.equal(item.updateKey, "message_new:688");
  assert.equal(item.externalId, "688");
  assert.equal(item.text, "hello from 2018");
  assert.deepEqual(item.profile, profile);
});

Deno.test("a group-chat message (id 0) is keyed by peer and conversation number; the chat is the client", () => {
  const body = {
    type: "message_new",
    object: {
      message: {
        date: 1_615_631_085,
        from_id: 159_526_068,
        id: 0,
        out: 0,
        peer_id: 2_000_000_001,
        text: "week",
        conversation_message_id: 115,
      },
    },
    group_id: 203_076_503,
  };
  const [item] = parse(body);
  assert.ok(item.kind === "message");
  assert.equal(item.updateKey, "message_new:2000000001_115");
  assert.equal(item.externalId, "2000000001_115");
  assert.deepEqual(item.profile, {
    platformId: "2000000001",
    chatId: "2000000001",
    name: "VK chat 1",
  });
  const other = parse({
    ...body,
    object: { message: { ...body.object.message, conversation_message_id: 116 } },
  });
  assert.notEqual(other[0].updateKey, item.updateKey);
});

Deno.test("a message without peer_id replies to its sender", () => {
  const [item] = parse({
    type: "message_new",
    object: { message: { id: 1, date: 1_580_125_800, from_id: 123_456, text: "hi" } },
    secret: "abc123xyz",
  });
  assert.deepEqual(item.profile, {
    platformId: "123456",
    chatId: "123456",
    name: "VK user 123456",
    provisional: true,
  });
});

Deno.test("a community writing keeps its own name; only a user's name is a stand-in", () => {
  const [item] = parse(privateMessage({ from_id: -57_846_937, peer_id: 48_213_775, text: "hi" }));
  assert.deepEqual(item.profile, {
    platformId: "-57846937",
    chatId: "48213775",
    name: "VK community 57846937",
  });
  assert.equal(parse(privateMessage({ text: "hi" }))[0].profile.provisional, true);
});

Deno.test("photos keep only their largest size, under VK's attachment name", () => {
  const [item] = parse(privateMessage({
    attachments: [{
      type: "photo",
      photo: {
        id: 457_239_342,
        owner_id: 48_213_775,
        access_key: "23a2cbe266f7bbf17c",
        sizes: [
          { type: "s", url: "https://sun9-1.userapi.com/s.jpg", width: 75, height: 56 },
          { type: "w", url: "https://sun9-1.userapi.com/w.jpg", width: 2560, height: 1920 },
          { type: "x", url: "https://sun9-1.userapi.com/x.jpg", width: 604, height: 453 },
        ],
      },
    }],
  }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [{
    type: "photo",
    fileId: "photo48213775_457239342_23a2cbe266f7bbf17c",
    url: "https://sun9-1.userapi.com/w.jpg",
    width: 2560,
    height: 1920,
  }]);
});

Deno.test("old photos list photo_N sizes; sizes without width rank by their letter", () => {
  const [legacy] = parse(privateMessage({
    attachments: [{
      type: "photo",
      photo: {
        id: 1,
        owner_id: 2,
        photo_75: "https://pp.userapi.com/75.jpg",
        photo_1280: "https://pp.userapi.com/1280.jpg",
        photo_604: "https://pp.userapi.com/604.jpg",
      },
    }],
  }));
  assert.ok(legacy.kind === "message");
  assert.deepEqual(legacy.attachments, [{
    type: "photo",
    fileId: "photo2_1",
    url: "https://pp.userapi.com/1280.jpg",
  }]);
  const [letters] = parse(privateMessage({
    attachments: [{
      type: "photo",
      photo: {
        sizes: [
          { type: "z", url: "https://u/z.jpg", width: 0, height: 0 },
          { type: "m", url: "https://u/m.jpg", width: 0, height: 0 },
        ],
      },
    }],
  }));
  assert.ok(letters.kind === "message");
  assert.equal(letters.attachments[0].url, "https://u/z.jpg");
});

Deno.test("voice, document, video, sticker, graffiti and audio become attachments", () => {
  const [item] = parse(privateMessage({
    attachments: [
      {
        type: "audio_message",
        audio_message: {
          id: 543_180_880,
          owner_id: 48_213_775,
          duration: 7,
          waveform: [0, 12, 31],
          link_ogg: "https://psv4.userapi.com/audiomsg/a.ogg",
          link_mp3: "https://psv4.userapi.com/audiomsg/a.mp3",
        },
      },
      {
        type: "doc",
        doc: {
          id: 9,
          owner_id: 48_213_775,
          title: "invoice",
          ext: "pdf",
          size: 184_320,
          url: "https://vk.com/doc48213775_9",
        },
      },
      { type: "video", video: { id: 456, owner_id: -1, title: "Unboxing", duration: 61 } },
      {
        type: "sticker",
        sticker: {
          sticker_id: 163,
          product_id: 4,
          images: [
            { url: "https://vk.com/sticker/1-163-64", width: 64, height: 64 },
            { url: "https://vk.com/sticker/1-163-512", width: 512, height: 512 },
          ],
        },
      },
      { type: "graffiti", graffiti: { id: 3, owner_id: 5, url: "https://vk.com/g.png" } },
      {
        type: "audio",
        audio: { id: 1, owner_id: 2, artist: "Kino", title: "Gruppa krovi", duration: 286 },
      },
    ],
  }));
  assert.ok(item.kind === "message");
  assert.deepEqual(item.attachments, [
    {
      type: "voice",
      fileId: "audio_message48213775_543180880",
      url: "https://psv4.userapi.com/audiomsg/a.ogg",
      mimeType: "audio/ogg",
      duration: 7,
    },
    {
      type: "document",
      fileId: "doc48213775_9",
      url: "https://vk.com/doc48213775_9",
      fileName: "invoice.pdf",
      size: 184_320,
    },
    {
      type: "video",
      fileId: "video-1_456",
      url: "https://vk.com/video-1_456",
      title: "Unboxing",
      duration: 61,
    },
    {
      type: "sticker",
      fileId: "163",
      url: "https://vk.com/sticker/1-163-512",
      width: 512,
      height: 512,
    },
    { type: "photo", fileId: "graffiti5_3", url: "https://vk.com/g.png" },
    { type: "audio", fileId: "audio2_1", title: "Kino – Gruppa krovi", duration: 286 },
  ]);
});

Deno.test("geo becomes a location; wall posts and links are added to the text", () => {
  const [item] = parse(privateMessage({
    text: "look https://shop.example/p/1",
    geo: {
      type: "point",
      coordinates: { latitude: 59.93, longitude: 30.31 },
      place: { title: "Nevsky 1", country: "Russia" },
    },
    attachments: [
      { type: "wall", wall: { id: 17, owner_id: -203_076_503, from_id: -203_076_503 } },
      { type: "link", link: { url: "https://shop.example/p/1", title: "Kettle" } },
      { type: "link", link: { url: "https://other.example/", title: "Other" } },
      { type: "poll", poll: { id: 1, question: "?" } },
    ],
  }));
  assert.ok(item.kind === "message");
  assert.equal(
    item.text,
    "look https://shop.example/p/1\nhttps://vk.com/wall-203076503_17\nhttps://other.example/",
  );
  assert.deepEqual(item.attachments, [
    { type: "location", latitude: 59.93, longitude: 30.31, title: "Nevsky 1" },
  ]);
  const [old] = parse(privateMessage({ geo: { coordinates: "55.75 37.61" } }));
  assert.ok(old.kind === "message");
  assert.deepEqual(old.attachments, [{ type: "location", latitude: 55.75, longitude: 37.61 }]);
});

Deno.test("an attachment of an unknown shape does not lose the message", () => {
  const [item] = parse(privateMessage({
    text: "see this",
    attachments: [{ photo: { id: 1 } }, "junk", { type: "photo", photo: { id: 2 } }],
  }));
  assert.ok(item.kind === "message");
  assert.equal(item.text, "see this");
  assert.deepEqual(item.attachments, []);
});
