import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { instagram } from "../../../connectors/instagram/mod.ts";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import { signBody } from "../../../connectors/meta/signature.ts";
import {
  APP_SECRET,
  bases,
  channelOf,
  clientOf,
  outgoing,
  SECRET,
  warningsOf,
} from "../meta/samples.ts";

const PAGE_ID = "111899832631525";
const IG_ID = "17841400000000001";
const TOKEN = "EAAGm0PX4ZCpsBAInstagramPageToken12";
const WEBHOOK = "https://inbox.example.com/webhooks/instagram/ch_01";
const CONFIG = { pageAccessToken: TOKEN, appSecret: APP_SECRET };
const page = {
  id: PAGE_ID,
  name: "Julia's Bakery",
  instagram: { id: IG_ID, username: "juliasbakery" },
};

Deno.test("connect finds the Instagram account linked to the page and returns what to paste", async () => {
  const graph = startFakeGraph();
  try {
    graph.addPage(TOKEN, page);
    const result = await instagram.connect({
      config: CONFIG,
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(graph.url),
    });
    assert.deepEqual(result.config, {
      ...CONFIG,
      pageId: PAGE_ID,
      instagramId: IG_ID,
      verifyToken: SECRET,
    });
    assert.deepEqual(result.info, {
      pageId: PAGE_ID,
      pageName: "Julia's Bakery",
      instagramId: IG_ID,
      username: "juliasbakery",
      callbackUrl: WEBHOOK,
      verifyToken: SECRET,
      webhookFields: ["messages", "messaging_postbacks", "messaging_seen", "message_reactions"],
    });
    assert.equal(graph.calls.length, 1);
    assert.equal(graph.calls[0].path, "/me");
    assert.equal(graph.calls[0].query.fields, "id,name,instagram_business_account{id,username}");
  } finally {
    await graph.close();
  }
});

Deno.test("connect validates the config and reports a refused token", async () => {
  const graph = startFakeGraph();
  try {
    await assert.rejects(
      instagram.connect({
        config: { ...CONFIG, appSecret: 5 },
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(graph.url),
      }),
      (e: unknown) =>
        e instanceof BadInput && /^config\.appSecret is invalid: .*App secret/.test(e.message),
    );
    assert.equal(graph.calls.length, 0);
    graph.failNext("me", "invalidToken");
    await assert.rejects(
      instagram.connect({
        config: CONFIG,
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(graph.url),
      }),
      (e: unknown) =>
        e instanceof BadInput && /^Instagram rejected the credentials/.test(e.message),
    );
  } finally {
    await graph.close();
  }
});

Deno.test("send replies through /me/messages with the page token; the window error is readable", async () => {
  const graph = startFakeGraph();
  const channel = channelOf("instagram", {
    ...CONFIG,
    pageId: PAGE_ID,
    instagramId: IG_ID,
    verifyToken: SECRET,
  });
  const client = clientOf("instagram", "6543210987654321");
  try {
    const sent = await instagram.send(
      channel,
      client,
      outgoing("Yes, we ship!", { buttons: [{ text: "Order now", data: "order" }] }),
      bases(graph.url),
    );
    assert.deepEqual(sent, { ok: true, externalId: "m_FAKE1" });
    assert.deepEqual(graph.calls[0].body, {
      recipient: { id: "6543210987654321" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: {
        text: "Yes, we ship!",
        quick_replies: [{ content_type: "text", title: "Order now", payload: "order" }],
      },
    });
    assert.equal(graph.calls[0].token, TOKEN);
    graph.setNext("messagingSend", {
      status: 400,
      body: {
        error: {
          message: "(#10) This message is sent outside of allowed window.",
          type: "OAuthException",
          code: 10,
          error_subcode: 2534022,
        },
      },
    });
    const late = await instagram.send(channel, client, outgoing("hello?"), bases(graph.url));
    assert.match(!late.ok ? late.reason : "", /^Instagram accepts replies only within 24 hours/);
    const raw = new TextEncoder().encode('{"object":"instagram","entry":[]}');
    const headers = new Headers({ "X-Hub-Signature-256": await signBody(APP_SECRET, raw) });
    assert.equal(await instagram.verify({ headers, rawBody: raw }, channel), true);
  } finally {
    await graph.close();
  }
});

Deno.test("profile asks for the client's name, username and picture by their Instagram-scoped id", async () => {
  const graph = startFakeGraph();
  const channel = channelOf("instagram", { ...CONFIG, pageId: PAGE_ID, instagramId: IG_ID });
  try {
    graph.addUser("6543210987654321", {
      name: "Peter Chang",
      username: "peter_chang_live",
      profile_pic: "https://scontent.cdninstagram.com/v/peter.jpg",
      follower_count: 1234,
      is_verified_user: false,
    });
    const details = await instagram.profile!(channel, "6543210987654321", bases(graph.url));
    assert.deepEqual(details, {
      name: "Peter Chang",
      username: "peter_chang_live",
      avatarUrl: "https://scontent.cdninstagram.com/v/peter.jpg",
    });
    const [call] = graph.calls;
    assert.deepEqual([call.method, call.path, call.token], ["GET", "/6543210987654321", TOKEN]);
    assert.deepEqual(call.query, { fields: "name,username,profile_pic" });
    // Someone without a display name still has a handle.
    graph.addUser("6543210987654322", { username: "nameless" });
    assert.deepEqual(await instagram.profile!(channel, "6543210987654322", bases(graph.url)), {
      username: "nameless",
    });
  } finally {
    await graph.close();
  }
});

Deno.test("profile resolves null for an unknown client or a refused token", async () => {
  const graph = startFakeGraph();
  const channel = channelOf("instagram", { ...CONFIG, pageId: PAGE_ID, instagramId: IG_ID });
  const lookup = () => instagram.profile!(channel, "6543210987654321", bases(graph.url));
  const warned = await warningsOf(async () => {
    try {
      assert.equal(await lookup(), null);
      graph.addUser("6543210987654321", { name: "Peter Chang" });
      graph.failNext("node", "invalidToken");
      assert.equal(await lookup(), null);
      graph.failNext("node", "serverError");
      assert.equal(await lookup(), null);
      assert.deepEqual(await lookup(), { name: "Peter Chang" });
    } finally {
      await graph.close();
    }
  });
  assert.equal(warned.length, 2);
  assert.match(warned[0], /^Instagram profile of 6543210987654321 on channel ch_01: .*#190/);
});
