import assert from "node:assert/strict";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";

const TOKEN = "EAAGm0PX4ZCpsBAFakeToken1234567890";

async function post(url: string, body: unknown, token = TOKEN) {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

Deno.test("the fake Graph API refuses what WhatsApp refuses: 4 reply buttons, long titles, no token", async () => {
  const graph = startFakeGraph();
  const url = `${graph.url}/v21.0/1122334455667/messages`;
  const buttons = (n: number, title = "OK") =>
    Array.from(
      { length: n },
      (_, i) => ({ type: "reply", reply: { id: `b${i}`, title: `${title}${i}` } }),
    );
  const interactive = (list: unknown[]) => ({
    messaging_product: "whatsapp",
    to: "972987654321",
    type: "interactive",
    interactive: { type: "button", body: { text: "?" }, action: { buttons: list } },
  });
  try {
    assert.equal((await post(url, interactive(buttons(3)))).status, 200);
    const four = await post(url, interactive(buttons(4)));
    assert.deepEqual([four.status, four.body.error.code], [400, 131009]);
    const long = await post(url, interactive(buttons(1, "A title well over twenty")));
    assert.equal(
      long.body.error.error_data.details,
      "Button title length is too long. Max length is 20",
    );
    const noProduct = await post(url, { to: "1", type: "text", text: { body: "x" } });
    assert.equal(noProduct.body.error.code, 100);
    const anonymous = await post(url, interactive(buttons(1)), "");
    assert.deepEqual([anonymous.status, anonymous.body.error.code], [400, 2500]);
    assert.equal(graph.calls.length, 5);
    assert.ok(graph.calls.every((c) => c.endpoint === "whatsappSend" && c.version === "v21.0"));
  } finally {
    await graph.close();
  }
});

Deno.test("the fake Graph API accepts the token as a query parameter too, and records when calls came", async () => {
  const graph = startFakeGraph();
  try {
    const before = performance.timeOrigin + performance.now();
    const res = await fetch(`${graph.url}/v21.0/me?fields=id,name&access_token=${TOKEN}`);
    assert.deepEqual(await res.json(), { id: "100200300400500", name: "Fake Page" });
    const call = await graph.waitFor((c) => c.endpoint === "me");
    assert.equal(call.token, TOKEN);
    assert.ok(call.at >= before);
    const tagged = await post(`${graph.url}/v21.0/me/messages`, {
      recipient: { id: "1" },
      tag: "HUMAN_AGENT",
      messaging_type: "RESPONSE",
      message: { text: "x" },
    });
    assert.equal(tagged.status, 400, "a tag needs messaging_type MESSAGE_TAG");
    await assert.rejects(graph.waitFor((c) => c.endpoint === "subscribedApps", 50));
  } finally {
    await graph.close();
  }
});

Deno.test("the fake Graph API describes an added person with only the fields asked for, plus id", async () => {
  const graph = startFakeGraph();
  const get = async (path: string) => {
    const res = await fetch(`${graph.url}/v21.0${path}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    return await res.json();
  };
  try {
    graph.addUser("1433960459967306", {
      name: "Peter Chang",
      first_name: "Peter",
      last_name: "Chang",
      profile_pic: "https://platform-lookaside.fbsbx.com/p.jpg",
      locale: "en_US",
    });
    assert.deepEqual(await get("/1433960459967306?fields=first_name,last_name,profile_pic"), {
      first_name: "Peter",
      last_name: "Chang",
      profile_pic: "https://platform-lookaside.fbsbx.com/p.jpg",
      id: "1433960459967306",
    });
    assert.deepEqual(await get("/1433960459967306?fields=first_name,timezone"), {
      first_name: "Peter",
      id: "1433960459967306",
    });
    assert.deepEqual(await get("/1433960459967306"), {
      name: "Peter Chang",
      id: "1433960459967306",
    });
    // Ids nobody added keep the fake's usual answer.
    assert.equal((await get("/42?fields=first_name")).verified_name, "Fake Business");
    assert.equal((await get("/nobody")).error.code, 100);
  } finally {
    await graph.close();
  }
});
