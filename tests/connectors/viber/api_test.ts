import assert from "node:assert/strict";
import {
  callViber,
  mapSendError,
  messageBody,
  ViberUnreachable,
} from "../../../connectors/viber/api.ts";
import { startFakeViber } from "../../../connectors/viber/fake.ts";
import { viberSignature } from "../../../connectors/viber/signature.ts";
import { TOKEN, VECTOR } from "./samples.ts";

Deno.test("the signature is the hex HMAC-SHA256 of the raw body with the auth token", async () => {
  const raw = new TextEncoder().encode(VECTOR.body);
  assert.equal(await viberSignature(VECTOR.token, raw), VECTOR.signature);
});

Deno.test("send errors: 6 blocks the client, 12 retries, others fail with Viber's words", () => {
  assert.deepEqual(
    mapSendError({ status: 6, status_message: "receiverNotSubscribed", httpStatus: 200 }),
    { ok: false, reason: "receiverNotSubscribed", clientBlocked: true },
  );
  assert.deepEqual(
    mapSendError({ status: 12, status_message: "tooManyRequests", httpStatus: 200 }),
    { ok: false, retryAfterMs: 10_000, reason: "tooManyRequests" },
  );
  for (
    const [status, status_message] of [[5, "receiverNotRegistered"], [
      11,
      "receiverNoSuitableDevice",
    ], [3, "badData"]] as const
  ) {
    assert.deepEqual(mapSendError({ status, status_message, httpStatus: 200 }), {
      ok: false,
      reason: status_message,
    });
  }
  assert.deepEqual(
    mapSendError({ status: 2, status_message: "invalidAuthToken", httpStatus: 200 }),
    {
      ok: false,
      reason: "Viber rejected the auth token: invalidAuthToken",
    },
  );
  const gateway = mapSendError({ status: -1, status_message: "HTTP 502", httpStatus: 502 });
  assert.ok(!gateway.ok && "retryAfterMs" in gateway && gateway.retryAfterMs === 5_000);
  assert.deepEqual(mapSendError({ status: 99, httpStatus: 200 }), {
    ok: false,
    reason: "Viber status 99",
  });
});

Deno.test("a text with buttons is a text message with a reply keyboard and tracking data", () => {
  assert.deepEqual(
    messageBody("Fake shop", "Pick up or delivery?", [], [
      { text: "Pick up", data: "pickup" },
      { text: "Deliver", data: "deliver" },
    ]),
    {
      sender: { name: "Fake shop" },
      type: "text",
      text: "Pick up or delivery?",
      tracking_data: '{"buttons":["pickup","deliver"]}',
      keyboard: {
        Type: "keyboard",
        DefaultHeight: false,
        Buttons: [
          {
            ActionType: "reply",
            ActionBody: "pickup",
            Text: "Pick up",
            TextSize: "regular",
            Silent: true,
          },
          {
            ActionType: "reply",
            ActionBody: "deliver",
            Text: "Deliver",
            TextSize: "regular",
            Silent: true,
          },
        ],
      },
    },
  );
});

Deno.test("one photo goes as a picture, one file with its size as a file, the rest as links", () => {
  const photo = { type: "photo" as const, url: "https://cdn.example.com/r.png" };
  assert.deepEqual(messageBody("Shop", "Your receipt", [photo], []), {
    sender: { name: "Shop" },
    type: "picture",
    media: "https://cdn.example.com/r.png",
    text: "Your receipt",
  });
  const doc = {
    type: "document" as const,
    url: "https://cdn.example.com/i.pdf",
    fileName: "invoice.pdf",
    size: 18_000,
  };
  assert.deepEqual(messageBody("Shop", "", [doc], []), {
    sender: { name: "Shop" },
    type: "file",
    media: "https://cdn.example.com/i.pdf",
    size: 18_000,
    file_name: "invoice.pdf",
  });
  const video = { type: "video" as const, url: "https://cdn.example.com/v.mp4" };
  assert.deepEqual(messageBody("Shop", "", [video], []), {
    sender: { name: "Shop" },
    type: "url",
    media: "https://cdn.example.com/v.mp4",
  });
  assert.deepEqual(messageBody("Shop", "Both", [photo, doc], []), {
    sender: { name: "Shop" },
    type: "text",
    text: "Both\nhttps://cdn.example.com/r.png\nhttps://cdn.example.com/i.pdf",
  });
  assert.equal(messageBody("Shop", "  ", [], []), null);
  assert.deepEqual(messageBody("A very long shop name that Viber refuses", "x", [], []), {
    sender: { name: "A very long shop name that V" },
    type: "text",
    text: "x",
  });
});

Deno.test("callViber sends the token header and reads the exact message token", async () => {
  const fake = startFakeViber({ webhook: "https://inbox.example.com/hook" });
  try {
    const reply = await callViber(`${fake.url}/`, TOKEN, "send_message", {
      receiver: "u1",
      sender: { name: "Shop" },
      type: "text",
      text: "hi",
    });
    assert.equal(reply.status, 0);
    assert.equal(reply.messageToken, fake.sent[0].token);
    assert.ok(BigInt(reply.messageToken!) > BigInt(Number.MAX_SAFE_INTEGER));
    assert.notEqual(String(reply.message_token), reply.messageToken, "JSON.parse rounds it");
    assert.equal(fake.calls[0].token, TOKEN);
  } finally {
    await fake.close();
  }
});

Deno.test("an HTML error page keeps its status; an unreachable API rejects without the token", async () => {
  const fake = startFakeViber({ webhook: "https://inbox.example.com/hook" });
  fake.failNext("send_message", "badGateway");
  const reply = await callViber(fake.url, TOKEN, "send_message", {});
  assert.equal(reply.httpStatus, 502);
  assert.equal(reply.status, -1);
  const url = fake.url;
  await fake.close();
  await assert.rejects(
    () => callViber(url, TOKEN, "get_account_info", {}),
    (err: unknown) => err instanceof ViberUnreachable && !err.message.includes(TOKEN),
  );
});
