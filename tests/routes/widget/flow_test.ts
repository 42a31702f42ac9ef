import assert from "node:assert/strict";
import { json, SseReader } from "../../helpers.ts";
import { startWidgetApp, Visitor } from "./harness.ts";

const SHOP = "https://shop.example";

Deno.test("a bot flow's buttons reach the visitor, and a press moves the flow on", async () => {
  const app = await startWidgetApp();
  const abort = new AbortController();
  let stream: SseReader | null = null;
  try {
    const channel = await app.connectWidget({ allowedOrigins: [SHOP], title: "Acme" });
    const flow = await json(
      await app.api("/api/flows", {
        body: {
          name: "Welcome",
          startBlock: 1,
          blocks: [
            {
              number: 1,
              text: "What can we help with?",
              buttons: [{ text: "Delivery", next: 2 }, { text: "Returns", next: 3 }],
            },
            { number: 2, text: "Delivery takes 2–3 days.", type: "end" },
            { number: 3, text: "Returns are free for 30 days.", type: "end" },
          ],
        },
      }),
    );
    await (await app.api(`/api/channels/${channel.id}`, {
      method: "PATCH",
      body: { flowId: flow.body.id },
    })).body?.cancel();

    const v = new Visitor(app, channel.id, SHOP);
    await (await v.session()).body?.cancel();
    await (await v.say("hi")).body?.cancel();
    const res = await fetch(`${v.base}/events`, { headers: v.headers(), signal: abort.signal });
    stream = new SseReader(res, abort);
    const { items } = (await json(await v.history())).body;
    const bot = items.find((m: { author: { kind: string } }) => m.author.kind === "bot");
    assert.equal(bot.text, "What can we help with?");
    assert.deepEqual(bot.buttons.map((b: { text: string }) => b.text), ["Delivery", "Returns"]);

    const press = (data: string) =>
      fetch(`${v.base}/buttons`, {
        method: "POST",
        headers: v.headers({ "content-type": "application/json" }),
        body: JSON.stringify({ data, ref: crypto.randomUUID() }),
      });
    const forged = await press("block:99");
    assert.equal(forged.status, 400);
    await forged.body?.cancel();
    const pressed = await json(await press(bot.buttons[1].data));
    assert.equal(pressed.status, 201);
    assert.equal(pressed.body.message.pressed, bot.buttons[1].data);
    await stream.waitFor((e) =>
      e.event === "message" && JSON.parse(e.data).text === "Returns are free for 30 days."
    );
  } finally {
    await stream?.close();
    await app.close();
  }
});
