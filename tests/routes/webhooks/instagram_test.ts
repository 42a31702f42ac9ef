import assert from "node:assert/strict";
import { startFakeGraph } from "../../../connectors/meta/fake.ts";
import { eventually, startTestApp } from "../../helpers.ts";
import { APP_SECRET, connectMeta, inbox, postStatus } from "./meta.ts";

const PAGE_ID = "111899832631525";
const IG_ID = "17841400000000001";
const IGSID = "6543210987654321";
const TOKEN = "EAAGm0PX4ZCpsBAInstagramPageToken12";

function igHook(...events: Record<string, unknown>[]) {
  return {
    object: "instagram",
    entry: [{
      id: IG_ID,
      time: Date.now(),
      messaging: events.map((e) => ({
        sender: { id: IGSID },
        recipient: { id: IG_ID },
        timestamp: Date.now(),
        ...e,
      })),
    }],
  };
}

Deno.test("Instagram: connect, a signed DM reaches the inbox, the reply reaches the Graph API once", async () => {
  const graph = startFakeGraph();
  graph.addPage(TOKEN, {
    id: PAGE_ID,
    name: "Julia's Bakery",
    instagram: { id: IG_ID, username: "juliasbakery" },
  });
  const app = await startTestApp({ META_GRAPH_BASE: graph.url });
  try {
    const channel = await connectMeta(app, "instagram", {
      pageAccessToken: TOKEN,
      appSecret: APP_SECRET,
    });
    assert.equal(channel.body.info.username, "juliasbakery");
    assert.equal(
      channel.body.info.callbackUrl,
      `http://localhost:8000/webhooks/instagram/${channel.id}`,
    );
    const hook = igHook({ message: { mid: "aWdf_IN1", text: "Do you deliver?" } });
    assert.equal(
      await postStatus(app, "instagram", channel.id, hook, "sha256=" + "1".repeat(64)),
      401,
    );
    assert.equal((await inbox(app)).clients.length, 0);
    assert.equal(await postStatus(app, "instagram", channel.id, hook), 200);
    assert.equal(await postStatus(app, "instagram", channel.id, hook), 200);
    const { clients, messages } = await inbox(app);
    assert.equal(clients.length, 1);
    assert.equal(clients[0].platformId, IGSID);
    assert.deepEqual(messages.map((m) => m.text), ["Do you deliver?"]);
    await (await app.api(`/api/clients/${clients[0].id}/messages`, {
      body: { text: "Yes, citywide." },
    })).body?.cancel();
    const call = await graph.waitFor((c) => c.endpoint === "messagingSend");
    assert.deepEqual([call.path, call.token], ["/me/messages", TOKEN]);
    assert.deepEqual(call.body.recipient, { id: IGSID });
    assert.deepEqual(call.body.message, { text: "Yes, citywide." });
    await eventually(async () => (await inbox(app)).messages.at(-1).status === "sent");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(graph.calls.filter((c) => c.endpoint === "messagingSend").length, 1);
    assert.equal(
      await postStatus(app, "instagram", channel.id, igHook({ read: { mid: "m_FAKE1" } })),
      200,
    );
    assert.equal((await inbox(app)).messages.at(-1).status, "read");
  } finally {
    await app.close();
    await graph.close();
  }
});
