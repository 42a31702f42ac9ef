import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import { signBody } from "../../../connectors/meta/signature.ts";
import { whatsapp } from "../../../connectors/whatsapp/mod.ts";
import { APP_SECRET, bases, channelOf, clientOf, outgoing, SECRET } from "../meta/samples.ts";

const PHONE_ID = "1122334455667";
const TOKEN = "EAAGm0PX4ZCpsBAWhatsAppSystemUserToken";
const WEBHOOK = "https://inbox.example.com/webhooks/whatsapp/ch_01";
const CONFIG = { phoneNumberId: PHONE_ID, accessToken: TOKEN, appSecret: APP_SECRET };
const channel = channelOf("whatsapp", { ...CONFIG, verifyToken: "paste-me" });
const client = clientOf("whatsapp", "972987654321");

Deno.test("connect checks the number with the Graph API and returns what to paste into Meta", async () => {
  const graph = startFakeGraph();
  try {
    const result = await whatsapp.connect({
      config: { ...CONFIG, phoneNumberId: ` ${PHONE_ID} `, extra: "dropped" },
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(graph.url),
    });
    assert.deepEqual(result.config, { ...CONFIG, verifyToken: SECRET });
    assert.deepEqual(result.info, {
      phoneNumberId: PHONE_ID,
      displayPhoneNumber: "+1 555-010-0123",
      verifiedName: "Fake Business",
      callbackUrl: WEBHOOK,
      verifyToken: SECRET,
      webhookFields: ["messages"],
    });
    assert.equal(graph.calls.length, 1);
    assert.equal(graph.calls[0].method, "GET");
    assert.equal(graph.calls[0].path, `/${PHONE_ID}`);
    assert.equal(graph.calls[0].version, "v21.0");
    assert.equal(graph.calls[0].token, TOKEN);
    const own = await whatsapp.connect({
      config: { ...CONFIG, verifyToken: "my-own-token" },
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(graph.url),
    });
    assert.equal(own.config.verifyToken, "my-own-token");
    assert.equal(own.info.verifyToken, "my-own-token");
  } finally {
    await graph.close();
  }
});

Deno.test("connect names the bad field and calls nothing; a rejected token is BadInput", async () => {
  const graph = startFakeGraph();
  try {
    const cases: [unknown, RegExp][] = [
      [
        { ...CONFIG, phoneNumberId: undefined },
        /^config\.phoneNumberId is required: .*Phone number ID/,
      ],
      [{ ...CONFIG, phoneNumberId: "+1 555" }, /^config\.phoneNumberId is invalid/],
      [{ ...CONFIG, accessToken: "" }, /^config\.accessToken is required/],
      [{ ...CONFIG, appSecret: "short" }, /^config\.appSecret is invalid: .*App secret/],
      [{ ...CONFIG, verifyToken: "has spaces in it" }, /^config\.verifyToken is invalid/],
      [null, /^config\.phoneNumberId is required/],
    ];
    for (const [config, message] of cases) {
      await assert.rejects(
        whatsapp.connect({ config, webhookUrl: WEBHOOK, secret: SECRET, api: bases(graph.url) }),
        (err: unknown) => err instanceof BadInput && message.test(err.message),
        JSON.stringify(config),
      );
    }
    assert.equal(graph.calls.length, 0);
    graph.rejectToken(TOKEN);
    await assert.rejects(
      whatsapp.connect({
        config: CONFIG,
        webhookUrl: WEBHOOK,
        secret: SECRET,
        api: bases(graph.url),
      }),
      (err: unknown) =>
        err instanceof BadInput &&
        err.message === "WhatsApp rejected the credentials: Invalid OAuth access token - " +
            "Cannot parse access token (#190)",
    );
  } finally {
    await graph.close();
  }
  await assert.rejects(
    whatsapp.connect({
      config: CONFIG,
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: bases(graph.url),
    }),
    (err: unknown) =>
      err instanceof BadInput && err.message.startsWith("Could not reach the Graph API"),
  );
});

Deno.test("verify checks X-Hub-Signature-256 with the app secret; the handshake uses the verify token", async () => {
  const raw = new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[]}');
  const headers = new Headers({ "X-Hub-Signature-256": await signBody(APP_SECRET, raw) });
  assert.equal(await whatsapp.verify({ headers, rawBody: raw }, channel), true);
  const other = channelOf("whatsapp", { ...CONFIG, appSecret: "f".repeat(32) });
  assert.equal(await whatsapp.verify({ headers, rawBody: raw }, other), false);
  assert.equal(await whatsapp.verify({ headers: new Headers(), rawBody: raw }, channel), false);
  const check = (token: string) =>
    new URL(`${WEBHOOK}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`);
  assert.equal(whatsapp.handshake?.(check("paste-me"), channel), "42");
  assert.equal(whatsapp.handshake?.(check(SECRET), channel), null);
});

