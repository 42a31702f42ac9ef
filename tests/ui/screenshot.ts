/**
 * Renders static/screenshot.png (the README's picture of the inbox) from a seeded, fictional
 * inbox. Run by hand after UI changes:
 *
 *   deno task build && deno run -A --unstable-kv tests/ui/screenshot.ts [--extra /tmp/shots]
 *
 * `--extra DIR` also saves the phone layout, the client card, the channels page, the API docs, and
 * the bot tools: the timer, the scheduled-messages window, send from funnel and the flow pages.
 */
import { json, startTestApp, type TestApp } from "../helpers.ts";
import { buttonUpdate, launchBrowser, messageUpdate, type TgPerson } from "./browser.ts";

const OUT = new URL("../../static/screenshot.png", import.meta.url).pathname;
const extraAt = Deno.args.indexOf("--extra");
const extraDir = extraAt >= 0 ? Deno.args[extraAt + 1] : null;

const people = {
  maya: { id: 5010001, first_name: "Maya", last_name: "Fischer", username: "mayaf" },
  yuki: { id: 5010002, first_name: "Yuki", last_name: "Tanaka" },
  jonas: { id: 5010003, first_name: "Jonas", last_name: "Berg", username: "jberg" },
  lena: { id: 5010004, first_name: "Lena", last_name: "Novak" },
  priya: { id: 5010005, first_name: "Priya", last_name: "Raman", username: "priya_r" },
  tomas: { id: 5010006, first_name: "Tomás", last_name: "Alvarez" },
  sam: { id: 5010007, first_name: "Sam", last_name: "O'Connor" },
  olivia: { id: 5010008, first_name: "Olivia", last_name: "Brooks", username: "livbrooks" },
} satisfies Record<string, TgPerson>;
type Who = keyof typeof people;

/** One thing that happens in the story, `ago` minutes before the picture is taken. */
type Step =
  | { ago: number; from: Who; content: Record<string, unknown> }
  | { ago: number; from: Who; button: string }
  | { ago: number; to: Who; reply: string };

const file = (id: string) => ({ file_id: id, file_unique_id: id });

const story: Step[] = [
  { ago: 1510, from: "olivia", content: { text: "The refund arrived today, thank you so much!" } },
  { ago: 1502, to: "olivia", reply: "Great to hear, Olivia. Have a lovely evening!" },
  {
    ago: 300,
    from: "sam",
    content: {
      text: "Here's my number for the courier.",
      contact: { phone_number: "+44 7700 900123", first_name: "Sam", last_name: "O'Connor" },
    },
  },
  {
    ago: 180,
    from: "tomas",
    content: { voice: { ...file("voice-1"), duration: 14, mime_type: "audio/ogg" } },
  },
  {
    ago: 96,
    from: "priya",
    content: {
      caption: "Could you correct the VAT number on this invoice?",
      document: {
        ...file("doc-1"),
        file_name: "invoice_0423.pdf",
        mime_type: "application/pdf",
        file_size: 148_000,
      },
    },
  },
  { ago: 90, to: "priya", reply: "Of course — I'll send a corrected copy within the hour." },
  {
    ago: 62,
    from: "maya",
    content: {
      text: "Hi! I ordered the linen duvet cover last week (order #48213). Any news on delivery?",
    },
  },
  { ago: 58, to: "maya", reply: "Hi Maya! Let me check with the warehouse — one moment." },
  {
    ago: 55,
    to: "maya",
    reply:
      "It left the warehouse this morning, so you should have it by Thursday.\nTracking: https://track.example.com/48213",
  },
  { ago: 44, from: "lena", content: { sticker: { ...file("st-1"), emoji: "😍" } } },
  { ago: 41, from: "lena", button: "rating:5" },
  {
    ago: 31,
    from: "maya",
    content: {
      caption: "It arrived early! But the colour looks different from the website?",
      photo: [{ ...file("ph-s"), width: 320, height: 240 }, {
        ...file("ph-1"),
        width: 1280,
        height: 960,
        file_size: 210_000,
      }],
    },
  },
  {
    ago: 22,
    from: "jonas",
    content: { location: { latitude: 52.49931, longitude: 13.41836 } },
  },
  { ago: 21, from: "jonas", content: { text: "Is the Kreuzberg store open on Sunday?" } },
  {
    ago: 12,
    to: "maya",
    reply:
      "Thanks for the photo! Sage does look lighter in daylight. Would you like to swap it for olive? The exchange is free.",
  },
  { ago: 8, from: "yuki", content: { text: "Hi! Do you ship to Osaka, Japan?" } },
  { ago: 3, from: "maya", content: { text: "Yes please, olive would be perfect 🙌" } },
];

