import { type Browser, chromium } from "playwright-core";

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