Deno.test("send posts a text message to the phone number and returns the wamid", async () => {
  const graph = startFakeGraph();
  try {
    const outcome = await whatsapp.send(
      channel,
      client,
      outgoing("Your order shipped."),
      bases(graph.url),
    );
    assert.deepEqual(outcome, { ok: true, externalId: "wamid.FAKE1" });
    const [call] = graph.calls;
    assert.equal(call.method, "POST");
    assert.equal(call.path, `/${PHONE_ID}/messages`);
    assert.equal(call.token, TOKEN);
    assert.deepEqual(call.body, {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "972987654321",
      type: "text",
      text: { body: "Your order shipped.", preview_url: false },
    });
  } finally {
    await graph.close();
  }
});

Deno.test("buttons go as interactive reply buttons WhatsApp accepts", async () => {
  const graph = startFakeGraph();
  try {
    const message = outgoing("Did that help?", {
      buttons: [
        { text: "Yes", data: "block:2" },
        { text: "No, please have a person call me back", data: "block:3" },
        { text: "Later", data: "block:4" },
      ],
    });
    const outcome = await whatsapp.send(channel, client, message, bases(graph.url));
    assert.equal(outcome.ok, true);
    assert.equal(graph.calls[0].body.type, "interactive");
  } finally {
    await graph.close();
  }
});

Deno.test("WhatsApp's errors map to retry, final failure or a blocked client", async () => {
  const graph = startFakeGraph();
  const send = () => whatsapp.send(channel, client, outgoing("hi"), bases(graph.url));
  try {
    graph.failNext("whatsappSend", "reEngagement");
    const window = await send();
    assert.equal(window.ok, false);
    assert.equal("retryAfterMs" in window, false);
    assert.match(!window.ok ? window.reason : "", /24 hours.*template.*#131047/);
    graph.failNext("whatsappSend", "rateLimit");
    assert.deepEqual(await send(), {
      ok: false,
      retryAfterMs: 5_000,
      reason: "(#130429) Rate limit hit",
    });
    graph.failNext("whatsappSend", "pairRateLimit");
    const pair = await send();
    assert.equal(!pair.ok && "retryAfterMs" in pair && pair.retryAfterMs, 6_000);
    graph.failNext("whatsappSend", "undeliverable");
    const gone = await send();
    assert.deepEqual(gone, {
      ok: false,
      reason:
        "WhatsApp could not deliver the message to this number: (#131026) Message Undeliverable.",
    });
    for (const failure of ["serverError", "badGateway"] as const) {
      graph.failNext("whatsappSend", failure);
      const later = await send();
      assert.equal(!later.ok && "retryAfterMs" in later && later.retryAfterMs, 5_000, failure);
    }
    graph.failNext("whatsappSend", "invalidToken");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "The access token is no longer valid: Invalid OAuth access token - " +
        "Cannot parse access token (#190)",
    });
    graph.setNext("whatsappSend", {
      status: 400,
      body: {
        error: {
          message: "(#131050) Unable to deliver the message. This recipient has chosen to stop " +
            "receiving marketing messages on WhatsApp from your business",
          code: 131050,
        },
      },
    });
    const stopped = await send();
    assert.equal(!stopped.ok && "clientBlocked" in stopped && stopped.clientBlocked, true);
    graph.setNext("whatsappSend", { status: 200, body: { messaging_product: "whatsapp" } });
    assert.deepEqual(await send(), { ok: false, reason: "WhatsApp answered without a message id" });
    assert.deepEqual(await send(), { ok: true, externalId: "wamid.FAKE1" });
  } finally {
    await graph.close();
  }
  const offline = await send();
  assert.equal(!offline.ok && "retryAfterMs" in offline, true);
  assert.match(!offline.ok ? offline.reason : "", /^Could not reach WhatsApp/);
});

Deno.test("media fetches a fresh URL for the media id and streams the file", async () => {
  const graph = startFakeGraph();
  try {
    graph.addMedia("65463453", new Uint8Array([1, 2, 3]), "image/jpeg");
    const res = await whatsapp.media!(
      channel,
      { type: "photo", fileId: "65463453" },
      bases(graph.url),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/jpeg");
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), new Uint8Array([1, 2, 3]));
    assert.deepEqual(graph.calls.map((c) => [c.endpoint, c.token]), [
      ["node", TOKEN],
      ["mediaBytes", TOKEN],
    ]);
    const missing = await whatsapp.media!(
      channel,
      { type: "photo", fileId: "nope" },
      bases(graph.url),
    );
    assert.equal(missing.status, 502);
    await missing.body?.cancel();
  } finally {
    await graph.close();
  }
});