async function seed(app: TestApp, cookie: string) {
  const channel = await app.connectTelegram("7012345678:AAF-demo_token");
  const ids = new Map<Who, string>();
  const end = Date.now() - 60_000;
  let clock = end;
  // The story happened over the last day: the dialog actor reads this clock instead of the wall.
  Object.defineProperty(app.services.actor, "clock", { value: () => clock });
  for (const step of story) {
    clock = end - step.ago * 60_000;
    if ("reply" in step) {
      const res = await fetch(`${app.base}/api/clients/${ids.get(step.to)}/messages`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ text: step.reply }),
      });
      const { status, body } = await json(res);
      if (status !== 202) throw new Error(`reply failed: ${JSON.stringify(body)}`);
      await app.telegram.waitFor((c) => c.method === "sendMessage" && c.params.text === step.reply);
      continue;
    }
    const person = people[step.from];
    const update = "button" in step
      ? buttonUpdate(person, step.button)
      : messageUpdate(person, step.content);
    const res = await app.webhook(channel, update);
    if (res.status !== 200) throw new Error(`webhook failed: ${await res.text()}`);
    await res.body?.cancel();
    if (!ids.has(step.from)) {
      const found = await json(
        await app.api(`/api/clients?q=${encodeURIComponent(String(person.id))}`),
      );
      ids.set(step.from, found.body.items[0].id);
    }
  }
  // Let the last deliveries settle before the picture.
  await new Promise((r) => setTimeout(r, 300));
  await app.api(`/api/clients/${ids.get("maya")}/read`, { method: "POST" }).then((r) =>
    r.body?.cancel()
  );
  return ids;
}

/** The support flow the channel answers with, linked once the story above has happened. */
const supportFlow = {
  name: "Support assistant",
  startBlock: 1,
  blocks: [
    {
      number: 1,
      name: "Welcome",
      text: "Hi! 👋 I'm the Linen & Loom assistant. What can I help you with?",
      buttons: [{ text: "Where is my order?", next: 2 }, { text: "Returns", next: 3 }],
      colour: "blue",
      description: "First message for every new client",
    },
    {
      number: 2,
      name: "Order status",
      text: "Send me your order number (it starts with #) and I'll look it up.",
      waitForReply: true,
      next: 4,
      colour: "green",
      type: "question",
      keywords: ["order", "delivery", "tracking"],
    },
    {
      number: 3,
      name: "Returns policy",
      text: "You can return anything within 30 days, free of charge. Want a return label?",
      buttons: [{ text: "Yes, please", next: 4 }],
      colour: "orange",
      keywords: ["return", "refund", "exchange"],
      description: "Exchanges go through the same form",
    },
    {
      number: 4,
      name: "Hand over",
      text: "Thanks! A member of our team will reply here shortly.",
      colour: "purple",
      type: "end",
    },
    {
      number: 5,
      name: "Review request",
      text: "How did we do? Tap a star to rate your order ⭐",
      delaySec: 86_400,
      colour: "yellow",
      description: "Sent a day after delivery",
    },
  ],
};

