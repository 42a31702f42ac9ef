import assert from "node:assert/strict";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import {
  callGraph,
  describeGraphError,
  GRAPH_VERSION,
  GraphUnreachable,
} from "../../../connectors/meta/graph.ts";
import { sendInParts, type SendRules } from "../../../connectors/meta/send.ts";
import { chunkText } from "../../../connectors/meta/shape.ts";

const TOKEN = "EAAGm0PX4ZCpsBAFakePageToken1234567890";
const rules: SendRules = {
  platform: "Messenger",
  idOf: (body) => typeof body.message_id === "string" ? body.message_id : undefined,
  classify: () => undefined,
};
const post = (text: string) => ({ recipient: { id: "5678" }, message: { text } });

Deno.test("callGraph sends the token as a bearer header to the versioned path", async () => {
  const graph = startFakeGraph();
  try {
    const reply = await callGraph(graph.url, TOKEN, { path: "/me", query: { fields: "id,name" } });
    assert.equal(reply.error, undefined);
    assert.deepEqual(reply.body, { id: "100200300400500", name: "Fake Page" });
    const [call] = graph.calls;
    assert.equal(GRAPH_VERSION, "v21.0");
    assert.equal(call.version, "v21.0");
    assert.equal(call.token, TOKEN);
    assert.equal(call.query.fields, "id,name");
    assert.equal(call.query.access_token, undefined, "the token stays out of the URL");
  } finally {
    await graph.close();
  }
});

Deno.test("callGraph reads errors in 4xx, in 200 bodies, and from HTML gateways", async () => {
  const graph = startFakeGraph();
  try {
    graph.failNext("me", "invalidToken");
    graph.failNext("messagingSend", "temporaryFailureIn200");
    graph.failNext("node", "badGateway");
    const denied = await callGraph(graph.url, TOKEN, { path: "/me" });
    assert.equal(denied.httpStatus, 401);
    assert.equal(denied.error?.code, 190);
    const in200 = await callGraph(graph.url, TOKEN, { path: "/me/messages", body: post("hi") });
    assert.equal(in200.httpStatus, 200);
    assert.equal(in200.error?.code, 1200);
    const gateway = await callGraph(graph.url, TOKEN, { path: "/123" });
    assert.equal(gateway.error?.message, "HTTP 502 Bad Gateway");
  } finally {
    await graph.close();
  }
});

Deno.test("callGraph rejects with GraphUnreachable when nothing listens", async () => {
  const graph = startFakeGraph();
  const url = graph.url;
  await graph.close();
  await assert.rejects(callGraph(url, TOKEN, { path: "/me" }), GraphUnreachable);
});

Deno.test("describeGraphError keeps Meta's words, adds the details and the code once", () => {
  assert.equal(
    describeGraphError({ message: "(#130429) Rate limit hit", code: 130429 }),
    "(#130429) Rate limit hit",
  );
  assert.equal(
    describeGraphError({
      message: "Message Undeliverable.",
      code: 131026,
      error_data: { details: "The recipient is not on WhatsApp." },
    }),
    "Message Undeliverable: The recipient is not on WhatsApp. (#131026)",
  );
});

Deno.test("sendInParts retries transient errors, waiting as long as Meta's usage header says", async () => {
  const graph = startFakeGraph();
  try {
    graph.failNext("messagingSend", "serverError");
    const server = await sendInParts(graph.url, TOKEN, "/me/messages", [post("a")], rules);
    assert.deepEqual(server, {
      ok: false,
      retryAfterMs: 5_000,
      reason: "An unexpected error has occurred. Please retry your request later. (#2)",
    });
    graph.setNext("messagingSend", {
      status: 400,
      body: { error: { message: "(#4) Application request limit reached", code: 4 } },
      headers: {
        "x-business-use-case-usage": JSON.stringify({
          "100200300400500": [{
            type: "pages",
            call_count: 100,
            estimated_time_to_regain_access: 3,
          }],
        }),
      },
    });
    const limited = await sendInParts(graph.url, TOKEN, "/me/messages", [post("a")], rules);
    assert.equal(limited.ok, false);
    assert.equal(!limited.ok && "retryAfterMs" in limited && limited.retryAfterMs, 180_000);
  } finally {
    await graph.close();
  }
});

Deno.test("sendInParts stops at a failure after the first part, without a retry that would repeat it", async () => {
  const graph = startFakeGraph();
  try {
    const bodies = [post("one"), post("two"), post("three")];
    const all = await sendInParts(graph.url, TOKEN, "/me/messages", bodies, rules);
    assert.deepEqual(all, { ok: true, externalId: "m_FAKE3" }, "the last part's id");
    graph.setNext("messagingSend", (c) => ({ status: 200, body: { message_id: `x${c.at}` } }));
    graph.failNext("messagingSend", "serverError");
    const partial = await sendInParts(graph.url, TOKEN, "/me/messages", bodies, rules);
    assert.equal(partial.ok, false);
    assert.equal("retryAfterMs" in partial, false);
    assert.match(!partial.ok ? partial.reason : "", /^Only 1 of 3 parts reached Messenger; then: /);
    assert.deepEqual(await sendInParts(graph.url, TOKEN, "/me/messages", [], rules), {
      ok: false,
      reason: "Nothing to send",
    });
  } finally {
    await graph.close();
  }
});

Deno.test("chunkText splits at spaces or line breaks and never halves an emoji", () => {
  assert.deepEqual(chunkText("short", 10), ["short"]);
  assert.deepEqual(chunkText("one two three four", 9), ["one two", "three", "four"]);
  assert.deepEqual(chunkText("x".repeat(25), 10), ["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  const emoji = "a".repeat(9) + "😀" + "b";
  const parts = chunkText(emoji, 10);
  assert.equal(parts.join(""), emoji);
  assert.ok(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p)));
  assert.deepEqual(chunkText("", 10), []);
});
