import assert from "node:assert/strict";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { json, startTestApp, type TestApp } from "../helpers.ts";

/** Debian's Chromium, started the way the browser tests need it on a machine with no network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A Telegram user as updates describe them. */
export interface TgPerson {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export const ada: TgPerson = {
  id: 408258968,
  first_name: "Ada",
  last_name: "Lovelace",
  username: "ada",
};

let nextUpdate = 500_000;

/** A private-chat message update from `from` with the given content (text, photo, …). */
export function messageUpdate(from: TgPerson, content: Record<string, unknown>) {
  const id = ++nextUpdate;
  return {
    update_id: id,
    message: {
      message_id: id,
      from: { ...from, is_bot: false, language_code: "en" },
      chat: { ...from, type: "private" },
      date: Math.floor(Date.now() / 1000),
      ...content,
    },
  };
}

/** A press on an inline button under a bot message. */
export function buttonUpdate(from: TgPerson, data: string) {
  const id = ++nextUpdate;
  return {
    update_id: id,
    callback_query: {
      id: String(id),
      from: { ...from, is_bot: false },
      chat_instance: "1",
      data,
      message: {
        message_id: 1,
        chat: { ...from, type: "private" },
        date: Math.floor(Date.now() / 1000),
        text: "How would you rate our support?",
      },
    },
  };
}

/** A running app with a connected Telegram channel, and a browser to drive it. */
export async function setup(
  env: Record<string, string> = {},
): Promise<{
  app: TestApp;
  channel: { id: string; secret: string };
  browser: Browser;
  close(): Promise<void>;
}> {
  const app = await startTestApp(env);
  // Connected through POST /api/channels: getMe + setWebhook against the fake Bot API.
  const channel = await app.connectTelegram("123456:TEST-token_abc");
  const stored = await app.services.channels.get(channel.id);
  assert.equal(stored?.webhookSecret, channel.secret);
  const browser = await launchBrowser();
  return {
    app,
    channel,
    browser,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** A browser context already signed in as the owner. */
export async function signedIn(
  app: TestApp,
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0],
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const [name, value] = app.cookie.split("=");
  await context.addCookies([{ name, value, url: app.base }]);
  return context;
}

export async function clientIdOf(app: TestApp, platformId: number): Promise<string> {
  const { body } = await json(await app.api(`/api/clients?q=${platformId}`));
  return body.items[0].id;
}

/** Collects uncaught errors and console errors (other than HTTP statuses the test provokes). */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  return errors;
}

/** Waits until `fn` (run in the page) is true. */
export function until(page: Page, fn: string, timeout = 5_000) {
  return page.waitForFunction(fn, undefined, { timeout });
}
