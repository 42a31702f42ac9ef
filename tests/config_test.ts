import assert from "node:assert/strict";
import { isRemoteKv, loadConfig } from "../config.ts";

Deno.test("with no configuration the defaults of the contract apply", () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 8000);
  assert.equal(c.kvPath, "./data/switchboard.db");
  assert.equal(c.publicUrl, "http://localhost:8000");
  assert.equal(c.TELEGRAM_API_BASE, "https://api.telegram.org");
  assert.equal(isRemoteKv(c), false);
});

Deno.test("PUBLIC_URL loses its trailing slash; a KV Connect URL counts as remote", () => {
  const c = loadConfig({
    PUBLIC_URL: "https://inbox.example.com/",
    KV_PATH: "https://api.deno.com/databases/x/connect",
  });
  assert.equal(c.publicUrl, "https://inbox.example.com");
  assert.equal(isRemoteKv(c), true);
  assert.equal(loadConfig({ DENO_DEPLOYMENT_ID: "abc" }).kvPath, "");
});

Deno.test("bad variables are named in one readable error", () => {
  assert.throws(
    () => loadConfig({ PORT: "eighty", PUBLIC_URL: "not a url", ADMIN_PASSWORD: "short" }),
    (e: Error) =>
      /PORT/.test(e.message) && /PUBLIC_URL/.test(e.message) && /ADMIN_PASSWORD/.test(e.message),
  );
});
