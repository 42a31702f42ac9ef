import assert from "node:assert/strict";
import { callViber } from "../../../connectors/viber/api.ts";
import { startFakeViber } from "../../../connectors/viber/fake.ts";
import { viber } from "../../../connectors/viber/mod.ts";
import { bases, channel, client, outgoing, TOKEN } from "./samples.ts";

const HOOK = "https://inbox.example.com/webhooks/viber/ch_viber";
const UNREACHABLE = "http://127.0.0.1:9";

Deno.test("disconnect sets an empty webhook, and Viber stops calling and taking messages", async () => {
  const fake = startFakeViber({ webhook: HOOK });
  try {
    assert.deepEqual(await viber.disconnect!(channel, bases(fake.url)), { ok: true });
    assert.deepEqual(fake.calls.map((c) => [c.method, c.token, c.params]), [
      ["set_webhook", TOKEN, { url: "" }],
    ]);
    assert.equal(fake.webhook, undefined);
    assert.deepEqual(fake.checks, [], "no webhook check is posted for an empty url");
    const account = await callViber(fake.url, TOKEN, "get_account_info", {});
    assert.equal(account.webhook, "");
    // Without a webhook Viber refuses to send, as it does for a bot nobody listens to.
    assert.deepEqual(await viber.send(channel, client, outgoing("hello"), bases(fake.url)), {
      ok: false,
      reason: "webhookNotSet",
    });
  } finally {
    await fake.close();
  }
});

Deno.test("disconnect after a real connect removes the webhook the connect set", async () => {
  const hook = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    await req.body?.cancel();
    return Response.json({ ok: true });
  });
  const fake = startFakeViber();
  try {
    const url = `http://127.0.0.1:${hook.addr.port}/webhooks/viber/ch_viber`;
    const { config, info } = await viber.connect({
      config: { authToken: TOKEN },
      webhookUrl: url,
      secret: "unused",
      api: bases(fake.url),
    });
    assert.equal(fake.webhook, url);
    const connected = { ...channel, config, info };
    assert.deepEqual(await viber.disconnect!(connected, bases(fake.url)), { ok: true });
    assert.equal(fake.webhook, undefined);
    assert.equal(fake.checks.length, 1, "only the connect was checked");
  } finally {
    await fake.close();
    await hook.shutdown();
  }
});

Deno.test("disconnect reports Viber's refusal and keeps the webhook", async () => {
  const fake = startFakeViber({ webhook: HOOK });
  try {
    fake.failNext("set_webhook", "badData");
    assert.deepEqual(await viber.disconnect!(channel, bases(fake.url)), {
      ok: false,
      reason: "Viber did not remove the webhook: badData",
    });
    fake.failNext("set_webhook", "badGateway");
    assert.deepEqual(await viber.disconnect!(channel, bases(fake.url)), {
      ok: false,
      reason: "Viber did not remove the webhook: HTTP 502 Bad Gateway",
    });
    fake.setNext("set_webhook", { status: 1, status_message: `invalidUrl for ${TOKEN}` });
    const quoted = await viber.disconnect!(channel, bases(fake.url));
    assert.deepEqual(quoted, {
      ok: false,
      reason: "Viber did not remove the webhook: invalidUrl for <token>",
    });
    fake.rejectToken(TOKEN);
    assert.deepEqual(await viber.disconnect!(channel, bases(fake.url)), {
      ok: false,
      reason: "Viber did not remove the webhook: invalidAuthToken",
    });
    assert.equal(fake.webhook, HOOK);
  } finally {
    await fake.close();
  }
});

Deno.test("disconnect from an unreachable Viber resolves with a reason, never the token", async () => {
  const fake = startFakeViber();
  await fake.close();
  // A blocked port, and a port where nothing listens any more.
  for (const base of [UNREACHABLE, fake.url]) {
    const outcome = await viber.disconnect!(channel, bases(base));
    assert.ok(!outcome.ok);
    const prefix = `Could not reach Viber at ${base}: `;
    assert.ok(outcome.reason.startsWith(prefix), outcome.reason);
    assert.ok(outcome.reason.length > prefix.length, outcome.reason);
    assert.ok(!outcome.reason.includes(TOKEN), outcome.reason);
  }
});

Deno.test("disconnect without a valid token calls nothing", async () => {
  const fake = startFakeViber({ webhook: HOOK });
  try {
    for (const config of [{}, { authToken: "has spaces in it" }, { authToken: 7 }]) {
      assert.deepEqual(await viber.disconnect!({ ...channel, config }, bases(fake.url)), {
        ok: false,
        reason: "The channel has no valid Viber token",
      });
    }
    assert.equal(fake.calls.length, 0);
    assert.equal(fake.webhook, HOOK);
  } finally {
    await fake.close();
  }
});
