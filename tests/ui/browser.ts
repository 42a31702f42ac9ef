import assert from "node:assert/strict";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
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
  app: Pick<TestApp, "cookie" | "base">,
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0],
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const [name, value] = app.cookie.split("=");
  await context.addCookies([{ name, value, url: app.base }]);
  return context;
}

/** Saves a connected e-mail channel (support@shop.example) and returns its id. */
export async function addMailChannel(app: TestApp): Promise<string> {
  const { id, secret } = app.services.channels.draft();
  await app.services.channels.save({
    id,
    type: "email",
    name: "support@shop.example",
    config: {},
    info: { address: "support@shop.example" },
    webhookSecret: secret,
    createdAt: new Date().toISOString(),
  });
  return id;
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

/** The CRC-32 a PNG chunk ends with. */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * A real PNG (8-bit RGB) of `width`×`height`, each pixel's colour from `paint`: a picture the
 * browser decodes, for photos the fake messengers serve.
 */
export async function pngBytes(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number],
): Promise<Uint8Array> {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) raw.set(paint(x, y), row + 1 + x * 3);
  }
  const zlib = new Uint8Array(
    await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream("deflate")))
      .arrayBuffer(),
  );
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  const h = new DataView(header.buffer);
  h.setUint32(0, width);
  h.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib),
    chunk("IEND", new Uint8Array()),
  ];
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

/** Fails unless `locator` lies wholly inside a phone's 390×844 screen. */
export async function assertFitsPhone(name: string, locator: Locator) {
  const box = await locator.boundingBox();
  assert.ok(box, `${name} is shown`);
  assert.ok(
    box.x >= 0 && box.y >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844,
    `${name} fits the screen: ${JSON.stringify(box)}`,
  );
}
