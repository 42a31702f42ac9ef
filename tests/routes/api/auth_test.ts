import assert from "node:assert/strict";
import { json, OWNER, startTestApp } from "../../helpers.ts";

Deno.test("login sets an HttpOnly SameSite cookie; wrong credentials get 401 JSON", async () => {
  const app = await startTestApp();
  try {
    const ok = await fetch(`${app.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(OWNER),
    });
    assert.equal(ok.status, 200);
    const cookie = ok.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^sb_session=sbs_[0-9a-f]{64};/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.equal((await ok.json()).employee.email, OWNER.email);

    const bad = await json(
      await fetch(`${app.base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: OWNER.email, password: "nope" }),
      }),
    );
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, "bad_credentials");
    const unknown = await fetch(`${app.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "who@example.com", password: "nope" }),
    });
    assert.equal(unknown.status, 401);
    await unknown.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("every /api route but login wants a cookie or a bearer token", async () => {
  const app = await startTestApp();
  try {
    for (
      const path of ["/api/clients", "/api/channels", "/api/auth/me", "/api/events", "/api/tokens"]
    ) {
      const res = await json(await fetch(app.base + path));
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.code, "unauthorized");
    }
    const badToken = await json(
      await fetch(`${app.base}/api/clients`, { headers: { Authorization: "Bearer sbt_nope" } }),
    );
    assert.equal(badToken.status, 401);
  } finally {
    await app.close();
  }
});

Deno.test("an API token works as a bearer until it is revoked", async () => {
  const app = await startTestApp();
  try {
    const issued = await json(await app.api("/api/tokens", { body: { name: "CRM sync" } }));
    assert.equal(issued.status, 201);
    assert.match(issued.body.token, /^sbt_/);
    const auth = { Authorization: `Bearer ${issued.body.token}` };
    const me = await json(await fetch(`${app.base}/api/auth/me`, { headers: auth }));
    assert.equal(me.status, 200);
    assert.equal(me.body.employee.email, OWNER.email);
    const listed = await json(await app.api("/api/tokens"));
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].token, undefined, "the secret is never listed");
    const revoked = await app.api(`/api/tokens/${issued.body.id}`, { method: "DELETE" });
    assert.equal(revoked.status, 200);
    await revoked.body?.cancel();
    const after = await fetch(`${app.base}/api/auth/me`, { headers: auth });
    assert.equal(after.status, 401);
    await after.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("logout ends the session", async () => {
  const app = await startTestApp();
  try {
    const out = await app.api("/api/auth/logout", { method: "POST" });
    assert.equal(out.status, 200);
    await out.body?.cancel();
    const me = await app.api("/api/auth/me");
    assert.equal(me.status, 401);
    await me.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("cookie writes from another site are refused; same-site and non-browser ones pass", async () => {
  const app = await startTestApp();
  try {
    const crossOrigin = await json(
      await app.api("/api/tokens", {
        body: { name: "x" },
        headers: { Origin: "https://evil.example" },
      }),
    );
    assert.equal(crossOrigin.status, 403);
    assert.equal(crossOrigin.body.error.code, "csrf");
    const crossSite = await json(
      await app.api("/api/tokens", {
        body: { name: "x" },
        headers: { "Sec-Fetch-Site": "cross-site" },
      }),
    );
    assert.equal(crossSite.status, 403);
    assert.equal(
      (await json(await app.api("/api/tokens"))).body.items.length,
      0,
      "nothing was created",
    );
    const sameOrigin = await app.api("/api/tokens", {
      body: { name: "x" },
      headers: { Origin: app.base, "Sec-Fetch-Site": "same-origin" },
    });
    assert.equal(sameOrigin.status, 201);
    await sameOrigin.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("bad input gets a 400 JSON error naming the problem", async () => {
  const app = await startTestApp();
  try {
    const malformed = await json(
      await fetch(`${app.base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      }),
    );
    assert.equal(malformed.status, 400);
    assert.ok(malformed.body.error.message);
    const missing = await json(
      await fetch(`${app.base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "a@b.c" }),
      }),
    );
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /password/);
    const unknownRoute = await json(await app.api("/api/nothing-here"));
    assert.equal(unknownRoute.status, 404);
    assert.equal(unknownRoute.body.error.code, "not_found");
  } finally {
    await app.close();
  }
});

Deno.test("after repeated wrong passwords sign-in pauses for that e-mail, even with the right one", async () => {
  const app = await startTestApp();
  try {
    const attempt = (password: string) =>
      fetch(`${app.base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: OWNER.email, password }),
      }).then(json);
    for (let i = 0; i < 10; i++) assert.equal((await attempt("guess " + i)).status, 401);
    const paused = await attempt(OWNER.password);
    assert.equal(paused.status, 429);
    assert.equal(paused.body.error.code, "too_many_attempts");
  } finally {
    await app.close();
  }
});
