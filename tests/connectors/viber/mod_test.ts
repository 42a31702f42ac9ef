import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import type { Channel } from "../../../kv/records.ts";
import { startFakeViber } from "../../../connectors/viber/fake.ts";
import { viber } from "../../../connectors/viber/mod.ts";
import { viberSignature } from "../../../connectors/viber/signature.ts";
import { bases, channel, client, messageRaw, outgoing, TOKEN, VECTOR } from "./samples.ts";

/** A webhook endpoint that runs the connector the way the route does. */
function receiver() {
  return Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const rawBody = new Uint8Array(await req.arrayBuffer());
    const ok = await viber.verify({ headers: req.headers, rawBody }, channel);
    if (!ok) return new Response("bad signature", { status: 401 });
    viber.parse(JSON.parse(new TextDecoder().decode(rawBody)), channel);
    return Response.json({ ok: true });
  });
}

Deno.test("connect checks the token, then sets the webhook, which Viber checks", async () => {
  const hook = receiver();
  const fake = startFakeViber();
  const url = `http://127.0.0.1:${hook.addr.port}/webhooks/viber/ch_viber`;
  try {
    const result = await viber.connect({
      config: { authToken: ` ${TOKEN} `, extra: "ignored" },
      webhookUrl: url,
      secret: "unused",
      api: bases(fake.url),
    });
    assert.deepEqual(result, {
      config: { authToken: TOKEN },
      info: {
        accountId: "pa:5166437628813383542",
        name: "Fake shop",
        uri: "fakeshop",
        icon: "https://media-direct.cdn.viber.com/pg_download?id=fake",
      },
    });
    assert.deepEqual(fake.calls.map((c) => c.method), ["get_account_info", "set_webhook"]);
    assert.deepEqual(fake.calls[1].params, {
      url,
      event_types: [
        "delivered",
        "seen",
        "failed",
        "subscribed",
        "unsubscribed",
        "conversation_started",
      ],
      send_name: true,
      send_photo: true,
    });
    assert.equal(fake.checks[0].answerStatus, 200);
  } finally {
    await fake.close();
    await hook.shutdown();
  }
});

