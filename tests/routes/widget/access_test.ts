import assert from "node:assert/strict";
import { json } from "../../helpers.ts";
import { startWidgetApp, Visitor, type WidgetApp } from "./harness.ts";

const SHOP = "https://shop.example";

async function setup(config: Record<string, unknown> = {}) {
  const app = await startWidgetApp();
  const channel = await app.connectWidget({
    allowedOrigins: [SHOP],
    title: "Acme Shop",
    ...config,
  });
  return { app, channel };
}

async function clients(app: WidgetApp) {
  return (await json(await app.api("/api/clients"))).body.items;
}

/** Waits out the end of a minute, so a test's messages fall in one rate-limit window. */
async function freshMinute() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 3_000) await new Promise((r) => setTimeout(r, left + 50));
}

Deno.test("a site not on the list gets 403 and nothing is stored", async () => {
  const { app, channel } = await setup();
  try {
    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();
    const evil = new Visitor(app, channel.id, "https://evil.example");
    evil.token = v.token;
    const res = await evil.say("spam");
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    assert.equal((await res.json()).error.code, "origin_not_allowed");
    const preflight = await fetch(`${v.base}/messages`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    assert.equal(preflight.status, 403);
    await preflight.body?.cancel();
    const noOrigin = await fetch(`${v.base}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Switchboard-Visitor": v.token },
      body: JSON.stringify({ text: "no origin" }),
    });
    assert.equal(noOrigin.status, 403);
    await noOrigin.body?.cancel();
    assert.deepEqual(await clients(app), []);

    const ok = await fetch(`${v.base}/messages`, {
      method: "OPTIONS",
      headers: {
        Origin: SHOP,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-switchboard-visitor",
      },
    });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get("access-control-allow-origin"), SHOP);
    assert.equal(ok.headers.get("access-control-allow-credentials"), "true");
    assert.match(ok.headers.get("access-control-allow-headers")!, /X-Switchboard-Visitor/);
  } finally {
    await app.close();
  }
});

Deno.test("over the per-visitor limit is 429 with Retry-After, and nothing more is stored", async () => {
  const { app, channel } = await setup({ rateLimitPerMinute: 3 });
  try {
    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();
    await freshMinute();
    for (let i = 1; i <= 3; i++) assert.equal((await json(await v.say(`m${i}`))).status, 201);
    const over = await v.say("m4");
    assert.equal(over.status, 429);
    const retry = Number(over.headers.get("retry-after"));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    assert.equal(over.headers.get("access-control-allow-origin"), SHOP);
    assert.match(over.headers.get("access-control-expose-headers")!, /Retry-After/);
    assert.equal((await over.json()).error.code, "rate_limited");
    const [client] = await clients(app);
    const stored = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.deepEqual(stored.map((m: { text: string }) => m.text), ["m1", "m2", "m3"]);
  } finally {
    await app.close();
  }
});

Deno.test("many visitors from one address share the per-address cap", async () => {
  const { app, channel } = await setup({ rateLimitPerMinute: 5, ipRateLimitPerMinute: 2 });
  try {
    const answers = [];
    await freshMinute();
    for (let i = 0; i < 3; i++) {
      const v = new Visitor(app, channel.id, SHOP);
      await (await v.session()).body?.cancel();
      const res = await v.say(`hello ${i}`);
      answers.push(res.status);
      await res.body?.cancel();
    }
    assert.deepEqual(answers, [201, 201, 429]);
    assert.equal((await clients(app)).length, 2);
  } finally {
    await app.close();
  }
});

Deno.test("the visitor is known by the cookie or by the page's copy of the token", async () => {
  const { app, channel } = await setup();
  try {
    const v = new Visitor(app, channel.id, SHOP);
    const first = await v.session();
    const cookie = first.headers.get("set-cookie")!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /Secure/i);
    assert.match(cookie, /SameSite=None/i);
    assert.match(cookie, /Partitioned/i);
    assert.match(cookie, new RegExp(`Path=/widget/${channel.id}`));
    await first.body?.cancel();
    await (await v.say("remember me")).body?.cancel();

    const byCookie = await json(
      await fetch(`${v.base}/session`, {
        headers: { Origin: SHOP, cookie: cookie.split(";")[0] },
      }),
    );
    assert.equal(byCookie.body.visitor, v.token);
    assert.equal(byCookie.body.hasConversation, true);
    const byHeader = await json(
      await fetch(`${v.base}/session`, {
        headers: { Origin: SHOP, "X-Switchboard-Visitor": v.token },
      }),
    );
    assert.equal(byHeader.body.visitor, v.token);

    // A visitor id alone (employees see it) is not a key to the chat.
    const [id] = v.token.split(".");
    const forged = await json(
      await fetch(`${v.base}/session`, {
        headers: { Origin: SHOP, "X-Switchboard-Visitor": `${id}.AAAA` },
      }),
    );
    assert.notEqual(forged.body.visitor.split(".")[0], id);
    const noSession = await fetch(`${v.base}/messages`, { headers: { Origin: SHOP } });
    assert.equal(noSession.status, 401);
    await noSession.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("the embed script carries the channel and our address", async () => {
  const { app, channel } = await setup();
  try {
    const res = await fetch(`${app.base}/widget/${channel.id}.js`);
    const built = await Deno.stat(new URL("../../../static/build/widget.js", import.meta.url))
      .then(() => true, () => false);
    const body = await res.text();
    if (!built) return assert.equal(res.status, 503);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /javascript/);
    assert.ok(body.startsWith("(function(){var __switchboard="));
    assert.ok(body.includes(JSON.stringify({ channelId: channel.id, base: `${app.base}/widget` })));
    const again = await fetch(`${app.base}/widget/${channel.id}.js`, {
      headers: { "If-None-Match": res.headers.get("etag")! },
    });
    assert.equal(again.status, 304);
    await again.body?.cancel();
    const unknown = await fetch(`${app.base}/widget/01HZZZZZZZZZZZZZZZZZZZZZZZ.js`);
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
  } finally {
    await app.close();
  }
});
