import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { json } from "../helpers.ts";
import {
  ada,
  addMailChannel,
  assertFitsPhone,
  clientIdOf,
  messageUpdate,
  setup,
  signedIn,
  trackErrors,
} from "./browser.ts";

const SALES_TOKEN = "777:SALES-token";

/** Opens the message's "⋯" menu from the keyboard and picks Resend…. */
async function openResend(page: Page, text: string) {
  const message = page.getByRole("log", { name: "Messages" }).locator(".msg", { hasText: text });
  await message.getByRole("button", { name: "Message actions" }).focus();
  await page.keyboard.press("Enter");
  const item = message.getByRole("menuitem", { name: "Resend…" });
  await item.waitFor();
  assert.equal(await item.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press("Enter");
  return page.getByRole("dialog", { name: "Resend message" });
}

Deno.test("resend: through a second Telegram bot, to an address there, shown as via", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const sales = await json(
      await app.api("/api/channels", {
        body: { type: "telegram", name: "Sales bot", config: { token: SALES_TOKEN } },
      }),
    );
    assert.equal(sales.status, 201);
    await (await app.webhook(channel, messageUpdate(ada, { text: "What's my discount code?" })))
      .body?.cancel();
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    const stream = page.getByRole("log", { name: "Messages" });
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("Your code is SPRING15");
    await box.press("Enter");
    await stream.locator('.msg-out[data-status="sent"]', { hasText: "SPRING15" }).waitFor();

    // The same channel is the first choice; another needs the client's address there.
    const dialog = await openResend(page, "Your code is SPRING15");
    await dialog.getByText("To Ada Lovelace").waitFor();
    const own = dialog.getByRole("radio", { name: /Support bot/ });
    assert.equal(await own.isChecked(), true);
    await dialog.getByRole("radio", { name: /Sales bot/ }).check();
    const address = dialog.getByLabel("Telegram chat ID");
    assert.equal(await address.inputValue(), "");
    assert.equal(await dialog.getByLabel("Subject").count(), 0);
    await dialog.getByRole("button", { name: "Resend" }).click();
    await dialog.getByRole("alert").filter({ hasText: "card has no address for Sales bot" })
      .waitFor();
    await page.screenshot({ path: "/tmp/switchboard-resend-dialog.png" });

    await address.fill(String(ada.id));
    await dialog.getByRole("button", { name: "Resend" }).click();
    await dialog.waitFor({ state: "detached" });
    const call = await app.telegram.waitFor(
      (c) => c.token === SALES_TOKEN && c.method === "sendMessage",
      5_000,
    );
    assert.equal(call.params.text, "Your code is SPRING15");
    assert.equal(String(call.params.chat_id), String(ada.id));
    const copy = stream.locator(".msg-out", { hasText: "via Sales bot" });
    await copy.getByText(`via Sales bot → ${ada.id}`).waitFor();
    await copy.getByRole("img", { name: "Sent" }).waitFor();
    // The focus went back to the menu button the window was opened from.
    assert.equal(
      await page.evaluate("document.activeElement?.getAttribute('aria-label')"),
      "Message actions",
    );

    // Again through the client's own channel: no address asked.
    const again = await openResend(page, "What's my discount code?");
    await again.getByRole("button", { name: "Resend" }).click();
    await again.waitFor({ state: "detached" });
    await app.telegram.waitFor(
      (c) => c.token !== SALES_TOKEN && c.params.text === "What's my discount code?",
      5_000,
    );
    await page.screenshot({ path: "/tmp/switchboard-resent.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("resend on a phone: the window fits and an e-mail channel asks for a subject", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const mailId = await addMailChannel(app);
    await (await app.webhook(channel, messageUpdate(ada, { text: "Please e-mail me the invoice" })))
      .body?.cancel();
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor({ state: "attached" });
    const message = page.getByRole("log", { name: "Messages" }).locator(".msg", {
      hasText: "Please e-mail me the invoice",
    });
    const more = message.getByRole("button", { name: "Message actions" });
    await assertFitsPhone("the ⋯ button", more);
    await more.tap();
    await message.getByRole("menuitem", { name: "Resend…" }).tap();
    const dialog = page.getByRole("dialog", { name: "Resend message" });
    await dialog.getByRole("radio", { name: /support@shop\.example/ }).check();
    await dialog.getByLabel("E-mail address").fill("ada@example.com");
    await dialog.getByLabel("Subject").fill("Your invoice");
    await assertFitsPhone("the resend window", dialog);
    await assertFitsPhone("Resend", dialog.getByRole("button", { name: "Resend" }));
    await assertFitsPhone("the subject", dialog.getByLabel("Subject"));
    await page.screenshot({ path: "/tmp/switchboard-phone-resend.png" });
    await dialog.getByRole("button", { name: "Resend" }).tap();
    await dialog.waitFor({ state: "detached" });
    const { body } = await json(await app.api(`/api/clients/${id}/messages?limit=10`));
    const copy = body.items.find((m: { via?: { channelId: string } }) => m.via);
    assert.deepEqual(copy.via, { channelId: mailId, to: "ada@example.com" });
    assert.equal(copy.subject, "Your invoice");
    await page.getByText("via support@shop.example → ada@example.com").waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});
