import assert from "node:assert/strict";
import { json } from "../helpers.ts";
import { ada, clientIdOf, messageUpdate, setup, signedIn, trackErrors } from "./browser.ts";

/** "09:05": a moment's wall-clock time in a zone. */
function clockIn(zone: string, iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit" })
    .format(new Date(iso));
}

Deno.test("settings: a new time zone moves every time shown, whatever the browser's zone", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    await (await app.webhook(channel, messageUpdate(ada, { text: "Are you open today?" }))).body
      ?.cancel();
    const id = await clientIdOf(app, ada.id);
    const { body } = await json(await app.api(`/api/clients/${id}/messages`));
    const at = body.items[0].createdAt as string;
    const context = await signedIn(app, browser, {
      viewport: { width: 1440, height: 900 },
      // The reader's own zone plays no part: the project's is shown.
      timezoneId: "America/Los_Angeles",
    });
    const page = await context.newPage();
    const errors = trackErrors(page);
    const messageTime = page.getByRole("log", { name: "Messages" })
      .locator(".msg-in", { hasText: "Are you open today?" }).locator("time");

    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    assert.equal(await messageTime.textContent(), clockIn("UTC", at));

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })
      .click();
    await page.waitForURL(`${app.base}/settings`);
    await page.getByLabel("Project name").fill("Linen & Oak");
    await page.getByRole("searchbox", { name: "Search time zones" }).fill("kolkata");
    const list = page.getByLabel("Time zone", { exact: true });
    assert.deepEqual(await list.locator("option").allTextContents(), ["UTC", "Asia/Kolkata"]);
    await list.selectOption("Asia/Kolkata");
    await page.getByText("in Asia/Kolkata (GMT+5:30)").waitFor();
    await page.screenshot({ path: "/tmp/switchboard-settings.png" });
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Every date now shows in Asia/Kolkata" })
      .waitFor();
    assert.deepEqual((await json(await app.api("/api/project"))).body, {
      name: "Linen & Oak",
      timeZone: "Asia/Kolkata",
    });

    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    assert.equal(await messageTime.textContent(), clockIn("Asia/Kolkata", at));
    assert.notEqual(clockIn("Asia/Kolkata", at), clockIn("UTC", at));
    // The list row says the same time as the message.
    await page.getByRole("region", { name: "Dialogs" }).locator("time", {
      hasText: clockIn("Asia/Kolkata", at),
    }).waitFor();

    // A zone the server does not know gets its message, in words.
    const refused = await app.api("/api/project", {
      method: "PUT",
      body: { name: "Linen & Oak", timeZone: "Mars/Olympus_Mons" },
    });
    assert.equal(refused.status, 400);
    await refused.body?.cancel();
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});
