import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser } from "playwright-core";
import { json } from "../helpers.ts";
import { startWidgetApp, type WidgetApp } from "../routes/widget/harness.ts";
import { launchBrowser, signedIn, trackErrors } from "./browser.ts";

/** A shop's page on another origin, with the one embed tag and CSS that tries to break it. */
function hostPage(script: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Shop</title>
<style>
  html { font-size: 10px; }
  body { margin: 0; font: 1.6rem/1.5 Georgia, serif; color: #3a2e1f; background: #faf6ef; }
  header { padding: 24px 40px; background: #2b2118; color: #f5e9d6; font-size: 2.4rem; }
  main { padding: 40px; max-width: 720px; }
  .card { background: #fff; border-radius: 8px; padding: 24px; margin-bottom: 16px; }
  /* What a careless theme does: none of it may reach the chat. */
  * { letter-spacing: .1em !important; }
  button, input, textarea { background: hotpink !important; border: 4px dashed lime !important; }
  #switchboard-chat, div:last-child { opacity: .2 !important; filter: blur(2px) !important; }
  p { color: red; font-size: 30px; }
</style></head>
<body>
  <header>Acme Shop</header>
  <main>
    <div class="card"><h1>Handmade ceramics</h1><p>Bowls, cups and plates, fired in small batches.</p></div>
    <div class="card"><h2>Free delivery over 50 €</h2><p>Orders ship within two working days.</p></div>
  </main>
  ${script}
</body></html>`;
}

interface Setup {
  app: WidgetApp;
  channelId: string;
  hostUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const app = await startWidgetApp();
  let tag = "";
  const host = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => new Response(hostPage(tag), { headers: { "content-type": "text/html; charset=utf-8" } }),
  );
  // Another origin (and another site) than the app's 127.0.0.1.
  const hostUrl = `http://localhost:${host.addr.port}`;
  const channel = await app.connectWidget({
    allowedOrigins: [hostUrl],
    title: "Acme Shop",
    greeting: "Hi there! 👋 Questions about an order or a piece? We're happy to help.",
    colour: "#0f766e",
  });
  tag = `<script src="${app.base}/widget/${channel.id}.js" async></script>`;
  const browser = await launchBrowser();
  return {
    app,
    channelId: channel.id,
    hostUrl,
    browser,
    async close() {
      await browser.close();
      await host.shutdown();
      await app.close();
    },
  };
}

const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mNk+M9QzwAEjDAGNzYAAG8lBf+RmQEPAAAAAElFTkSuQmCC",
  ),
  (c) => c.charCodeAt(0),
);

Deno.test("widget: a visitor writes from a shop's site, an employee answers live from the inbox", async () => {
  const { app, hostUrl, browser, close } = await setup();
  try {
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const visitorErrors = trackErrors(visitor);
    const staff = await (await signedIn(app, browser, { viewport: { width: 1280, height: 800 } }))
      .newPage();
    const staffErrors = trackErrors(staff);
    await staff.goto(`${app.base}/`);
    await staff.locator(".conn-live").waitFor();

    await visitor.goto(hostUrl);
    const launcher = visitor.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    await visitor.screenshot({ path: "/tmp/switchboard-widget-closed.png" });
    await launcher.click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Acme Shop" });
    await chat.getByRole("heading", { name: "Acme Shop" }).waitFor();
    await chat.getByText("Questions about an order").waitFor();
    await visitor.screenshot({ path: "/tmp/switchboard-widget-intro.png" });
    // The host page's careless CSS does not reach inside.
    const look = await chat.getByRole("textbox", { name: "Message" }).evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, spacing: s.letterSpacing };
    });
    assert.equal(look.bg, "rgba(0, 0, 0, 0)");
    assert.equal(look.spacing, "normal");

    await chat.getByLabel("Your name").fill("Ingrid Berg");
    await chat.getByLabel("E-mail or phone").fill("ingrid@example.no");
    const box = chat.getByRole("textbox", { name: "Message" });
    await box.fill("Hello! Do you ship to Norway?");
    await box.press("Enter");
    assert.equal(await box.inputValue(), "");
    const log = chat.getByRole("log", { name: "Messages" });
    await log.getByText("Hello! Do you ship to Norway?").waitFor();

    // The employee sees the new client arrive live and answers.
    const row = staff.getByRole("link", { name: /Ingrid Berg/ });
    await row.waitFor();
    await row.click();
    const stream = staff.getByRole("log", { name: "Messages" });
    await stream.getByText("Hello! Do you ship to Norway?").waitFor();
    const reply = staff.getByRole("textbox", { name: "Message" });
    await reply.fill("Hi Ingrid! Yes, we ship to Norway in 3–5 days.");
    await reply.press("Enter");

    await log.getByText("Hi Ingrid! Yes, we ship to Norway in 3–5 days.").waitFor();
    await log.getByText("Owner", { exact: true }).waitFor();
    // The open widget showed it: the inbox gets a read receipt.
    await stream.locator('.msg-out[data-status="read"]', { hasText: "Hi Ingrid!" }).waitFor();

    // A picture from the visitor reaches the inbox.
    await chat.locator('input[type="file"]').setInputFiles({
      name: "cracked-bowl.png",
      mimeType: "image/png",
      buffer: Buffer.from(PNG),
    });
    await log.locator('img[alt="cracked-bowl.png"]').waitFor();
    await stream.getByText(/Photo/).waitFor();
    await visitor.screenshot({ path: "/tmp/switchboard-widget-open.png" });

    // Closed, the launcher shows what is unread; opening clears it.
    await chat.getByRole("button", { name: "Close chat" }).click();
    await reply.fill("The bowl will be replaced, of course.");
    await reply.press("Enter");
    await visitor.getByRole("button", { name: "Open chat, 1 unread" }).waitFor();
    await visitor.screenshot({ path: "/tmp/switchboard-widget-unread.png" });
    await visitor.getByRole("button", { name: "Open chat, 1 unread" }).click();
    await log.getByText("The bowl will be replaced, of course.").waitFor();
    await stream.locator('.msg-out[data-status="read"]', { hasText: "The bowl will be" }).waitFor();

    // The visitor comes back later: our (partitioned) cookie alone still knows them…
    // Filtering by URL would leave out partitioned cookies.
    const cookies = await visitorContext.cookies();
    assert.ok(cookies.some((c) => c.name === "sb_visitor" && c.httpOnly && c.secure));
    await visitor.evaluate("localStorage.clear()");
    await visitor.reload();
    await visitor.getByRole("button", { name: "Open chat" }).click();
    await log.getByText("Hi Ingrid! Yes, we ship to Norway in 3–5 days.").waitFor();
    // …and so does the page's copy, when the browser drops our cookie.
    await visitorContext.clearCookies();
    await visitor.reload();
    await visitor.getByRole("button", { name: "Open chat" }).click();
    await log.getByText("The bowl will be replaced, of course.").waitFor();
    const { items } = (await json(await app.api("/api/clients"))).body;
    assert.equal(items.length, 1, "one visitor, one client");
    assert.equal(items[0].name, "Ingrid Berg");

    assert.deepEqual(visitorErrors, []);
    assert.deepEqual(staffErrors, []);
  } finally {
    await close();
  }
});

