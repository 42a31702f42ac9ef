import assert from "node:assert/strict";
import { startFakeGraph } from "../../connectors/meta/fake.ts";
import { json } from "../helpers.ts";
import { assertFitsPhone, setup, signedIn, trackErrors } from "./browser.ts";

Deno.test("channels: a Telegram bot connected through the form is listed, and Remove asks first", async () => {
  const { app, browser, close } = await setup();
  try {
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/channels`);
    const types = page.getByRole("group", { name: "Channel type" });
    // Every messenger has its card; nothing is asked before one is picked.
    for (
      const name of [
        "Telegram",
        "WhatsApp",
        "Messenger",
        "Instagram",
        "VK",
        "Viber",
        "E-mail",
        "Website chat",
      ]
    ) await types.getByRole("button", { name: new RegExp(`^${name}`) }).waitFor();
    assert.equal(await page.getByLabel("Bot token").count(), 0);

    await types.getByRole("button", { name: /^Telegram/ }).click();
    assert.equal(
      await types.getByRole("button", { name: /^Telegram/ }).getAttribute("aria-pressed"),
      "true",
    );
    await page.getByText("@BotFather → /mybots").waitFor();
    await page.getByLabel("Name").fill("Sales bot");
    await page.getByLabel("Bot token").fill("4242:SALES-token");
    await page.getByRole("button", { name: "Connect Telegram" }).click();
    await page.getByRole("status").filter({ hasText: "Connected Sales bot." }).waitFor();
    await app.telegram.waitFor((c) => c.method === "setWebhook" && c.token === "4242:SALES-token");

    const list = page.getByRole("region", { name: "Connected channels" });
    const row = list.getByRole("listitem").filter({ hasText: "Sales bot" });
    await row.getByText("@fake_bot").first().waitFor();
    await row.getByRole("img", { name: "Telegram" }).waitFor();
    await row.getByLabel("Linked to a bot").waitFor();
    await page.screenshot({ path: "/tmp/switchboard-channels-telegram.png", fullPage: true });

    // Remove asks once; Keep leaves the channel, Yes removes it.
    await row.getByRole("button", { name: "Remove Sales bot" }).click();
    await row.getByRole("button", { name: "Keep" }).click();
    await row.getByRole("button", { name: "Remove Sales bot" }).click();
    await row.getByRole("button", { name: "Yes, remove" }).click();
    await row.waitFor({ state: "detached" });
    await app.telegram.waitFor((c) =>
      c.method === "deleteWebhook" && c.token === "4242:SALES-token"
    );
    assert.equal(await list.getByRole("alert").count(), 0);
    const left = (await json(await app.api("/api/channels"))).body.items;
    assert.deepEqual(left.map((c: { name: string }) => c.name), ["Support bot"]);
    await page.reload();
    assert.equal(await list.getByText("Sales bot").count(), 0);

    // When Telegram cannot be told, the channel still goes, and the page says so.
    app.telegram.failNext("deleteWebhook", "serverError");
    const support = list.getByRole("listitem").filter({ hasText: "Support bot" });
    await support.getByRole("button", { name: "Remove Support bot" }).click();
    await support.getByRole("button", { name: "Yes, remove" }).click();
    await support.waitFor({ state: "detached" });
    await list.getByRole("alert").filter({ hasText: /^Support bot is removed\. \S/ }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("channels: a WhatsApp channel shows the callback URL and verify token to paste at Meta", async () => {
  const graph = startFakeGraph();
  const { app, browser, close } = await setup({ META_GRAPH_BASE: graph.url });
  try {
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/channels`);
    await page.getByRole("group", { name: "Channel type" }).getByRole("button", {
      name: /WhatsApp/,
    })
      .click();
    await page.getByLabel("Name").fill("Shop WhatsApp");
    await page.getByLabel("Phone number ID").fill("106540352242922");
    await page.getByLabel("Access token").fill("EAAG-permanent-system-user-token");
    await page.getByLabel("App secret").fill("short");
    await page.getByRole("button", { name: "Connect WhatsApp" }).click();
    // The server's own words name the field and where to find it.
    await page.getByRole("alert").filter({ hasText: "config.appSecret is invalid" }).waitFor();
    await page.getByLabel("App secret").fill("0123456789abcdef0123");
    await page.getByLabel("Verify token (optional)").fill("my-verify-token");
    await page.getByRole("button", { name: "Connect WhatsApp" }).click();
    await page.getByRole("status").filter({ hasText: "Connected Shop WhatsApp." }).waitFor();

    const channel = (await json(await app.api("/api/channels"))).body.items
      .find((c: { type: string }) => c.type === "whatsapp");
    const next = page.locator(".connected");
    const url = channel.webhookUrl;
    assert.match(url, new RegExp(`/webhooks/whatsapp/${channel.id}$`));
    await next.locator(".copy-field", { hasText: "Callback URL" }).getByText(url).waitFor();
    await next.locator(".copy-field", { hasText: "Verify token" }).getByText("my-verify-token")
      .waitFor();
    await next.getByRole("button", { name: "Copy callback url" }).waitFor();
    await next.getByRole("list", { name: "Webhook fields to subscribe to" }).getByText("messages")
      .waitFor();
    await page.screenshot({ path: "/tmp/switchboard-channels-whatsapp.png", fullPage: true });

    // The list row says what it is, and its Setup holds the same values later.
    const row = page.getByRole("region", { name: "Connected channels" }).getByRole("listitem")
      .filter({ hasText: "Shop WhatsApp" });
    await row.getByText("+1 555-010-0123 · Fake Business").waitFor();
    await page.reload();
    await row.getByText("Setup").click();
    await row.getByText(url).waitFor();
    await row.getByText("my-verify-token").waitFor();
    const copied = row.getByRole("button", { name: "Copy verify token" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.base });
    await copied.click();
    await copied.getByText("Copied").waitFor();
    assert.equal(await page.evaluate("navigator.clipboard.readText()"), "my-verify-token");
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
    await graph.close();
  }
});

