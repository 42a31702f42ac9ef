import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { parseMessaging } from "../../../connectors/messenger/parse.ts";
import { Inbound } from "../../../connectors/types.ts";
import { event, PAGE_ID, pageHook, PSID } from "./samples.ts";

const options = { platform: "Messenger", object: "page" };
const parse = (body: unknown, accountId?: string) =>
  parseMessaging(body, { ...options, accountId }).map((e) => Inbound.parse(e));
const profile = {
  platformId: PSID,
  chatId: PSID,
  name: `Messenger user ${PSID}`,
  provisional: true,
};

Deno.test("a text message is keyed by its mid, from the sender's page-scoped id", () => {
  const [m] = parse(
    pageHook([
      event({ message: { mid: "mid.1480279487147:4388d3b344", seq: 36, text: "Hi Julia" } }),
    ]),
  );
  assert.deepEqual(m, {
    kind: "message",
    updateKey: "mid.1480279487147:4388d3b344",
    externalId: "mid.1480279487147:4388d3b344",
    profile,
    at: "2016-11-27T20:44:47.147Z",
    text: "Hi Julia",
    attachments: [],
  });
});

Deno.test("attachments become ours; stickers, files and places keep what they are", () => {
  const [m] = parse(pageHook([event({
    message: {
      mid: "m_att",
      attachments: [
        { type: "image", payload: { url: "https://scontent.example/p.jpg" } },
        {
          type: "image",
          payload: { url: "https://scontent.example/s.png", sticker_id: 369239263222822 },
        },
        { type: "audio", payload: { url: "https://cdn.example/clip.mp4" } },
        { type: "video", payload: { url: "https://cdn.example/v.mp4" } },
        { type: "file", payload: { url: "https://cdn.example/x/Invoice%207.pdf?_nc=1" } },
        {
          type: "location",
          title: "Pinned Location",
          payload: { coordinates: { lat: 1.2, long: -1.3 } },
        },
      ],
    },
  })]));
  assert.deepEqual(m.kind === "message" && m.attachments, [
    { type: "photo", url: "https://scontent.example/p.jpg" },
    { type: "sticker", url: "https://scontent.example/s.png", fileId: "369239263222822" },
    { type: "audio", url: "https://cdn.example/clip.mp4" },
    { type: "video", url: "https://cdn.example/v.mp4" },
    {
      type: "document",
      url: "https://cdn.example/x/Invoice%207.pdf?_nc=1",
      fileName: "Invoice 7.pdf",
    },
    { type: "location", latitude: 1.2, longitude: -1.3, title: "Pinned Location" },
  ]);
});

Deno.test("a shared link (fallback) becomes text, once", () => {
  const [m] = parse(pageHook([event({
    message: {
      mid: "m_link",
      text: "look",
      attachments: [{
        type: "fallback",
        title: "Shoes",
        url: "https://shop.example/s",
        payload: null,
      }],
    },
  })]));
  assert.equal(m.kind === "message" && m.text, "look\nShoes\nhttps://shop.example/s");
});

Deno.test("quick replies and postbacks are button presses with their payload", () => {
  const [quick, postback, old] = parse(pageHook([
    event({ message: { mid: "m_q", text: "Yes", quick_reply: { payload: "block:2" } } }),
    event({ postback: { mid: "m_pb", title: "Get Started", payload: "GET_STARTED" } }),
    event({ postback: { payload: "MY_PAYLOAD" } }),
  ]));
  assert.deepEqual(quick.kind === "button" && [quick.updateKey, quick.data, quick.label], [
    "m_q",
    "block:2",
    "Yes",
  ]);
  assert.deepEqual(
    postback.kind === "button" && [postback.updateKey, postback.data, postback.label],
    ["m_pb", "GET_STARTED", "Get Started"],
  );
  // Old postbacks have no mid: the key is built from who, when and what, the same on redelivery.
  assert.equal(old.updateKey, `${PSID}:1480279487147:postback:MY_PAYLOAD`);
});