Deno.test("connect refuses a malformed token without calling Viber", async () => {
  const fake = startFakeViber();
  try {
    for (const config of [{}, null, { authToken: 5 }, { authToken: "has spaces in it" }]) {
      await assert.rejects(
        viber.connect({ config, webhookUrl: "https://x/h", secret: "s", api: bases(fake.url) }),
        (err: unknown) => err instanceof BadInput && /config\.authToken/.test(err.message),
      );
    }
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("connect reports a rejected token, a refused webhook and an unreachable API", async () => {
  const fake = startFakeViber();
  try {
    fake.rejectToken(TOKEN);
    const input = {
      config: { authToken: TOKEN },
      webhookUrl: "http://127.0.0.1:9/nowhere",
      secret: "s",
      api: bases(fake.url),
    };
    await assert.rejects(
      viber.connect(input),
      (err: unknown) =>
        err instanceof BadInput && err.message === "Viber rejected the token: invalidAuthToken",
    );
    const other = { ...input, config: { authToken: `${TOKEN}0` } };
    await assert.rejects(
      viber.connect(other),
      (err: unknown) =>
        err instanceof BadInput && /refused the webhook .*invalidUrl/.test(err.message),
    );
  } finally {
    await fake.close();
  }
  await assert.rejects(
    viber.connect({
      config: { authToken: TOKEN },
      webhookUrl: "https://x/h",
      secret: "s",
      api: bases(fake.url),
    }),
    (err: unknown) =>
      err instanceof BadInput && err.message.startsWith(`Could not reach Viber at ${fake.url}`),
  );
});

Deno.test("verify checks the signature of the raw bytes with the auth token", async () => {
  const vectorChannel: Channel = { ...channel, config: { authToken: VECTOR.token } };
  const raw = new TextEncoder().encode(VECTOR.body);
  const check = (signature: string | null, ch = vectorChannel, body = raw) =>
    viber.verify({
      headers: new Headers(signature === null ? {} : { "X-Viber-Content-Signature": signature }),
      rawBody: body,
    }, ch);
  assert.equal(await check(VECTOR.signature), true);
  assert.equal(await check(VECTOR.signature.toUpperCase()), true);
  assert.equal(await check(VECTOR.signature.slice(0, -1)), false);
  assert.equal(await check(null), false);
  assert.equal(await check(VECTOR.signature, channel), false, "another bot's token");
  const changed = new TextEncoder().encode(VECTOR.body.replace("webhook", "message"));
  assert.equal(await check(VECTOR.signature, vectorChannel, changed), false);
});

Deno.test("parse keys a message by its exact token, read from the raw bytes", async () => {
  const raw = messageRaw({ type: "text", text: "hello" }, "5466358343372472277");
  const rawBody = new TextEncoder().encode(raw);
  const headers = new Headers({
    "X-Viber-Content-Signature": await viberSignature(TOKEN, rawBody),
  });
  assert.equal(await viber.verify({ headers, rawBody }, channel), true);
  const [item] = viber.parse(JSON.parse(raw), channel, rawBody);
  assert.equal(item.updateKey, "5466358343372472277");
});

Deno.test("answer keeps conversation_started free of a welcome message", () => {
  assert.deepEqual(viber.answer!({ event: "conversation_started" }, channel), { text: "" });
  assert.deepEqual(viber.answer!({ event: "message" }, channel), { json: { ok: true } });
});

Deno.test("send posts send_message and returns the exact token as the external id", async () => {
  const fake = startFakeViber({ webhook: "https://inbox.example.com/hook" });
  try {
    const outcome = await viber.send(
      channel,
      client,
      outgoing("Pick up or delivery?", { buttons: [{ text: "Pick up", data: "pickup" }] }),
      bases(fake.url),
    );
    assert.deepEqual(outcome, { ok: true, externalId: fake.sent[0].token });
    const params = fake.calls[0].params;
    assert.equal(params.receiver, "3SQNc4FPUQmysaM/AQEhXg==");
    assert.deepEqual(params.sender, { name: "Fake shop" });
    assert.equal(params.type, "text");
    assert.equal(params.text, "Pick up or delivery?");
    assert.equal(params.tracking_data, '{"buttons":["pickup"]}');
    assert.equal(fake.calls[0].token, TOKEN);
  } finally {
    await fake.close();
  }
});

Deno.test("send maps Viber's statuses inside HTTP 200", async () => {
  const fake = startFakeViber({ webhook: "https://inbox.example.com/hook" });
  try {
    const send = () => viber.send(channel, client, outgoing("hello"), bases(fake.url));
    fake.failNext("send_message", "receiverNotSubscribed");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "receiverNotSubscribed",
      clientBlocked: true,
    });
    fake.failNext("send_message", "tooManyRequests");
    assert.deepEqual(await send(), { ok: false, retryAfterMs: 10_000, reason: "tooManyRequests" });
    fake.failNext("send_message", "receiverNoSuitableDevice");
    assert.deepEqual(await send(), { ok: false, reason: "receiverNoSuitableDevice" });
    fake.setNext("send_message", { status: 3, status_message: "badData" });
    assert.deepEqual(await send(), { ok: false, reason: "badData" });
  } finally {
    await fake.close();
  }
});

Deno.test("send retries when Viber is unreachable, and refuses an empty message", async () => {
  const fake = startFakeViber({ webhook: "https://inbox.example.com/hook" });
  assert.deepEqual(await viber.send(channel, client, outgoing(" "), bases(fake.url)), {
    ok: false,
    reason: "Nothing to send",
  });
  assert.equal(fake.calls.length, 0);
  await fake.close();
  const outcome = await viber.send(channel, client, outgoing("hello"), bases(fake.url));
  assert.ok(!outcome.ok && "retryAfterMs" in outcome);
});