Deno.test("channels: the website chat gives its embed snippet; e-mail asks for Mailgun's key only with Mailgun", async () => {
  const { app, browser, close } = await setup();
  try {
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/channels`);
    const types = page.getByRole("group", { name: "Channel type" });

    await types.getByRole("button", { name: /^E-mail/ }).click();
    await page.getByLabel("SMTP server").waitFor();
    assert.equal(await page.getByLabel("Mailgun webhook signing key").count(), 0);
    await page.getByLabel("Incoming mail through").selectOption("mailgun");
    await page.getByLabel("Mailgun webhook signing key").waitFor();

    await types.getByRole("button", { name: /^Website chat/ }).click();
    await page.getByLabel("Name").fill("Website chat");
    await page.getByLabel("Title").fill("Linen & Oak");
    await page.getByLabel("Sites allowed to show it").fill("https://shop.example/nope");
    await page.getByRole("button", { name: "Connect Website chat" }).click();
    await page.getByRole("alert").filter({ hasText: "config.allowedOrigins[0]" }).waitFor();
    await page.getByLabel("Sites allowed to show it").fill(
      "https://shop.example\nhttps://www.shop.example",
    );
    await page.getByRole("button", { name: "Connect Website chat" }).click();
    await page.getByRole("status").filter({ hasText: "Connected Website chat." }).waitFor();
    const channel = (await json(await app.api("/api/channels"))).body.items
      .find((c: { type: string }) => c.type === "widget");
    const snippet = channel.info.embed;
    assert.match(
      snippet,
      new RegExp(`^<script src=".*/widget/${channel.id}\\.js" async></script>$`),
    );
    const next = page.locator(".connected");
    await next.getByText(snippet).waitFor();
    await next.getByRole("button", { name: "Copy embed snippet" }).waitFor();
    await page.getByRole("region", { name: "Connected channels" }).getByText(
      "shop.example, www.shop.example",
    ).waitFor();
    await page.screenshot({ path: "/tmp/switchboard-channels-widget.png", fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("channels on a phone: pick a type, fill the form, read the next steps", async () => {
  const graph = startFakeGraph();
  const { app, browser, close } = await setup({ META_GRAPH_BASE: graph.url });
  try {
    const context = await signedIn(app, browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/channels`);
    // Nothing on the page is wider than the screen.
    assert.equal(await page.evaluate("document.documentElement.scrollWidth <= 390"), true);
    const card = page.getByRole("group", { name: "Channel type" }).getByRole("button", {
      name: /Messenger/,
    });
    await card.scrollIntoViewIfNeeded();
    await assertFitsPhone("the Messenger card", card);
    await card.tap();
    const token = page.getByLabel("Page access token");
    await token.waitFor();
    await page.getByLabel("Name").fill("Shop page");
    await token.fill("EAAG-page-access-token-xyz");
    await page.getByLabel("App secret").fill("0123456789abcdef0123");
    const connect = page.getByRole("button", { name: "Connect Messenger" });
    await connect.scrollIntoViewIfNeeded();
    await assertFitsPhone("Connect", connect);
    await connect.tap();
    await page.getByRole("status").filter({ hasText: "Connected Shop page." }).waitFor();
    const url = page.locator(".connected .copy-field", { hasText: "Callback URL" });
    await url.scrollIntoViewIfNeeded();
    await assertFitsPhone("the callback URL", url);
    await assertFitsPhone(
      "its Copy button",
      page.locator(".connected").getByRole("button", { name: "Copy callback url" }),
    );
    assert.equal(await page.evaluate("document.documentElement.scrollWidth <= 390"), true);
    await page.screenshot({ path: "/tmp/switchboard-phone-channels-connected.png" });
    await page.getByRole("region", { name: "Connected channels" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/switchboard-phone-channels.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
    await graph.close();
  }
});