Deno.test("echoes of the page's own messages are ignored", () => {
  assert.deepEqual(
    parse(pageHook([event({ message: { is_echo: true, mid: "m_e", text: "Hi" } })])),
    [],
  );
  const fromPage = {
    sender: { id: PAGE_ID },
    recipient: { id: PSID },
    message: { mid: "m_p", text: "x" },
  };
  assert.deepEqual(parse(pageHook([fromPage]), PAGE_ID), []);
});

Deno.test("deliveries give a status per mid; a watermark-only read covers all sent up to it", () => {
  const events = parse(pageHook([
    event({ delivery: { mids: ["m_1", "m_2"], watermark: 1458668856253, seq: 37 } }, null),
    event({ read: { watermark: 1458668856253, seq: 38 } }),
    event({ read: {} }),
  ]));
  assert.deepEqual(
    events.slice(0, 2).map((e) =>
      e.kind === "status" && [e.updateKey, e.externalId, e.status, e.at]
    ),
    [
      ["m_1:delivered", "m_1", "delivered", "2016-03-22T17:47:36.253Z"],
      ["m_2:delivered", "m_2", "delivered", "2016-03-22T17:47:36.253Z"],
    ],
  );
  assert.equal(events.length, 3);
  const read = events[2];
  assert.deepEqual(read.kind === "receiptsUpTo" && [read.status, read.upTo, read.updateKey], [
    "read",
    "2016-03-22T17:47:36.253Z",
    `${read.profile.platformId}:read:1458668856253`,
  ]);
});

Deno.test("reactions, edits and deletions name the message they are about", () => {
  const [react, unreact, edit, deleted] = parse(pageHook([
    event({ reaction: { mid: "m_ours", action: "react", reaction: "love", emoji: "❤️" } }),
    event({ reaction: { mid: "m_ours", action: "unreact" } }, 1480279499999),
    event({ message_edit: { mid: "m_theirs", text: "fixed typo", num_edit: 1 } }),
    event({ message: { mid: "m_gone", is_deleted: true } }),
  ]));
  assert.deepEqual(react.kind === "reaction" && [react.externalId, react.emoji], ["m_ours", "❤️"]);
  assert.deepEqual(unreact.kind === "reaction" && unreact.emoji, "");
  assert.notEqual(react.updateKey, unreact.updateKey);
  assert.deepEqual(edit.kind === "edited" && [edit.updateKey, edit.externalId, edit.text], [
    "m_theirs:edit:1",
    "m_theirs",
    "fixed typo",
  ]);
  assert.deepEqual(deleted.kind === "unsent" && [deleted.updateKey, deleted.externalId], [
    "m_gone:deleted",
    "m_gone",
  ]);
});

Deno.test("a batch of entries and events is read whole; other pages of the app are skipped", () => {
  const body = {
    object: "page",
    entry: [
      pageHook([
        event({ message: { mid: "a", text: "1" } }),
        event({ message: { mid: "b", text: "2" } }),
      ]).entry[0],
      pageHook([event({ message: { mid: "c", text: "3" } })], "page", "999").entry[0],
      pageHook([
        event({ optin: { ref: "x" } }),
        "junk",
        event({ message: { mid: "d", text: "4" } }),
      ]).entry[0],
    ],
  };
  assert.deepEqual(parse(body).map((e) => e.updateKey), ["a", "b", "c", "d"]);
  assert.deepEqual(parse(body, PAGE_ID).map((e) => e.updateKey), ["a", "b", "d"]);
});

Deno.test("numeric ids and string times are read; an Instagram body on a page channel is ignored", () => {
  const [m] = parse({
    object: "page",
    entry: [{
      id: 1,
      messaging: [{
        sender: { id: 5678 },
        recipient: { id: 1 },
        timestamp: "1459991487970",
        message: { mid: "x", text: "hi" },
      }],
    }],
  });
  assert.equal(m.profile.platformId, "5678");
  assert.equal(m.at, "2016-04-07T01:11:27.970Z");
  assert.deepEqual(
    parse(pageHook([event({ message: { mid: "x", text: "hi" } })], "instagram")),
    [],
  );
});

Deno.test("a body that is not a Messenger webhook is BadInput", () => {
  for (const body of [null, [], "x", {}, { object: "page" }, { entry: "no" }, { entry: [7] }]) {
    assert.throws(() => parseMessaging(body, options), BadInput, JSON.stringify(body));
  }
});
