import assert from "node:assert/strict";
import { OWNER } from "../helpers.ts";
import { ada, clientIdOf, messageUpdate, setup, signedIn, trackErrors, until } from "./browser.ts";

Deno.test("inbox: sign in, a new client arrives live, a reply is sent through Telegram", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);

    await page.goto(`${app.base}/`);
    assert.match(page.url(), /\/login\?next=%2F$/);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." }).waitFor();
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.base}/`);
    await page.locator(".conn-live").waitFor();
    // Marks this document: it must survive everything below (no reloads).
    await page.evaluate("window.__sameDocument = true");

    const hello = await app.webhook(
      channel,
      messageUpdate(ada, { text: "Hello, is anyone there?" }),
    );
    assert.equal(hello.status, 200);
    await hello.body?.cancel();

    const row = page.getByRole("link", { name: /Ada Lovelace/ });
    await row.waitFor();
    await row.getByText("Hello, is anyone there?").waitFor();
    await row.getByLabel("1 unread").waitFor();

    await row.click();
    const id = await clientIdOf(app, ada.id);
    await page.waitForURL(`${app.base}/clients/${id}`);
    const stream = page.getByRole("log", { name: "Messages" });
    await stream.getByText("Hello, is anyone there?").waitFor();
    await page.getByRole("region", { name: "Chat" }).getByRole("heading", { name: "Ada Lovelace" })
      .waitFor();
    // Opening the dialog marked it read.
    await row.getByLabel("1 unread").waitFor({ state: "detached" });
    const card = page.getByRole("complementary", { name: "Client details" });
    await card.getByText(id).waitFor();
    await card.getByText(String(ada.id)).waitFor();

    // A message arriving while the dialog is open is appended to it live.
    const more = await app.webhook(
      channel,
      messageUpdate(ada, { text: "I have a question about my order." }),
    );
    await more.body?.cancel();
    await stream.getByText("I have a question about my order.").waitFor();

    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("Hi Ada, how can I help?");
    await box.press("Enter");
    const mine = stream.locator(".msg-out", { hasText: "Hi Ada, how can I help?" });
    await mine.waitFor();
    assert.equal(await box.inputValue(), "");

    const call = await app.telegram.waitFor(
      (c) => c.method === "sendMessage" && c.params.text === "Hi Ada, how can I help?",
      5_000,
    );
    assert.equal(String(call.params.chat_id), String(ada.id));
    assert.equal(call.token, "123456:TEST-token_abc");
    await stream.locator('.msg-out[data-status="sent"]', { hasText: "Hi Ada, how can I help?" })
      .waitFor();
    // The optimistic copy, the 202 and the live event are one message on screen.
    assert.equal(await mine.count(), 1);

    // Shift+Enter breaks the line instead of sending.
    await box.type("first line");
    await box.press("Shift+Enter");
    await box.type("second line");
    assert.equal(await box.inputValue(), "first line\nsecond line");
    await box.press("Enter");
    await stream.locator(".msg-out", { hasText: "second line" }).waitFor();
    await app.telegram.waitFor((c) => c.params.text === "first line\nsecond line");

    assert.equal(await page.evaluate("window.__sameDocument"), true);
    await page.screenshot({ path: "/tmp/switchboard-inbox-1440.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("inbox: a failed send shows Telegram's reason and Retry sends it", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const first = await app.webhook(channel, messageUpdate(ada, { text: "Ping" }));
    await first.body?.cancel();
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();

    app.telegram.failNext("sendMessage", "chatNotFound");
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("Are you still there?");
    await box.press("Enter");
    const failed = page.locator('.msg-out[data-status="failed"]', {
      hasText: "Are you still there?",
    });
    await failed.getByText("chat not found").waitFor();
    await page.screenshot({ path: "/tmp/switchboard-failed.png" });
    await failed.getByRole("button", { name: "Retry" }).click();
    await page.locator('.msg-out[data-status="sent"]', { hasText: "Are you still there?" })
      .waitFor();
    const sends = app.telegram.calls.filter((c) => c.params.text === "Are you still there?");
    assert.equal(sends.length, 2);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("inbox on a phone: list, tap a client, chat, details, back", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const sent = await app.webhook(
      channel,
      messageUpdate(ada, {
        caption: "Here is where I am",
        location: { latitude: 51.5072, longitude: -0.1276 },
      }),
    );
    await sent.body?.cancel();
    const id = await clientIdOf(app, ada.id);

    // The first HTML already holds the list and the open dialog, before any script runs.
    const html = await (await app.api(`/clients/${id}`)).text();
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Ada Lovelace/);
    assert.match(html, /Here is where I am/);
    assert.match(html, /<script type="module" src="\/static\/build\/islands\.js">/);

    const context = await signedIn(app, browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${app.base}/`);
    await page.locator(".conn-live").waitFor();
    const list = page.getByRole("region", { name: "Dialogs" });
    const chat = page.getByRole("region", { name: "Chat" });
    assert.equal(await list.isVisible(), true);
    assert.equal(await chat.isVisible(), false);
    await page.screenshot({ path: "/tmp/switchboard-phone-list.png" });

    await page.getByRole("link", { name: /Ada Lovelace/ }).tap();
    await page.waitForURL(`${app.base}/clients/${id}`);
    await chat.getByText("Here is where I am").waitFor();
    await chat.getByRole("link", { name: /Location/ }).waitFor();
    assert.equal(await list.isVisible(), false);
    await page.screenshot({ path: "/tmp/switchboard-phone-chat.png" });

    await page.getByRole("button", { name: "Client details", exact: true }).tap();
    const card = page.getByRole("complementary", { name: "Client details" });
    await card.getByText(id).waitFor({ state: "visible" });
    await until(page, `getComputedStyle(document.querySelector(".col-card")).transform === "none"`);
    await page.screenshot({ path: "/tmp/switchboard-phone-card.png" });
    await page.getByRole("button", { name: "Close client details" }).tap();
    await card.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: "Back to dialogs" }).tap();
    await page.waitForURL(`${app.base}/`);
    await list.waitFor({ state: "visible" });
    assert.equal(await chat.isVisible(), false);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("channels page connects a Telegram bot, then the docs, then signing out", async () => {
  const { app, browser, close } = await setup();
  try {
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.base}/channels`);
    app.telegram.rejectToken("999:revoked");
    await page.getByRole("group", { name: "Channel type" }).getByRole("button", {
      name: /Telegram/,
    })
      .click();
    await page.getByLabel("Name").fill("Sales");
    await page.getByLabel("Bot token").fill("999:revoked");
    await page.getByRole("button", { name: "Connect Telegram" }).click();
    await page.getByRole("alert").filter({ hasText: "Telegram rejected the token" }).waitFor();
    await page.getByLabel("Bot token").fill("555:GOOD-token");
    await page.getByRole("button", { name: "Connect Telegram" }).click();
    await page.getByRole("status").filter({ hasText: "Connected Sales." }).waitFor();
    await page.locator(".connected").getByText("/webhooks/telegram/").waitFor();
    await page.getByText("Sales").first().waitFor();

    await page.goto(`${app.base}/docs`);
    await page.getByRole("heading", { name: "Switchboard API" }).waitFor();
    await page.locator("#op-post-api-clients-id-messages").getByText("text").first().waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${app.base}/login`);
    await page.goto(`${app.base}/channels`);
    assert.match(page.url(), /\/login\?next=%2Fchannels$/);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("inbox: history loads backwards on scroll, the list pages in, search filters", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    for (let i = 1; i <= 60; i++) {
      const res = await app.webhook(channel, messageUpdate(ada, { text: `message ${i}` }));
      await res.body?.cancel();
    }
    for (let i = 1; i <= 55; i++) {
      const person = { id: 700_000 + i, first_name: "Client", last_name: `No ${i}` };
      const res = await app.webhook(channel, messageUpdate(person, { text: `hello from ${i}` }));
      await res.body?.cancel();
    }
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();

    const stream = page.getByRole("log", { name: "Messages" });
    await stream.getByText("message 60", { exact: true }).waitFor();
    assert.equal(await stream.getByText("message 10", { exact: true }).count(), 0);
    // The newest message is in view: the chat opened at the bottom.
    assert.equal(await stream.getByText("message 60", { exact: true }).isVisible(), true);

    const oldest = stream.getByText("message 11", { exact: true });
    await stream.evaluate((el) => el.scrollTop = 0);
    await stream.getByText("message 1", { exact: true }).waitFor({ state: "attached" });
    await stream.getByText("This is the beginning of the conversation.").waitFor({
      state: "attached",
    });
    // The message that was on top stays where the reader was looking.
    const box = (await oldest.boundingBox())!;
    const frame = (await stream.boundingBox())!;
    assert.ok(box.y >= frame.y && box.y < frame.y + frame.height / 2, `at ${box.y}`);

    const rows = page.getByRole("region", { name: "Dialogs" }).getByRole("listitem");
    // The first page, plus the open dialog, which is older than all of it.
    assert.equal(await rows.count(), 51);
    await page.locator(".rows").evaluate((el) => el.scrollTop = el.scrollHeight);
    await until(page, `document.querySelectorAll(".rows li").length === 56`);

    await page.keyboard.press("Control+k");
    const search = page.getByRole("searchbox", { name: "Search clients" });
    await until(page, `document.activeElement?.getAttribute("aria-label") === "Search clients"`);
    await search.fill("lovelace");
    await until(page, `document.querySelectorAll(".rows li").length === 1`);
    await rows.getByText("Ada Lovelace").waitFor();
    await search.press("Escape");
    await until(page, `document.querySelectorAll(".rows li").length === 56`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});
