import assert from "node:assert/strict";
import { answerHandshake, signBody, verifySignature } from "../../../connectors/meta/signature.ts";

// A WhatsApp webhook exactly as Meta signed it (pywa's test suite), with its app secret.
const RAW =
  '{"object":"whatsapp_business_account","entry":[{"id":"264937493375603","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550953877","phone_number_id":"277321005464405"},"contacts":[{"profile":{"name":"PyWa Tests"},"wa_id":"972544401243"}],"messages":[{"from":"972544401243","id":"wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA","timestamp":"1730231903","text":{"body":"Hey there! I am using PyWa."},"type":"text"}]},"field":"messages"}]}]}';
const APP_SECRET = "1222e786b144d0e85b9f365372d93676";
const SIGNATURE = "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441";
const bytes = new TextEncoder().encode(RAW);

Deno.test("signBody reproduces Meta's X-Hub-Signature-256 for a real webhook", async () => {
  assert.equal(bytes.length, 511);
  assert.equal(await signBody(APP_SECRET, bytes), SIGNATURE);
});

Deno.test("verifySignature accepts Meta's signature, in either hex case", async () => {
  assert.equal(await verifySignature(bytes, SIGNATURE, APP_SECRET), true);
  assert.equal(await verifySignature(bytes, SIGNATURE.toUpperCase(), APP_SECRET), true);
});

Deno.test("verifySignature refuses a changed body, another secret, or a missing header", async () => {
  const changed = new TextEncoder().encode(RAW.replace("Hey there", "Hey there "));
  // Re-serialising the JSON changes nothing a person would notice, and still breaks the signature.
  const reformatted = new TextEncoder().encode(JSON.stringify(JSON.parse(RAW), null, 1));
  assert.equal(await verifySignature(changed, SIGNATURE, APP_SECRET), false);
  assert.equal(await verifySignature(reformatted, SIGNATURE, APP_SECRET), false);
  assert.equal(await verifySignature(bytes, SIGNATURE, "0".repeat(32)), false);
  assert.equal(await verifySignature(bytes, null, APP_SECRET), false);
  assert.equal(await verifySignature(bytes, "", APP_SECRET), false);
  assert.equal(await verifySignature(bytes, SIGNATURE.slice(7), APP_SECRET), false, "no sha256=");
  assert.equal(await verifySignature(bytes, SIGNATURE, ""), false, "an empty secret never matches");
  const sha1 = "sha1=" + "0".repeat(40);
  assert.equal(await verifySignature(bytes, sha1, APP_SECRET), false);
});

Deno.test("the handshake answers the challenge only for subscribe with the right verify token", () => {
  const url = (q: string) => new URL(`https://inbox.example.com/webhooks/whatsapp/ch_1?${q}`);
  assert.equal(
    answerHandshake(
      url("hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=1158201444"),
      "s3cret",
    ),
    "1158201444",
  );
  assert.equal(
    answerHandshake(url("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"), "s3cret"),
    null,
  );
  assert.equal(
    answerHandshake(url("hub.mode=unsubscribe&hub.verify_token=s3cret&hub.challenge=1"), "s3cret"),
    null,
  );
  assert.equal(answerHandshake(url("hub.mode=subscribe&hub.verify_token=s3cret"), "s3cret"), null);
  assert.equal(
    answerHandshake(url("hub.mode=subscribe&hub.verify_token=&hub.challenge=1"), ""),
    null,
  );
});