/** Links the channel to the support flow and schedules a follow-up for Maya. */
async function seedBot(app: TestApp, cookie: string, mayaId: string) {
  const headers = { cookie, "content-type": "application/json" };
  const flow = await json(
    await fetch(`${app.base}/api/flows`, {
      method: "POST",
      headers,
      body: JSON.stringify(supportFlow),
    }),
  );
  if (flow.status !== 201) throw new Error(`flow failed: ${JSON.stringify(flow.body)}`);
  const channel = (await json(await app.api("/api/channels"))).body.items[0];
  await app.api(`/api/channels/${channel.id}`, {
    method: "PATCH",
    body: { flowId: flow.body.id },
  }).then((r) => r.body?.cancel());
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setHours(9, 30, 0, 0);
  const later = await json(
    await fetch(`${app.base}/api/clients/${mayaId}/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        text: "Your olive cover ships first thing tomorrow — I'll send the tracking link here.",
        sendAt: tomorrow.toISOString(),
      }),
    }),
  );
  if (later.status !== 202) throw new Error(`schedule failed: ${JSON.stringify(later.body)}`);
  return flow.body.id as string;
}

const app = await startTestApp();
const browser = await launchBrowser();
try {
  await app.services.employees.create({
    email: "dana@example.com",
    name: "Dana Whitfield",
    role: "admin",
    password: "correct horse battery",
  });
  const login = await fetch(`${app.base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "dana@example.com", password: "correct horse battery" }),
  });
  await login.body?.cancel();
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const ids = await seed(app, cookie);
  const flowId = await seedBot(app, cookie, ids.get("maya")!);
  const [name, value] = cookie.split("=");

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name, value, url: app.base }]);
  const page = await context.newPage();
  await page.goto(`${app.base}/clients/${ids.get("maya")}`);
  await page.locator(".conn-live").waitFor();
  await page.locator(":focus").blur();
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);

  if (extraDir) {
    await Deno.mkdir(extraDir, { recursive: true });
    const shot = (name: string, fullPage = false) =>
      page.screenshot({ path: `${extraDir}/${name}.png`, fullPage });
    await page.getByRole("button", { name: "Messages scheduled: 1" }).click();
    await page.getByRole("dialog", { name: "Scheduled messages" }).waitFor();
    await shot("scheduled-window");
    await page.keyboard.press("Escape");
    await page.getByRole("textbox", { name: "Message" }).fill("Your exchange label is attached.");
    await page.getByRole("button", { name: "Schedule message" }).click();
    await shot("timer");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Send from funnel" }).click();
    await page.getByRole("dialog", { name: "Send from funnel" }).getByText("Returns policy")
      .waitFor();
    await page.getByRole("button", { name: /Returns policy/ }).click();
    await shot("funnel");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Pause bot" }).click();
    await page.getByText("Bot paused until").first().waitFor();
    await shot("bot-paused");
    await page.getByRole("button", { name: "Resume bot" }).click();
    await page.getByRole("button", { name: "Pause bot" }).waitFor();
    await page.getByRole("link", { name: /Lena Novak/ }).click();
    await page.getByText("Pressed a button").last().waitFor();
    await shot("notice");
    await page.getByRole("link", { name: /Maya Fischer/ }).click();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole("button", { name: "Client details", exact: true }).click();
    await page.waitForTimeout(300);
    await shot("laptop-card");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.base}/`);
    await shot("phone-list");
    await page.getByRole("link", { name: /Maya Fischer/ }).click();
    await shot("phone-chat");
    await page.getByRole("button", { name: "Client details", exact: true }).click();
    await page.waitForTimeout(300);
    await shot("phone-card");
    await page.getByRole("button", { name: "Close client details" }).click();
    await page.getByRole("button", { name: "Send from funnel" }).click();
    await page.getByRole("dialog", { name: "Send from funnel" }).getByText("Returns policy")
      .waitFor();
    await shot("phone-funnel");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /Scheduled for/ }).click();
    await page.getByRole("dialog", { name: "Scheduled messages" }).waitFor();
    await shot("phone-scheduled");
    await page.keyboard.press("Escape");
    await page.goto(`${app.base}/flows/${flowId}`);
    await shot("phone-flow-editor");
    await page.goto(`${app.base}/channels`);
    await shot("phone-channels");
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot("channels");
    await page.goto(`${app.base}/flows`);
    await shot("flows");
    await page.goto(`${app.base}/flows/${flowId}`);
    await shot("flow-editor");
    await shot("flow-editor-full", true);
    await page.goto(`${app.base}/docs`);
    await shot("docs");
    await page.goto(`${app.base}/docs#schema-Message`);
    await shot("docs-schema");
    await context.clearCookies();
    await page.goto(`${app.base}/login`);
    await shot("login");
    console.log(`wrote the extra screenshots to ${extraDir}`);
  }
  await context.close();
} finally {
  await browser.close();
  await app.close();
}
