import assert from "node:assert/strict";
import { startFakeViber } from "../../../connectors/viber/fake.ts";
import { viberSignature } from "../../../connectors/viber/signature.ts";
import { TOKEN } from "./samples.ts";

async function call(url: string, method: string, body: unknown, token = TOKEN) {
  const res = await fetch(`${url}/pa/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Viber-Auth-Token": token },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

const text = { receiver: "u1", sender: { name: "Shop" }, type: "text", text: "hi" };

Deno.test("send_message fails until a webhook is set, then answers a bare 64-bit token", async () => {
  const fake = startFakeViber({ checkWebhook: false });
  try {
    const early = await call(fake.url, "send_message", text);
    assert.deepEqual(JSON.parse(early.text), { status: 10, status_message: "webhookNotSet" });
    const set = await call(fake.url, "set_webhook", { url: "https://inbox.example.com/h" });
    assert.equal(JSON.parse(set.text).status, 0);
    const sent = await call(fake.url, "send_message", text);
    assert.equal(sent.status, 200);
    const token = sent.text.match(/"message_token":(\d+)/)?.[1];
    assert.equal(token, fake.sent[0].token);
    assert.ok(BigInt(token!) > BigInt(Number.MAX_SAFE_INTEGER));
  } finally {
    await fake.close();
  }
});

Deno.test("set_webhook posts a signed webhook event first and fails if it is not answered 200", async () => {
  const received: { body: string; signature: string | null }[] = [];
  let answer = 200;
  const hook = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    received.push({
      body: await req.text(),
      signature: req.headers.get("X-Viber-Content-Signature"),
    });
    return new Response(null, { status: answer });
  });
  const fake = startFakeViber();
  try {
    const url = `http://127.0.0.1:${hook.addr.port}/webhooks/viber/x`;
    const ok = await call(fake.url, "set_webhook", { url, event_types: ["seen"] });
    assert.deepEqual(JSON.parse(ok.text), {
      status: 0,
      status_message: "ok",
      chat_hostname: "SN-CHAT-04_",
      event_types: ["seen"],
    });
    assert.equal(JSON.parse(received[0].body).event, "webhook");
    assert.equal(
      received[0].signature,
      await viberSignature(TOKEN, new TextEncoder().encode(received[0].body)),
    );
    answer = 404;
    const refused = await call(fake.url, "set_webhook", { url });
    assert.deepEqual(JSON.parse(refused.text), { status: 1, status_message: "invalidUrl" });
    assert.deepEqual(fake.checks.map((c) => c.answerStatus), [200, 404]);
  } finally {
    await fake.close();
    await hook.shutdown();
  }
});

Deno.test("the fake fails as programmed, rejects bad tokens and checks message types", async () => {
  const fake = startFakeViber({ webhook: "https://inbox.example.com/h" });
  try {
    fake.failNext("send_message", "receiverNotSubscribed");
    const blocked = await call(fake.url, "send_message", text);
    assert.deepEqual(JSON.parse(blocked.text), {
      status: 6,
      status_message: "receiverNotSubscribed",
    });
    fake.rejectToken("bad");
    const rejected = await call(fake.url, "get_account_info", {}, "bad");
    assert.deepEqual(JSON.parse(rejected.text), { status: 2, status_message: "invalidAuthToken" });
    const file = await call(fake.url, "send_message", { ...text, type: "file", media: "x" });
    assert.equal(JSON.parse(file.text).status, 3);
    const nobody = await call(fake.url, "send_message", { ...text, receiver: "" });
    assert.equal(JSON.parse(nobody.text).status, 4);
    const waiting = fake.waitFor((c) => c.method === "get_account_info" && c.token === TOKEN);
    await call(fake.url, "get_account_info", {});
    assert.equal((await waiting).token, TOKEN);
    await assert.rejects(fake.waitFor((c) => c.method === "never", 20), /within 20 ms/);
  } finally {
    await fake.close();
  }
});

Deno.test("set_webhook with an empty url removes the webhook without a check", async () => {
  const hits: string[] = [];
  const hook = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    hits.push(await req.text());
    return new Response(null, { status: 200 });
  });
  const fake = startFakeViber();
  try {
    const url = `http://127.0.0.1:${hook.addr.port}/webhooks/viber/x`;
    assert.equal(JSON.parse((await call(fake.url, "set_webhook", { url })).text).status, 0);
    assert.equal(fake.webhook, url);
    const removed = await call(fake.url, "set_webhook", { url: "" });
    assert.deepEqual(JSON.parse(removed.text), { status: 0, status_message: "ok" });
    assert.equal(fake.webhook, undefined);
    assert.equal(hits.length, 1, "only the real url was checked");
    assert.equal(fake.checks.length, 1);
    const info = await call(fake.url, "get_account_info", {});
    assert.equal(JSON.parse(info.text).webhook, "");
    const refused = await call(fake.url, "send_message", text);
    assert.deepEqual(JSON.parse(refused.text), { status: 10, status_message: "webhookNotSet" });
    const missing = await call(fake.url, "set_webhook", {});
    assert.deepEqual(JSON.parse(missing.text), { status: 4, status_message: "missingData" });
  } finally {
    await fake.close();
    await hook.shutdown();
  }
});
