import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { fromInputs } from "../../islands/time.ts";
import { json, type TestApp } from "../helpers.ts";
import { ada, clientIdOf, messageUpdate, setup, signedIn, trackErrors, until } from "./browser.ts";

const ZONE = "Europe/Berlin";

/** A day as date inputs hold it, in the project's zone: 0 today, 1 tomorrow, -1 yesterday. */
function day(offset: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(
    Date.now() + offset * 86_400_000,
  );
}

/** "10:00": an instant's wall-clock time in the project's zone. */
function wallClock(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

async function scheduledOf(app: TestApp, id: string) {
  return (await json(await app.api(`/api/clients/${id}/scheduled`))).body.items;
}

/** Times are typed and shown in the project's zone; the browser's own is another one. */
async function inBerlin(app: TestApp) {
  await app.services.project.save({ name: "Switchboard", timeZone: ZONE });
}

async function openChat(app: TestApp, page: Page, id: string) {
  await page.goto(`${app.base}/clients/${id}`);
  // On a phone the list (and its live dot) is hidden behind the open chat.
  await page.locator(".conn-live").waitFor({ state: "attached" });
}

Deno.test("composer timer schedules a message; the window reschedules and cancels it", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    await (await app.webhook(channel, messageUpdate(ada, { text: "Call me tomorrow?" }))).body
      ?.cancel();
    const id = await clientIdOf(app, ada.id);
    await inBerlin(app);
    const context = await signedIn(app, browser, {
      viewport: { width: 1440, height: 900 },
      timezoneId: "America/Los_Angeles",
    });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await openChat(app, page, id);
    const stream = page.getByRole("log", { name: "Messages" });
    const card = page.getByRole("complementary", { name: "Client details" });
    assert.equal(await card.getByText(/Messages scheduled/).count(), 0);

    // The timer suggests a time in the future; a time already past is refused.
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("Good morning, Ada! Calling you at 10.");
    await page.getByRole("button", { name: "Schedule message" }).click();
    const timer = page.getByRole("dialog", { name: "Schedule message" });
    const suggested = fromInputs(
      await timer.getByLabel("Date").inputValue(),
      await timer.getByLabel("Time").inputValue(),
      ZONE,
    );
    assert.ok(suggested > Date.now(), "the suggestion is in the future");
    await timer.getByLabel("Date").fill(day(-1));
    await timer.getByRole("button", { name: "Schedule", exact: true }).click();
    await timer.getByRole("alert").filter({ hasText: "Pick a time in the future." }).waitFor();

    await timer.getByLabel("Date").fill(day(1));
    await timer.getByLabel("Time").fill("10:00");
    await page.screenshot({ path: "/tmp/switchboard-timer.png" });
    await timer.getByRole("button", { name: "Schedule", exact: true }).click();
    await timer.waitFor({ state: "detached" });
    assert.equal(await box.inputValue(), "");

    // In the chat: a dashed bubble that says when it goes; on the card: the count.
    const bubble = stream.locator('.msg.is-scheduled[data-status="scheduled"]', {
      hasText: "Good morning, Ada!",
    });
    await bubble.getByText("Scheduled for tomorrow at 10:00").waitFor();
    assert.equal(await bubble.count(), 1);
    const count = card.getByRole("button", { name: "Messages scheduled: 1" });
    await count.waitFor();
    const [stored] = await scheduledOf(app, id);
    assert.equal(wallClock(stored.sendAt), "10:00");
    assert.equal(
      app.telegram.calls.some((c) => String(c.params.text).startsWith("Good morning")),
      false,
    );

    await count.click();
    const window = page.getByRole("dialog", { name: "Scheduled messages" });
    await window.getByText(`times in ${ZONE}`, { exact: false }).waitFor();
    const row = window.getByRole("listitem").filter({ hasText: "Good morning, Ada!" });
    await row.getByText("tomorrow at 10:00").waitFor();
    await page.screenshot({ path: "/tmp/switchboard-scheduled-window.png" });

    // Nothing changes without Confirm; a time in the past gets the server's message.
    const confirm = row.getByRole("button", { name: "Confirm" });
    assert.equal(await confirm.isDisabled(), true);
    await row.getByLabel("New date").fill(day(-1));
    await confirm.click();
    await row.getByRole("alert").filter({ hasText: "Pick a time in the future." }).waitFor();
    assert.equal(wallClock((await scheduledOf(app, id))[0].sendAt), "10:00");

    await row.getByLabel("New date").fill(day(1));
    await row.getByLabel("New time").fill("11:30");
    await row.getByRole("button", { name: "Confirm" }).click();
    await window.getByRole("listitem").filter({ hasText: "Good morning, Ada!" })
      .getByText("tomorrow at 11:30").waitFor();
    await bubble.getByText("Scheduled for tomorrow at 11:30").waitFor();
    assert.equal(wallClock((await scheduledOf(app, id))[0].sendAt), "11:30");

    // Another employee schedules one: it appears here live; Send now sends it.
    const other = await app.api(`/api/clients/${id}/messages`, {
      body: { text: "A note from a colleague", sendAt: new Date(Date.now() + 3_600_000) },
    });
    assert.equal(other.status, 202);
    await other.body?.cancel();
    const colleague = window.getByRole("listitem").filter({ hasText: "A note from a colleague" });
    await colleague.waitFor();
    await card.getByRole("button", { name: "Messages scheduled: 2" }).waitFor();
    await colleague.getByRole("button", { name: "Send now" }).click();
    await colleague.waitFor({ state: "detached" });
    await app.telegram.waitFor((c) => c.params.text === "A note from a colleague", 5_000);
    await card.getByRole("button", { name: "Messages scheduled: 1" }).waitFor();

    // Cancel asks once, then the message is gone from the window, the chat and the card.
    await window.getByRole("listitem").filter({ hasText: "Good morning, Ada!" })
      .getByRole("button", { name: "Cancel message" }).click();
    await window.getByRole("button", { name: "Yes, cancel it" }).click();
    await window.getByText("No messages are waiting to be sent.").waitFor();
    await bubble.waitFor({ state: "detached" });
    await card.getByText(/Messages scheduled/).waitFor({ state: "detached" });
    assert.deepEqual(await scheduledOf(app, id), []);

    await page.keyboard.press("Escape");
    await window.waitFor({ state: "detached" });
    // Escape closed only the window: the chat is still open.
    await stream.waitFor();
    assert.equal(
      app.telegram.calls.some((c) => String(c.params.text).startsWith("Good morning")),
      false,
    );
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

Deno.test("on a phone the timer, the funnel and the scheduled window fit the screen", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    await (await app.webhook(channel, messageUpdate(ada, { text: "Hi there" }))).body?.cancel();
    const id = await clientIdOf(app, ada.id);
    const sent = await app.api(`/api/clients/${id}/messages`, {
      body: {
        text: "Your order ships on Monday; we will send the tracking link then.",
        sendAt: new Date(Date.now() + 2 * 3_600_000),
      },
    });
    await sent.body?.cancel();
    await inBerlin(app);
    const context = await signedIn(app, browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      timezoneId: "America/Los_Angeles",
    });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await openChat(app, page, id);
    const fits = async (name: string, locator: ReturnType<Page["locator"]>) => {
      const box = await locator.boundingBox();
      assert.ok(box, `${name} is shown`);
      assert.ok(
        box.x >= 0 && box.y >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844,
        `${name} fits the screen: ${JSON.stringify(box)}`,
      );
    };

    await page.getByRole("textbox", { name: "Message" }).fill("Later, please");
    await page.getByRole("button", { name: "Schedule message" }).tap();
    const timer = page.getByRole("dialog", { name: "Schedule message" });
    await fits("the timer", timer);
    await fits("Schedule", timer.getByRole("button", { name: "Schedule", exact: true }));
    await page.screenshot({ path: "/tmp/switchboard-phone-timer.png" });
    await timer.getByRole("button", { name: "Cancel" }).tap();
    await timer.waitFor({ state: "detached" });

    // Without a bot flow, the funnel says how to get one.
    await page.getByRole("button", { name: "Send from funnel" }).tap();
    const funnel = page.getByRole("dialog", { name: "Send from funnel" });
    await funnel.getByText("not linked to a bot flow").waitFor();
    await fits("the funnel window", funnel);
    await funnel.getByRole("button", { name: "Close" }).tap();
    await funnel.waitFor({ state: "detached" });

    // The scheduled message's label in the chat opens the window too.
    await page.getByRole("button", { name: /Scheduled for/ }).tap();
    const window = page.getByRole("dialog", { name: "Scheduled messages" });
    const row = window.getByRole("listitem").filter({ hasText: "Your order ships" });
    await row.waitFor();
    await fits("the scheduled window", window);
    for (const name of ["Confirm", "Send now", "Cancel message"]) {
      await fits(name, row.getByRole("button", { name }));
    }
    await fits("the date", row.getByLabel("New date"));
    await fits("the time", row.getByLabel("New time"));
    await page.screenshot({ path: "/tmp/switchboard-phone-scheduled.png" });
    await window.getByRole("button", { name: "Close" }).tap();
    await window.waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Client details", exact: true }).tap();
    const card = page.getByRole("complementary", { name: "Client details" });
    await until(page, `getComputedStyle(document.querySelector(".col-card")).transform === "none"`);
    await fits("the scheduled count", card.getByRole("button", { name: "Messages scheduled: 1" }));
    await page.screenshot({ path: "/tmp/switchboard-phone-card-vars.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});
