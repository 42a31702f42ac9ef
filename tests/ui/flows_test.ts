import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { json } from "../helpers.ts";
import { ada, clientIdOf, messageUpdate, setup, signedIn, trackErrors } from "./browser.ts";

/** Fills in one block card of the flow editor. */
async function fillBlock(
  page: Page,
  number: number,
  fields: { name: string; text: string; colour?: string; type?: string; keywords?: string },
) {
  const card = page.getByRole("group", { name: `Block ${number}` });
  await card.getByLabel("Name").fill(fields.name);
  await card.getByLabel("Message text").fill(fields.text);
  if (fields.colour) await card.getByLabel("Colour").selectOption(fields.colour);
  if (fields.type) await card.getByLabel("Type").selectOption(fields.type);
  if (fields.keywords) await card.getByLabel("Keywords").fill(fields.keywords);
  return card;
}

Deno.test("a flow made on /flows and linked on /channels answers, and the funnel moves the client", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const context = await signedIn(app, browser, {
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors = trackErrors(page);

    // Create a two-block flow.
    await page.goto(`${app.base}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bot flows" })
      .click();
    await page.getByText("No bot flows yet.").waitFor();
    await page.getByRole("link", { name: "New flow" }).click();
    await page.waitForURL(`${app.base}/flows/new`);
    await page.getByLabel("Flow name").fill("Welcome");
    const first = await fillBlock(page, 1, { name: "Hello", text: "Hi! How can we help?" });
    await page.getByRole("button", { name: "Add block" }).click();
    await fillBlock(page, 2, {
      name: "Prices",
      text: "Our prices start at 10 €.",
      colour: "green",
      type: "question",
      keywords: "price, cost",
    });
    await first.getByRole("button", { name: "Add button" }).click();
    await first.getByLabel("Button 1 text").fill("See prices");
    await first.getByLabel("Button 1 leads to").selectOption("2");
    await page.getByRole("button", { name: "Create flow" }).click();
    await page.getByRole("status").filter({ hasText: "Created." }).waitFor();
    await page.waitForURL(/\/flows\/[0-9A-Z]{26}$/);
    const flowId = page.url().split("/").pop()!;
    await page.screenshot({ path: "/tmp/switchboard-flow-editor.png", fullPage: true });

    // A broken flow is refused with the server's words, and nothing is saved.
    const second = page.locator('fieldset[data-block="2"]');
    await second.getByLabel("No.").fill("1");
    await second.getByLabel("Name").click();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: "Block 1 appears twice." }).waitFor();
    const stored = (await json(await app.api(`/api/flows/${flowId}`))).body;
    assert.deepEqual(stored.blocks.map((b: { number: number }) => b.number), [1, 2]);
    assert.deepEqual(stored.blocks[0].buttons, [{ text: "See prices", next: 2 }]);
    assert.deepEqual(stored.blocks[1].keywords, ["price", "cost"]);
    // Numbered back, the editor matches what is saved again.
    await page.locator("fieldset.block-card").nth(1).getByLabel("No.").fill("2");
    await page.locator("fieldset.block-card").nth(1).getByLabel("Name").click();
    await page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor();

    // The list shows it; Export JSON downloads it, Import JSON brings a copy back.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bot flows" })
      .click();
    await page.waitForURL(/\/flows$/, { waitUntil: "load" });
    const item = page.getByRole("listitem").filter({ hasText: "Welcome" });
    await item.getByText("2 blocks").waitFor();
    await item.getByText("Not linked to a channel").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      item.getByRole("button", { name: "Export Welcome as JSON" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "welcome.json");
    const exported = JSON.parse(await Deno.readTextFile((await download.path())!));
    assert.equal(exported.blocks.length, 2);
    exported.name = "Welcome (copy)";
    await page.getByLabel("Flow file to import").setInputFiles({
      name: "copy.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await page.getByRole("status").filter({ hasText: "Imported Welcome (copy) with 2 blocks" })
      .waitFor();

    // Link it to the channel.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Channels" })
      .click();
    // The page's script must have run (the load event) before the select has a handler.
    await page.waitForURL(/\/channels$/, { waitUntil: "load" });
    await page.getByLabel("Linked to a bot").selectOption({ label: "Welcome" });
    await page.getByRole("status").filter({ hasText: "Linked." }).waitFor();
    const linked = (await json(await app.api("/api/channels"))).body.items[0];
    assert.equal(linked.flowId, flowId);
    await page.screenshot({ path: "/tmp/switchboard-channels-linked.png" });

    // A client writes: the bot answers with block 1 and its button.
    await (await app.webhook(channel, messageUpdate(ada, { text: "hello" }))).body?.cancel();
    await app.telegram.waitFor((c) => c.params.text === "Hi! How can we help?", 5_000);
    const id = await clientIdOf(app, ada.id);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    const stream = page.getByRole("log", { name: "Messages" });
    const answer = stream.locator(".msg-bot", { hasText: "Hi! How can we help?" });
    await answer.getByText("Block 1").waitFor();
    await answer.getByRole("list", { name: "Buttons sent with the message" }).getByText(
      "See prices",
    )
      .waitFor();
    const card = page.getByRole("complementary", { name: "Client details" });
    await card.getByRole("link", { name: "Welcome" }).waitFor();
    const position = card.locator("dd", { has: page.locator(".fact-block") });
    await position.getByText("Hello").waitFor();

    // Send from funnel: filter by type, search, pick block 2.
    await page.getByRole("button", { name: "Send from funnel" }).click();
    const picker = page.getByRole("dialog", { name: "Send from funnel" });
    const blocks = picker.getByRole("list", { name: "Blocks" }).getByRole("listitem");
    await picker.getByText("Welcome · Ada Lovelace is at block 1").waitFor();
    assert.equal(await blocks.count(), 2);
    const question = picker.getByRole("group", { name: "Filter blocks" })
      .getByRole("button", { name: "Question" });
    await question.click();
    assert.equal(await blocks.count(), 1);
    await question.click();
    await picker.getByRole("searchbox", { name: "Search blocks" }).fill("10 €");
    assert.equal(await blocks.count(), 1);
    await picker.getByRole("searchbox", { name: "Search blocks" }).fill("2");
    await blocks.filter({ hasText: "Prices" }).getByRole("button").click();
    await page.screenshot({ path: "/tmp/switchboard-funnel.png" });
    await picker.getByRole("button", { name: "Send block 2" }).click();
    await picker.waitFor({ state: "detached" });

    await stream.locator('.msg-system[data-notice="moved"]', { hasText: "Moved to block 2" })
      .waitFor();
    await stream.locator(".msg-bot", { hasText: "Our prices start at 10 €." }).getByText("Block 2")
      .waitFor();
    await app.telegram.waitFor((c) => c.params.text === "Our prices start at 10 €.", 5_000);
    await position.getByText("Prices").waitFor();
    assert.equal((await json(await app.api(`/api/clients/${id}`))).body.position, 2);
    await page.screenshot({ path: "/tmp/switchboard-funnel-sent.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});