Deno.test("widget: on a phone the chat fills the screen and works", async () => {
  const { app, hostUrl, browser, close } = await setup();
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(hostUrl);
    await page.getByRole("button", { name: "Open chat" }).tap();
    const chat = page.getByRole("dialog", { name: "Chat with Acme Shop" });
    await chat.waitFor();
    // The window slides in: measure once it has settled.
    let box = await chat.boundingBox();
    for (let i = 0; i < 50 && box && Math.abs(box.y) > 0.5; i++) {
      await page.waitForTimeout(20);
      box = await chat.boundingBox();
    }
    const rounded = box &&
      Object.fromEntries(Object.entries(box).map(([k, v]) => [k, Math.round(v) + 0]));
    assert.deepEqual(rounded, { x: 0, y: 0, width: 390, height: 844 });
    assert.equal(await page.locator(".sb-launcher").isVisible(), false);
    const input = chat.getByRole("textbox", { name: "Message" });
    await input.fill("Is the blue cup back in stock?");
    await chat.getByRole("button", { name: "Send" }).tap();
    await chat.getByRole("log").getByText("Is the blue cup back in stock?").waitFor();

    const { items } = (await json(await app.api("/api/clients"))).body;
    const sent = await app.api(`/api/clients/${items[0].id}/messages`, {
      body: { text: "It is! We restocked it this morning." },
    });
    assert.equal(sent.status, 202);
    await sent.body?.cancel();
    await chat.getByText("It is! We restocked it this morning.").waitFor();
    await page.screenshot({ path: "/tmp/switchboard-widget-phone.png" });
    await chat.getByRole("button", { name: "Close chat" }).tap();
    await page.getByRole("button", { name: "Open chat" }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

Deno.test("widget: a site that is not allowed shows no chat", async () => {
  const { app, channelId, browser, close } = await setup();
  try {
    const other = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen() {} },
      () =>
        new Response(
          hostPage(`<script src="${app.base}/widget/${channelId}.js" async></script>`),
          { headers: { "content-type": "text/html" } },
        ),
    );
    try {
      const page = await browser.newPage();
      const warned = page.waitForEvent("console", (m) => m.text().includes("Switchboard chat"));
      await page.goto(`http://localhost:${other.addr.port}`);
      await warned;
      assert.equal(await page.locator("#switchboard-chat").count(), 0);
      await page.close();
    } finally {
      await other.shutdown();
    }
  } finally {
    await close();
  }
});
