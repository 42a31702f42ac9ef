import assert from "node:assert/strict";
import { startFakeVk } from "../../../connectors/vk/fake.ts";
import { TOKEN } from "./samples.ts";

async function call(url: string, method: string, params: Record<string, string>) {
  const res = await fetch(`${url}/method/${method}`, {
    method: "POST",
    body: new URLSearchParams({ access_token: TOKEN, v: "5.199", ...params }),
  });
  return { status: res.status, body: await res.json() };
}

Deno.test("the fake drops a repeated random_id to the same peer, as VK does", async () => {
  const vk = startFakeVk();
  try {
    const first = await call(vk.url, "messages.send", {
      peer_id: "5",
      random_id: "77",
      message: "hi",
    });
    const again = await call(vk.url, "messages.send", {
      peer_id: "5",
      random_id: "77",
      message: "hi",
    });
    const other = await call(vk.url, "messages.send", {
      peer_id: "6",
      random_id: "77",
      message: "hi",
    });
    assert.deepEqual(first.body, { response: 100 });
    assert.deepEqual(again.body, { response: 100 });
    assert.deepEqual(other.body, { response: 101 });
    assert.equal(vk.sent.length, 2);
  } finally {
    await vk.close();
  }
});

Deno.test("the fake reports errors inside HTTP 200 with the request's params", async () => {
  const vk = startFakeVk();
  try {
    vk.failNext("messages.send", "privacy", 2);
    for (let i = 0; i < 2; i++) {
      const res = await call(vk.url, "messages.send", { peer_id: "5", message: "hi" });
      assert.equal(res.status, 200);
      assert.equal(res.body.error.error_code, 902);
      assert.deepEqual(res.body.error.request_params.slice(0, 2), [
        { key: "method", value: "messages.send" },
        { key: "oauth", value: "1" },
      ]);
    }
    const ok = await call(vk.url, "messages.send", { peer_id: "5", message: "hi" });
    assert.deepEqual(ok.body, { response: 100 });
    const empty = await call(vk.url, "messages.send", { peer_id: "5", message: " " });
    assert.equal(empty.body.error.error_code, 100);
    const unknown = await call(vk.url, "messages.nope", {});
    assert.equal(unknown.body.error.error_code, 3);
  } finally {
    await vk.close();
  }
});

Deno.test("the fake refuses callback setup on demand and confirms servers when asked", async () => {
  const hook = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const body = await req.json();
    return new Response(body.type === "confirmation" ? "5e1f0c2a" : "ok");
  });
  const vk = startFakeVk({ confirmServers: true });
  try {
    const url = `http://127.0.0.1:${hook.addr.port}/hook`;
    const added = await call(vk.url, "groups.addCallbackServer", {
      group_id: "9",
      url,
      title: "Switchboard",
      secret_key: "s3",
    });
    assert.deepEqual(added.body, { response: { server_id: 1 } });
    assert.equal(vk.servers[0].status, "ok");
    assert.equal(vk.servers[0].confirmationAnswer, "5e1f0c2a");
    vk.denyCallbackSetup();
    const denied = await call(vk.url, "groups.getCallbackConfirmationCode", { group_id: "9" });
    assert.equal(denied.body.error.error_code, 15);
    const still = await call(vk.url, "groups.getById", { group_id: "9" });
    assert.equal(still.body.response.groups[0].id, 9);
  } finally {
    await vk.close();
    await hook.shutdown();
  }
});

Deno.test("waitFor resolves with a later call and rejects after its timeout", async () => {
  const vk = startFakeVk();
  try {
    const waiting = vk.waitFor((c) => c.method === "messages.send");
    await call(vk.url, "messages.send", { peer_id: "5", message: "later" });
    assert.equal((await waiting).params.message, "later");
    await assert.rejects(vk.waitFor((c) => c.method === "never", 20), /within 20 ms/);
  } finally {
    await vk.close();
  }
});

Deno.test("the fake answers users.get as VK does: the name always, other fields when asked", async () => {
  const vk = startFakeVk();
  try {
    vk.addUser({
      id: 210_700_286,
      first_name: "Lindsey",
      last_name: "Stirling",
      screen_name: "lindseystirling",
      photo_100: "https://sun9-1.userapi.com/lindsey.jpg",
      sex: 1,
    });
    const asked = await call(vk.url, "users.get", {
      user_ids: "210700286,1",
      fields: "photo_100,screen_name",
    });
    assert.deepEqual(asked.body, {
      response: [{
        id: 210_700_286,
        first_name: "Lindsey",
        last_name: "Stirling",
        can_access_closed: true,
        is_closed: false,
        photo_100: "https://sun9-1.userapi.com/lindsey.jpg",
        screen_name: "lindseystirling",
      }],
    });
    const plain = await call(vk.url, "users.get", { user_ids: "210700286" });
    assert.deepEqual(Object.keys(plain.body.response[0]), [
      "id",
      "first_name",
      "last_name",
      "can_access_closed",
      "is_closed",
    ]);
    const unknown = await call(vk.url, "users.get", { user_ids: "1", fields: "photo_100" });
    assert.deepEqual(unknown.body, { response: [] });
  } finally {
    await vk.close();
  }
});

Deno.test("the fake deletes a callback server as VK does, and never reuses its id", async () => {
  const vk = startFakeVk();
  try {
    const add = async (group: string) =>
      (await call(vk.url, "groups.addCallbackServer", {
        group_id: group,
        url: "https://inbox.example.com/hook",
        title: "Switchboard",
      })).body.response.server_id;
    assert.equal(await add("9"), 1);
    assert.equal(await add("10"), 2);
    const other = await call(vk.url, "groups.deleteCallbackServer", {
      group_id: "9",
      server_id: "2",
    });
    assert.equal(other.status, 200);
    assert.equal(other.body.error.error_code, 104);
    assert.equal(other.body.error.error_msg, "Not found");
    assert.deepEqual(other.body.error.request_params[0], {
      key: "method",
      value: "groups.deleteCallbackServer",
    });
    const deleted = await call(vk.url, "groups.deleteCallbackServer", {
      group_id: "9",
      server_id: "1",
    });
    assert.deepEqual(deleted, { status: 200, body: { response: 1 } });
    assert.deepEqual(vk.servers.map((s) => s.id), [2]);
    const again = await call(vk.url, "groups.deleteCallbackServer", {
      group_id: "9",
      server_id: "1",
    });
    assert.equal(again.body.error.error_code, 104);
    assert.equal(await add("9"), 3);
    const missing = await call(vk.url, "groups.deleteCallbackServer", { group_id: "9" });
    assert.equal(missing.body.error.error_code, 100);
    vk.denyCallbackSetup();
    const denied = await call(vk.url, "groups.deleteCallbackServer", {
      group_id: "10",
      server_id: "2",
    });
    assert.equal(denied.body.error.error_code, 15);
    assert.deepEqual(vk.servers.map((s) => s.id), [2, 3]);
  } finally {
    await vk.close();
  }
});
