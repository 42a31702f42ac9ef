import assert from "node:assert/strict";
import { json, startTestApp } from "../../helpers.ts";

Deno.test("the project's time zone can be set to a real zone only", async () => {
  const app = await startTestApp();
  try {
    assert.deepEqual((await json(await app.api("/api/project"))).body, {
      name: "Switchboard",
      timeZone: "UTC",
    });
    const saved = await json(
      await app.api("/api/project", {
        method: "PUT",
        body: { name: "Linen & Oak", timeZone: "Europe/Berlin" },
      }),
    );
    assert.equal(saved.status, 200);
    const bad = await json(
      await app.api("/api/project", {
        method: "PUT",
        body: { name: "X", timeZone: "Mars/Olympus" },
      }),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /time zone/);
    assert.deepEqual((await json(await app.api("/api/project"))).body, {
      name: "Linen & Oak",
      timeZone: "Europe/Berlin",
    });
  } finally {
    await app.close();
  }
});
