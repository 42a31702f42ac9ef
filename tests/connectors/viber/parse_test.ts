import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { parseViberEvent } from "../../../connectors/viber/parse.ts";
import { exactToken, tokenDigits } from "../../../connectors/viber/token.ts";
import { messageRaw, NOW, parseRaw, profile } from "./samples.ts";

Deno.test("a text message is keyed by its exact token, past 2^53", () => {
  const items = parseRaw(messageRaw({ type: "text", text: "Is the kettle in stock?" }));
  assert.deepEqual(items, [{
    kind: "message",
    updateKey: "5466358343372472277",
    externalId: "5466358343372472277",
    profile,
    at: "2025-03-01T12:00:00.000Z",
    text: "Is the kettle in stock?",
    attachments: [],
  }]);
  // Two tokens JSON.parse cannot tell apart stay apart.
  const next = parseRaw(messageRaw({ type: "text", text: "again" }, "5466358343372472278"));
  assert.equal(next[0].updateKey, "5466358343372472278");
});

Deno.test("without the raw text the token is the nearest double, written out in full", () => {
  assert.equal(tokenDigits(Number("5466358343372472277")), "5466358343372472320");
  assert.equal(tokenDigits(1478683725125), "1478683725125");
  assert.equal(tokenDigits("42"), "42");
  const [item] = parseViberEvent(JSON.parse(messageRaw({ type: "text", text: "x" })), { now: NOW });
  assert.equal(item.updateKey, "5466358343372472320");
});

Deno.test("exactToken takes the top-level token, never one quoted in the user's text", () => {
  const raw = messageRaw(
    { type: "text", text: '{"message_token":1111111111111111111}' },
    "5466358343372472277",
  );
  assert.equal(exactToken(raw, JSON.parse(raw).message_token), "5466358343372472277");
  assert.equal(exactToken('{"message_token": "77"}'), "77");
  assert.equal(exactToken('{"event":"webhook"}'), undefined);
});

Deno.test("pictures, videos, files and stickers keep their media URL", () => {
  const [picture] = parseRaw(messageRaw({
    type: "picture",
    text: "the crack on the lid",
    media: "https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/95e0.jpg",
    thumbnail: "https://dl-media.viber.com/thumb.jpg",
    file_name: "IMG_0412.jpg",
    file_size: 98_221,
  }));
  assert.ok(picture.kind === "message");
  assert.equal(picture.text, "the crack on the lid");
  assert.deepEqual(picture.attachments, [{
    type: "photo",
    url: "https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/95e0.jpg",
    fileName: "IMG_0412.jpg",
    size: 98_221,
  }]);
  const [video] = parseRaw(messageRaw({
    type: "video",
    media: "https://dl-media.viber.com/v.mp4",
    size: 10_000,
    file_size: 10_000,
    duration: 12,
  }));
  assert.ok(video.kind === "message");
  assert.deepEqual(video.attachments, [{
    type: "video",
    url: "https://dl-media.viber.com/v.mp4",
    size: 10_000,
    duration: 12,
  }]);
  const [file] = parseRaw(messageRaw({
    type: "file",
    media: "https://dl-media.viber.com/invoice.pdf",
    file_name: "invoice.pdf",
    size: 184_320,
    file_size: 184_320,
  }));
  assert.ok(file.kind === "message");
  assert.deepEqual(file.attachments, [{
    type: "document",
    url: "https://dl-media.viber.com/invoice.pdf",
    fileName: "invoice.pdf",
    size: 184_320,
  }]);
  const [sticker] = parseRaw(messageRaw({
    type: "sticker",
    sticker_id: 46_105,
    media: "https://viber.com/sticker/46105.png",
  }));
  assert.ok(sticker.kind === "message");
  assert.deepEqual(sticker.attachments, [{
    type: "sticker",
    url: "https://viber.com/sticker/46105.png",
    fileId: "46105",
  }]);
});

Deno.test("contacts, locations and URLs", () => {
  const [contact] = parseRaw(messageRaw({
    type: "contact",
    contact: { name: "Alex", phone_number: "+12067799191" },
  }));
  assert.ok(contact.kind === "message");
  assert.deepEqual(contact.attachments, [{
    type: "contact",
    phone: "+12067799191",
    firstName: "Alex",
  }]);
  assert.equal(contact.profile.phone, undefined, "someone else's number is not the client's");
  const [place] = parseRaw(messageRaw({
    type: "location",
    location: { lat: "59.93", lon: 30.31, address: "Nevsky 1" },
  }));
  assert.ok(place.kind === "message");
  assert.deepEqual(place.attachments, [{
    type: "location",
    latitude: 59.93,
    longitude: 30.31,
    address: "Nevsky 1",
  }]);
  const [url] = parseRaw(messageRaw({ type: "url", media: "https://shop.example/p/1" }));
  assert.ok(url.kind === "message");
  assert.equal(url.text, "https://shop.example/p/1");
});

