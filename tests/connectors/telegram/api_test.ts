import assert from "node:assert/strict";
import {
  callTelegram,
  mapSendError,
  sendMessage,
  TelegramUnreachable,
} from "../../../connectors/telegram/api.ts";
import { startFakeTelegram } from "../../../connectors/telegram/fake.ts";

const TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

Deno.test("a 429 with retry_after says when to try again", () => {
  const body = {
    ok: false,
    error_code: 429,
    description: "Too Many Requests: retry after 30",
    parameters: { retry_after: 30 },
  };
  assert.deepEqual(mapSendError(body, 429), {
    ok: false,
    retryAfterMs: 30_000,
    reason: "Too Many Requests: retry after 30",
  });
});

Deno.test("a blocked or deactivated user marks the client blocked", () => {
  for (
    const description of [
      "Forbidden: bot was blocked by the user",
      "Forbidden: user is deactivated",
    ]
  ) {
    assert.deepEqual(mapSendError({ ok: false, error_code: 403, description }, 403), {
      ok: false,
      reason: description,
      clientBlocked: true,
    });
  }
});

Deno.test("other client errors fail with Telegram's words", () => {
  const chatNotFound = { ok: false, error_code: 400, description: "Bad Request: chat not found" };
  assert.deepEqual(mapSendError(chatNotFound, 400), {
    ok: false,
    reason: "Bad Request: chat not found",
  });
  const neverStarted = {
    ok: false,
    error_code: 403,
    description: "Forbidden: bot can't initiate conversation with a user",
  };
  assert.deepEqual(mapSendError(neverStarted, 403), {
    ok: false,
    reason: "Forbidden: bot can't initiate conversation with a user",
  });
});

Deno.test("server errors are retried after five seconds", () => {
  const outcome = mapSendError({ ok: false, error_code: 502, description: "Bad Gateway" }, 502);
  assert.deepEqual(outcome, { ok: false, retryAfterMs: 5_000, reason: "Bad Gateway" });
});

Deno.test("callTelegram posts JSON to /bot<token>/<method>", async () => {
  const tg = startFakeTelegram();
  try {
    const reply = await sendMessage(`${tg.url}/`, TOKEN, "731552104", "Your order is ready");
    assert.equal(reply.ok, true);
    assert.equal(reply.httpStatus, 200);
    assert.deepEqual(reply.result, {
      message_id: 1,
      from: { id: 7012345678, is_bot: true, first_name: "Fake bot" },
      chat: { id: 731552104, type: "private" },
      date: Math.floor(tg.calls[0].at / 1000),
      text: "Your order is ready",
    });
    assert.equal(tg.calls[0].method, "sendMessage");
    assert.equal(tg.calls[0].token, TOKEN);
    assert.deepEqual(tg.calls[0].params, { chat_id: "731552104", text: "Your order is ready" });
  } finally {
    await tg.close();
  }
});

Deno.test("a non-API error page keeps its HTTP status", async () => {
  const tg = startFakeTelegram();
  try {
    tg.failNext("sendMessage", "badGateway");
    const reply = await callTelegram(tg.url, TOKEN, "sendMessage", { chat_id: 1, text: "x" });
    assert.equal(reply.ok, false);
    assert.equal(reply.httpStatus, 502);
    assert.equal(mapSendError(reply, reply.httpStatus).ok, false);
    assert.equal("retryAfterMs" in mapSendError(reply, reply.httpStatus), true);
  } finally {
    await tg.close();
  }
});

Deno.test("an unreachable API rejects without quoting the token", async () => {
  const tg = startFakeTelegram();
  const url = tg.url;
  await tg.close();
  await assert.rejects(
    () => callTelegram(url, TOKEN, "getMe", {}),
    (err: unknown) => err instanceof TelegramUnreachable && !err.message.includes(TOKEN),
  );
});
