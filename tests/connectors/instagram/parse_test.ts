import assert from "node:assert/strict";
import { instagram } from "../../../connectors/instagram/mod.ts";
import { Inbound } from "../../../connectors/types.ts";
import { channelOf } from "../meta/samples.ts";

const IG_ID = "17841400000000001";
const USER = "6543210987654321";
const channel = channelOf("instagram", {
  pageAccessToken: "EAAGm0PX4ZCpsBAInstagramPageToken12",
  appSecret: "1222e786b144d0e85b9f365372d93676",
  pageId: "111899832631525",
  instagramId: IG_ID,
});

function igHook(events: Record<string, unknown>[], id = IG_ID) {
  return {
    object: "instagram",
    entry: [{
      id,
      time: 1459991487970,
      messaging: events.map((e) => ({
        sender: { id: USER },
        recipient: { id },
        timestamp: 1459991487970,
        ...e,
      })),
    }],
  };
}
const parse = (body: unknown) => instagram.parse(body, channel).map((e) => Inbound.parse(e));

Deno.test("a direct message is the client's, named by their Instagram-scoped id", () => {
  const [m] = parse(igHook([{ message: { mid: "aWdfZAG1", text: "Do you ship to Lisbon?" } }]));
  assert.deepEqual(m, {
    kind: "message",
    updateKey: "aWdfZAG1",
    externalId: "aWdfZAG1",
    profile: {
      platformId: USER,
      chatId: USER,
      name: `Instagram user ${USER}`,
      provisional: true,
    },
    at: "2016-04-07T01:11:27.970Z",
    text: "Do you ship to Lisbon?",
    attachments: [],
  });
});

Deno.test("story mentions, story replies and shared reels say what they are", () => {
  const [mention, reply, reel] = parse(igHook([
    {
      message: {
        mid: "s1",
        attachments: [{
          type: "story_mention",
          payload: { url: "https://lookaside.example/story" },
        }],
      },
    },
    {
      message: {
        mid: "s2",
        text: "Love this!",
        reply_to: { story: { url: "https://lookaside.example/s2", id: "1799" } },
      },
    },
    {
      message: {
        mid: "s3",
        attachments: [{
          type: "ig_reel",
          payload: { url: "https://cdn.example/r.mp4", title: "Our new cake" },
        }],
      },
    },
  ]));
  assert.deepEqual(mention.kind === "message" && [mention.text, mention.attachments], [
    "Mentioned you in their story",
    [{ type: "document", url: "https://lookaside.example/story", title: "Story mention" }],
  ]);
  assert.deepEqual(reply.kind === "message" && [reply.text, reply.attachments], [
    "Love this!",
    [{ type: "document", url: "https://lookaside.example/s2", title: "Story replied to" }],
  ]);
  assert.deepEqual(reel.kind === "message" && reel.attachments, [
    { type: "video", url: "https://cdn.example/r.mp4", title: "Our new cake" },
  ]);
});

Deno.test("icebreakers are button presses; reads name the message seen; unsends are unsent", () => {
  const [ice, seen, gone, unsupported] = parse(igHook([
    { postback: { mid: "p1", title: "What are your hours?", payload: "HOURS" } },
    { read: { mid: "aWdfOURS" } },
    { message: { mid: "s9", is_deleted: true } },
    { message: { mid: "s10", is_unsupported: true } },
  ]));
  assert.deepEqual(ice.kind === "button" && [ice.data, ice.label], [
    "HOURS",
    "What are your hours?",
  ]);
  assert.deepEqual(seen.kind === "status" && [seen.updateKey, seen.externalId, seen.status], [
    "aWdfOURS:read",
    "aWdfOURS",
    "read",
  ]);
  assert.deepEqual(gone.kind === "unsent" && gone.externalId, "s9");
  assert.deepEqual(
    unsupported.kind === "message" && unsupported.text,
    "[Unsupported Instagram message]",
  );
});

Deno.test("entries for other Instagram accounts, our own echoes and page bodies are skipped", () => {
  assert.deepEqual(parse(igHook([{ message: { mid: "x", text: "hi" } }], "17841499999999999")), []);
  assert.deepEqual(parse(igHook([{ message: { mid: "x", text: "hi", is_echo: true } }])), []);
  const own = {
    object: "instagram",
    entry: [{
      id: IG_ID,
      messaging: [{
        sender: { id: IG_ID },
        recipient: { id: USER },
        message: { mid: "y", text: "ours" },
      }],
    }],
  };
  assert.deepEqual(parse(own), []);
  assert.deepEqual(
    parse({ ...igHook([{ message: { mid: "z", text: "hi" } }]), object: "page" }),
    [],
  );
});