Deno.test("a reply equal to one of our buttons (by tracking data) is a button press", () => {
  const tracking = JSON.stringify({ buttons: ["pickup", "deliver"] });
  const [press] = parseRaw(messageRaw({ type: "text", text: "pickup", tracking_data: tracking }));
  assert.deepEqual(press, {
    kind: "button",
    updateKey: "5466358343372472277",
    profile,
    at: "2025-03-01T12:00:00.000Z",
    data: "pickup",
  });
  const [typed] = parseRaw(messageRaw({ type: "text", text: "hello", tracking_data: tracking }));
  assert.equal(typed.kind, "message");
  const [other] = parseRaw(messageRaw({ type: "text", text: "pickup", tracking_data: "3055" }));
  assert.equal(other.kind, "message");
});

Deno.test("subscribed and unsubscribed block and unblock", () => {
  const [subscribed] = parseRaw(
    '{"event":"subscribed","timestamp":1457764197627,"user":{"id":"01234567890A=","name":"yarden",' +
      '"avatar":"http://avatar_url","country":"IL","language":"en","api_version":1},' +
      '"message_token":4912661846655238145}',
  );
  assert.deepEqual(subscribed, {
    kind: "botBlocked",
    updateKey: "subscribed:4912661846655238145",
    profile: {
      platformId: "01234567890A=",
      chatId: "01234567890A=",
      name: "yarden",
      avatarUrl: "http://avatar_url",
      languageCode: "en",
    },
    at: "2016-03-12T06:29:57.627Z",
    blocked: false,
  });
  const [gone] = parseRaw(
    '{"event":"unsubscribed","timestamp":1457764197627,"user_id":"01234567890A=",' +
      '"message_token":4912661846655238146}',
  );
  assert.ok(gone.kind === "botBlocked" && gone.blocked);
  assert.equal(gone.updateKey, "unsubscribed:4912661846655238146");
  assert.deepEqual(gone.profile, {
    platformId: "01234567890A=",
    chatId: "01234567890A=",
    name: "Viber user",
  });
});

Deno.test("delivered, seen and failed are receipts for our message by its exact token", () => {
  const receipt = (event: string, extra = "") =>
    parseRaw(
      `{"event":"${event}","timestamp":1595324652811,"chat_hostname":"SN-CHAT-02_",` +
        `"message_token":5466297467809468529,"user_id":"3SQNc4FPUQmysaM/AQEhXg=="${extra}}`,
    )[0];
  const seen = receipt("seen");
  assert.deepEqual(seen, {
    kind: "status",
    updateKey: "5466297467809468529:read",
    profile: { platformId: profile.platformId, chatId: profile.chatId, name: "Viber user" },
    at: "2020-07-21T09:44:12.811Z",
    externalId: "5466297467809468529",
    status: "read",
  });
  assert.equal(receipt("delivered").updateKey, "5466297467809468529:delivered");
  const failed = receipt("failed", ',"desc":"failure description"');
  assert.ok(failed.kind === "status");
  assert.equal(failed.reason, "failure description");
  assert.deepEqual(parseViberEvent({ event: "seen", user_id: "u" }), [], "no token, no receipt");
});

Deno.test("webhook checks, opened chats and other events give nothing", () => {
  for (
    const raw of [
      '{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}',
      '{"event":"conversation_started","timestamp":1595339165214,"message_token":5466358343372472277,' +
      '"type":"open","user":{"id":"3SQNc4FPUQmysaM/AQEhXg==","name":"Georgy"},"subscribed":false}',
      '{"event":"client_status","timestamp":1,"user_id":"u","message_token":2}',
      '{"event":"action","timestamp":1,"user_id":"u"}',
    ]
  ) {
    assert.deepEqual(parseRaw(raw), [], raw);
  }
});

Deno.test("a body that is not a Viber callback is BadInput", () => {
  for (const body of [null, [], "x", {}, { event: 1 }, { event: "" }]) {
    assert.throws(() => parseViberEvent(body), BadInput, JSON.stringify(body));
  }
  assert.throws(
    () => parseViberEvent({ event: "message", message_token: 1, message: { type: "text" } }),
    (err: unknown) => err instanceof BadInput && /callback\.sender/.test(err.message),
  );
});

Deno.test("a garbled timestamp falls back to now", () => {
  const [item] = parseViberEvent(
    {
      event: "message",
      timestamp: Number("4977069964384421269"),
      message_token: 1,
      sender: { id: "u" },
      message: { type: "text", text: "x" },
    },
    { now: NOW },
  );
  assert.equal(item.at, NOW.toISOString());
  assert.equal(item.profile.name, "Viber user");
});
