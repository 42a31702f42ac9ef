import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import { signBody } from "../../../connectors/meta/signature.ts";
import { messenger } from "../../../connectors/messenger/mod.ts";
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
const TOKEN = "EAAGm0PX4ZCpsBAMessengerPageToken123";
const WEBHOOK = "https://inbox.example.com/webhooks/messenger/ch_01";
const CONFIG = { pageAccessToken: TOKEN, appSecret: APP_SECRET };
const channel = channelOf("messenger", { ...CONFIG, pageId: PAGE_ID, verifyToken: SECRET });
const client = clientOf("messenger", "1433960459967306");

Deno.test("connect finds the page from its token, subscribes it, and returns what to paste", async () => {
  const graph = startFakeGraph();
  try {
    graph.addPage(TOKEN, { id: PAGE_ID, name: "Julia's Bakery" });
    const result = await messenger.connect({
      config: CONFIG,
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(graph.url),
    });
    assert.deepEqual(result.config, { ...CONFIG, pageId: PAGE_ID, verifyToken: SECRET });
    assert.deepEqual(result.info, {
      pageId: PAGE_ID,
      pageName: "Julia's Bakery",
      callbackUrl: WEBHOOK,
      verifyToken: SECRET,
      webhookFields: [
        "messages",
        "messaging_postbacks",
        "message_deliveries",
        "message_reads",
        "message_reactions",
        "message_edits",
      ],
      pageSubscribed: true,
    });
    assert.deepEqual(graph.calls.map((c) => [c.method, c.path]), [
      ["GET", "/me"],
      ["POST", `/${PAGE_ID}/subscribed_apps`],
    ]);
    assert.equal(
      graph.calls[1].query.subscribed_fields,
      (result.info.webhookFields as string[]).join(","),
    );
  } finally {
    await graph.close();
  }
});

Deno.test("connect refuses a token of another page, and survives a refused page subscription", async () => {
  const graph = startFakeGraph();
  try {
    graph.addPage(TOKEN, { id: PAGE_ID, name: "Julia's Bakery" });
    await assert.rejects(
      messenger.connect({
        config: { ...CONFIG, pageId: "42" },
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(graph.url),
      }),
      (e: unknown) =>
        e instanceof BadInput &&
        e.message.startsWith("config.pageAccessToken belongs to Julia's Bakery (111899832631525)"),
    );
    graph.setNext("subscribedApps", {
      status: 403,
      body: { error: { message: "(#200) Requires pages_manage_metadata permission", code: 200 } },
    });
    const result = await messenger.connect({
      config: CONFIG,
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(graph.url),
    });
    assert.equal(result.info.pageSubscribed, false);
    assert.equal(
      result.info.pageSubscribeError,
      "(#200) Requires pages_manage_metadata permission",
    );
    await assert.rejects(
      messenger.connect({
        config: { appSecret: APP_SECRET },
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(graph.url),
      }),
      (e: unknown) =>
        e instanceof BadInput && /^config\.pageAccessToken is required/.test(e.message),
    );
    graph.rejectToken(TOKEN);
    await assert.rejects(
      messenger.connect({
        config: CONFIG,
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(graph.url),
      }),
      (e: unknown) =>
        e instanceof BadInput && /^Messenger rejected the credentials: .*#190/.test(e.message),
    );
  } finally {
    await graph.close();
  }
});

Deno.test("verify needs the app secret's signature; the handshake answers with the verify token", async () => {
  const raw = new TextEncoder().encode('{"object":"page","entry":[]}');
  const signed = new Headers({ "X-Hub-Signature-256": await signBody(APP_SECRET, raw) });
  assert.equal(await messenger.verify({ headers: signed, rawBody: raw }, channel), true);
  const tampered = new TextEncoder().encode('{"object":"page","entry":[1]}');
  assert.equal(await messenger.verify({ headers: signed, rawBody: tampered }, channel), false);
  const url = new URL(`${WEBHOOK}?hub.mode=subscribe&hub.verify_token=${SECRET}&hub.challenge=abc`);
  assert.equal(messenger.handshake?.(url, channel), "abc");
});

