import assert from "node:assert/strict";
import {
  mailgunSignatureOf,
  verifyMailgunSignature,
  verifyPostmarkAuth,
} from "../../../connectors/email/verify.ts";
import { mailgunSign } from "./samples.ts";

// Mailgun's documented test vector (also in the shared fixtures' README).
const KEY = "tbsy84uSV1Kt3ZJZELY2TmShPRs91E3yL4tzf96297vBCkDWgL";
const VECTOR = {
  timestamp: "1539112500",
  token: "7VwW7k6Ak7zcTwoSoNm7aTtbk1g67MKAnsYLfUB7PdszbgR5Xi",
  signature: "ef24c5225322217bb065b80bb54eb4f9206d764e3e16abab07f0a64d1cf477cc",
};
const SIGNED_AT = 1539112500_000;

Deno.test("Mailgun's test vector verifies with the freshness check off or at its own time", async () => {
  assert.equal(await verifyMailgunSignature(VECTOR, KEY, { maxAgeMs: Infinity }), true);
  assert.equal(await verifyMailgunSignature(VECTOR, KEY, { now: SIGNED_AT + 60_000 }), true);
});

Deno.test("a stale, future, tampered or wrongly keyed Mailgun signature fails", async () => {
  assert.equal(await verifyMailgunSignature(VECTOR, KEY), false, "2018 is older than 15 minutes");
  assert.equal(await verifyMailgunSignature(VECTOR, KEY, { now: SIGNED_AT - 16 * 60_000 }), false);
  const off = { maxAgeMs: Infinity };
  assert.equal(
    await verifyMailgunSignature({ ...VECTOR, token: VECTOR.token + "x" }, KEY, off),
    false,
  );
  assert.equal(
    await verifyMailgunSignature({ ...VECTOR, timestamp: "1539112501" }, KEY, off),
    false,
  );
  assert.equal(await verifyMailgunSignature(VECTOR, KEY.slice(1), off), false);
  assert.equal(await verifyMailgunSignature({ ...VECTOR, signature: "" }, KEY, off), false);
  assert.equal(await verifyMailgunSignature(VECTOR, "", off), false);
  assert.equal(
    await verifyMailgunSignature(
      { ...VECTOR, signature: VECTOR.signature.toUpperCase() },
      KEY,
      off,
    ),
    true,
    "hex case does not matter",
  );
});

Deno.test("signature fields are found in urlencoded, multipart and JSON bodies", async () => {
  const enc = new TextEncoder();
  const urlencoded = new URLSearchParams({ ...VECTOR, sender: "a@b.example" }).toString();
  assert.deepEqual(
    await mailgunSignatureOf(enc.encode(urlencoded), "application/x-www-form-urlencoded"),
    VECTOR,
  );
  const form = new FormData();
  for (const [k, v] of Object.entries(VECTOR)) form.set(k, v);
  form.set("attachment-1", new File(["hi"], "a.txt", { type: "text/plain" }));
  const multipart = new Request("http://x", { method: "POST", body: form });
  const raw = new Uint8Array(await multipart.arrayBuffer());
  assert.deepEqual(
    await mailgunSignatureOf(raw, multipart.headers.get("content-type")!),
    VECTOR,
  );
  const json = JSON.stringify({ signature: { ...VECTOR, timestamp: 1539112500 } });
  assert.deepEqual(await mailgunSignatureOf(enc.encode(json), "application/json"), VECTOR);
  const flat = JSON.stringify({ ...VECTOR, recipient: "replies@example.com" });
  assert.deepEqual(await mailgunSignatureOf(enc.encode(flat), "application/json"), VECTOR);
  assert.equal(await mailgunSignatureOf(enc.encode("{oops"), "application/json"), null);
  assert.equal(
    await mailgunSignatureOf(enc.encode("sender=a"), "application/x-www-form-urlencoded"),
    null,
  );
});

Deno.test("a freshly signed body passes", async () => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const token = "a".repeat(50);
  const signature = await mailgunSign("key-123", timestamp, token);
  assert.equal(await verifyMailgunSignature({ timestamp, token, signature }, "key-123"), true);
});

Deno.test("Postmark's basic auth must be postmark:<secret>", () => {
  const auth = (v: string) => new Headers({ authorization: `Basic ${btoa(v)}` });
  assert.equal(verifyPostmarkAuth(auth("postmark:s3cret"), "s3cret"), true);
  assert.equal(verifyPostmarkAuth(auth("postmark:s3cre"), "s3cret"), false);
  assert.equal(verifyPostmarkAuth(auth("admin:s3cret"), "s3cret"), false);
  assert.equal(verifyPostmarkAuth(auth("postmark:"), ""), false, "an empty secret never matches");
  assert.equal(verifyPostmarkAuth(new Headers(), "s3cret"), false);
  assert.equal(
    verifyPostmarkAuth(new Headers({ authorization: "Bearer s3cret" }), "s3cret"),
    false,
  );
  assert.equal(verifyPostmarkAuth(new Headers({ authorization: "Basic !!!" }), "s3cret"), false);
});
