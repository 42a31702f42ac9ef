import assert from "node:assert/strict";
import { newClientId } from "../../actors/dialog/actor.ts";
import type { Inbound } from "../../connectors/types.ts";
import type { Message } from "../../kv/records.ts";
import { json, type TestApp } from "../helpers.ts";
import {
  ada,
  addMailChannel,
  clientIdOf,
  messageUpdate,
  setup,
  signedIn,
  trackErrors,
} from "./browser.ts";

let nextKey = 1;

/** Runs what a messenger would report (a receipt, a reaction, an unsend) for Ada's dialog. */
async function report(
  app: TestApp,
  channel: { id: string },
  event: Record<string, unknown> & { kind: Inbound["kind"] },
) {
  await app.services.actor.run({
    kind: "inbound",
    channelId: channel.id,
    channelType: "telegram",
    newClientId: newClientId(),
    event: {
      updateKey: `report-${nextKey++}`,
      at: new Date().toISOString(),
      profile: { platformId: String(ada.id), chatId: String(ada.id), name: "Ada Lovelace" },
      ...event,
    } as Inbound,
  });
}

async function messageWith(app: TestApp, clientId: string, text: string): Promise<Message> {
  const { body } = await json(await app.api(`/api/clients/${clientId}/messages?limit=50`));
  return body.items.find((m: Message) => m.text === text);
}

Deno.test("message states: queued, sent, delivered and read arrive live; failed says why", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const hello = messageUpdate(ada, { text: "Hi, I'd like to change my order" });
    await (await app.webhook(channel, hello)).body?.cancel();
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    const stream = page.getByRole("log", { name: "Messages" });
    const box = page.getByRole("textbox", { name: "Message" });
    const bubble = (text: string) => stream.locator(".msg-out", { hasText: text });

    // Telegram asks to wait a minute: the message stays queued (⏱) meanwhile.
    app.telegram.failNext("sendMessage", "tooManyRequests", { retryAfter: 60 });
    await box.fill("One moment, checking");
    await box.press("Enter");
    await app.telegram.waitFor((c) => c.params.text === "One moment, checking", 5_000);
    const queued = bubble("One moment, checking");
    await queued.getByRole("img", { name: "Sending" }).waitFor();
    assert.equal(await queued.getAttribute("data-status"), "queued");
    assert.equal(await queued.locator(".status").textContent(), "⏱");

    await box.fill("Done, it ships on Monday");
    await box.press("Enter");
    const done = bubble("Done, it ships on Monday");
    await done.getByRole("img", { name: "Sent" }).waitFor();
    assert.equal(await done.locator(".status").textContent(), "✓");

    const sent = await messageWith(app, id, "Done, it ships on Monday");
    await report(app, channel, {
      kind: "status",
      externalId: sent.externalId!,
      status: "delivered",
    });
    await done.getByRole("img", { name: "Delivered" }).waitFor();
    assert.equal(await done.locator(".status").textContent(), "✓✓");
    await report(app, channel, { kind: "status", externalId: sent.externalId!, status: "read" });
    const read = done.getByRole("img", { name: "Read" });
    await read.waitFor();
    const colours = await page.evaluate(() => {
      const read = document.querySelector(".status-read")!;
      const plain = document.querySelector(".status-queued")!;
      return [getComputedStyle(read).color, getComputedStyle(plain).color];
    });
    assert.notEqual(colours[0], colours[1], "read is coloured");

    // A receipt that says it failed: the messenger's reason and Retry.
    await box.fill("Here is the tracking link");
    await box.press("Enter");
    const later = bubble("Here is the tracking link");
    await later.getByRole("img", { name: "Sent" }).waitFor();
    const third = await messageWith(app, id, "Here is the tracking link");
    await report(app, channel, {
      kind: "status",
      externalId: third.externalId!,
      status: "failed",
      reason: "Message undeliverable",
    });
    await later.getByRole("img", { name: "Not delivered" }).waitFor();
    await later.getByText("Not delivered: Message undeliverable").waitFor();
    await later.getByRole("button", { name: "Retry" }).waitFor();

    // The client's reaction, and a message they took back.
    await report(app, channel, { kind: "reaction", externalId: sent.externalId!, emoji: "👍" });
    await done.getByRole("img", { name: "The client reacted 👍" }).waitFor();
    await report(app, channel, { kind: "unsent", externalId: String(hello.message.message_id) });
    const unsent = stream.locator(".msg-in", { hasText: "change my order" });
    await unsent.getByText("deleted by the client").waitFor();
    assert.match((await unsent.getAttribute("class"))!, /is-unsent/);
    assert.equal(
      await unsent.locator(".msg-text").evaluate((el) => getComputedStyle(el).textDecorationLine),
      "line-through",
    );
    await page.screenshot({ path: "/tmp/switchboard-states.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("an e-mail shows its subject over the message", async () => {
  const { app, browser, close } = await setup();
  try {
    const channelId = await addMailChannel(app);
    const r = await app.services.actor.run({
      kind: "inbound",
      channelId,
      channelType: "email",
      newClientId: newClientId(),
      event: {
        kind: "message",
        updateKey: "mail-1",
        externalId: "<mail-1@mail.example>",
        at: new Date().toISOString(),
        profile: {
          platformId: "noah.kim@mail.example",
          chatId: "noah.kim@mail.example",
          name: "Noah Kim",
          email: "noah.kim@mail.example",
        },
        text: "The parcel arrived but the box was damaged.",
        attachments: [],
        subject: "Order #48213: damaged box",
      },
    });
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.base}/clients/${r.client!.id}`);
    const mail = page.getByRole("log", { name: "Messages" }).locator(".msg-in");
    await mail.getByText("Order #48213: damaged box").waitFor();
    await mail.getByText("The parcel arrived").waitFor();
    await page.getByRole("region", { name: "Chat" }).getByRole("img", { name: "E-mail" }).waitFor();
    await context.close();
  } finally {
    await close();
  }
});
