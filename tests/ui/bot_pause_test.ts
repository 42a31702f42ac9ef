import assert from "node:assert/strict";
import { json, type TestApp } from "../helpers.ts";
import { ada, clientIdOf, messageUpdate, setup, signedIn, trackErrors } from "./browser.ts";

/** Links the channel to a one-block flow, so the chat has a bot to pause. */
async function linkFlow(app: TestApp, channelId: string) {
  const flow = await json(
    await app.api("/api/flows", {
      body: { name: "Greeter", startBlock: 1, blocks: [{ number: 1, text: "Hello from the bot" }] },
    }),
  );
  assert.equal(flow.status, 201);
  const res = await app.api(`/api/channels/${channelId}`, {
    method: "PATCH",
    body: { flowId: flow.body.id },
  });
  assert.equal(res.status, 200);
  await res.body?.cancel();
}

Deno.test("the chat header pauses the bot for a day and resumes it", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    await linkFlow(app, channel.id);
    await (await app.webhook(channel, messageUpdate(ada, { text: "Hi" }))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Hello from the bot");
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    const header = page.getByRole("region", { name: "Chat" }).locator("header.chat-head");
    const stream = page.getByRole("log", { name: "Messages" });

    await header.getByRole("button", { name: "Pause bot" }).click();
    await header.getByRole("status").filter({ hasText: /^Bot paused until tomorrow at \d\d:\d\d$/ })
      .waitFor();
    await stream.locator('.msg-system[data-notice="bot_paused"]', {
      hasText: /Bot paused by Owner until tomorrow at/,
    }).waitFor();
    const resume = header.getByRole("button", { name: "Resume bot" });
    await resume.waitFor();
    const client = (await json(await app.api(`/api/clients/${id}`))).body;
    assert.ok(client.botPausedUntil > Date.now() + 23 * 3_600_000);
    await page.screenshot({ path: "/tmp/switchboard-bot-paused.png" });

    // While paused the bot stays quiet.
    await (await app.webhook(channel, messageUpdate(ada, { text: "Anyone?" }))).body?.cancel();
    await stream.getByText("Anyone?").waitFor();

    await resume.click();
    await header.getByRole("status").waitFor({ state: "detached" });
    await header.getByRole("button", { name: "Pause bot" }).waitFor();
    await stream.locator('.msg-system[data-notice="bot_resumed"]', {
      hasText: "Bot resumed by Owner",
    })
      .waitFor();
    assert.equal(
      app.telegram.calls.filter((c) => c.params.text === "Hello from the bot").length,
      1,
    );
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("a pause that runs out ends live in every open chat", async () => {
  const { app, channel, browser, close } = await setup({ BOT_PAUSE_MS: "1500" });
  try {
    await linkFlow(app, channel.id);
    await (await app.webhook(channel, messageUpdate(ada, { text: "Hi" }))).body?.cancel();
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    const header = page.locator("header.chat-head");

    // Another employee pauses the bot: this chat shows it at once.
    const paused = await app.api(`/api/clients/${id}/bot/pause`, { method: "POST" });
    assert.equal(paused.status, 200);
    await paused.body?.cancel();
    await header.getByRole("status").filter({ hasText: "Bot paused until" }).waitFor();
    await header.getByRole("button", { name: "Resume bot" }).waitFor();

    await header.getByRole("status").waitFor({ state: "detached", timeout: 10_000 });
    await header.getByRole("button", { name: "Pause bot" }).waitFor();
    await page.locator('.msg-system[data-notice="bot_resumed"]', {
      hasText: "The bot's pause ended",
    }).waitFor({ timeout: 10_000 });
    await context.close();
  } finally {
    await close();
  }
});