Deno.test("send posts to /me/messages with the page token and returns the message id", async () => {
  const graph = startFakeGraph();
  try {
    const outcome = await messenger.send(
      channel,
      client,
      outgoing("Fresh bread at 7."),
      bases(graph.url),
    );
    assert.deepEqual(outcome, { ok: true, externalId: "m_FAKE1" });
    const [call] = graph.calls;
    assert.deepEqual([call.method, call.path, call.version, call.token], [
      "POST",
      "/me/messages",
      "v21.0",
      TOKEN,
    ]);
    assert.deepEqual(call.body, {
      recipient: { id: "1433960459967306" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Fresh bread at 7." },
    });
  } finally {
    await graph.close();
  }
});

Deno.test("Messenger's errors map to a blocked client, a closed window, or a retry", async () => {
  const graph = startFakeGraph();
  const send = () => messenger.send(channel, client, outgoing("hi"), bases(graph.url));
  try {
    graph.failNext("messagingSend", "userUnavailable");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "(#551) This person isn't available right now.",
      clientBlocked: true,
    });
    graph.failNext("messagingSend", "outsideWindow");
    const window = await send();
    assert.equal("retryAfterMs" in window || "clientBlocked" in window, false);
    assert.match(
      !window.ok ? window.reason : "",
      /^Messenger accepts replies only within 24 hours/,
    );
    graph.failNext("messagingSend", "temporaryFailureIn200");
    const temporary = await send();
    assert.equal(!temporary.ok && "retryAfterMs" in temporary && temporary.retryAfterMs, 5_000);
    graph.setNext("messagingSend", { status: 200, body: { recipient_id: "1433960459967306" } });
    assert.deepEqual(await send(), {
      ok: false,
      reason: "Messenger answered without a message id",
    });
    const broken = channelOf("messenger", {});
    assert.deepEqual(await messenger.send(broken, client, outgoing("x"), bases(graph.url)), {
      ok: false,
      reason: "The channel has no valid Messenger config",
    });
  } finally {
    await graph.close();
  }
});

Deno.test("profile asks the User Profile API for the client's name and picture with the page token", async () => {
  const graph = startFakeGraph();
  try {
    graph.addUser("1433960459967306", {
      first_name: "Marta",
      last_name: "Quintero",
      profile_pic:
        "https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=1433960459967306",
      locale: "es_ES",
    });
    const details = await messenger.profile!(channel, "1433960459967306", bases(graph.url));
    assert.deepEqual(details, {
      name: "Marta Quintero",
      avatarUrl: "https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=1433960459967306",
    });
    const [call] = graph.calls;
    assert.deepEqual([call.method, call.path, call.version, call.token], [
      "GET",
      "/1433960459967306",
      "v21.0",
      TOKEN,
    ]);
    // The token goes as a bearer header, never in the URL.
    assert.deepEqual(call.query, { fields: "first_name,last_name,profile_pic" });
    graph.addUser("1433960459967307", { first_name: "Cher" });
    assert.deepEqual(await messenger.profile!(channel, "1433960459967307", bases(graph.url)), {
      name: "Cher",
    });
  } finally {
    await graph.close();
  }
});

Deno.test("profile resolves null when Meta will not say, fails, or cannot be reached", async () => {
  const graph = startFakeGraph();
  const lookup = (id = "1433960459967306", ch = channel) =>
    messenger.profile!(ch, id, bases(graph.url));
  const warned = await warningsOf(async () => {
    try {
      // Unknown to the fake: the node it describes has no name or picture.
      assert.equal(await lookup(), null);
      graph.setNext("node", {
        status: 400,
        body: {
          error: {
            message: "No profile available for this user.",
            type: "OAuthException",
            code: 100,
            error_subcode: 2018218,
          },
        },
      });
      assert.equal(await lookup(), null);
      graph.failNext("node", "temporaryFailureIn200");
      assert.equal(await lookup(), null);
      graph.failNext("node", "badGateway");
      assert.equal(await lookup(), null);
      graph.setNext("node", { status: 200, body: "<html>not JSON</html>" });
      assert.equal(await lookup(), null);
      graph.addUser("1433960459967306", { first_name: "Marta" });
      graph.rejectToken(TOKEN);
      assert.equal(await lookup(), null);
      const calls = graph.calls.length;
      assert.equal(await lookup("../me/messages"), null);
      assert.equal(await lookup("1433960459967306", channelOf("messenger", {})), null);
      assert.equal(graph.calls.length, calls, "no call for a bad id or a channel without config");
    } finally {
      await graph.close();
    }
    assert.equal(await lookup(), null);
  });
  assert.equal(warned.length, 6);
  assert.match(warned[0], /No profile available for this user/);
  assert.ok(warned.every((w) => w.includes("ch_01") && !w.includes(TOKEN)));
});
