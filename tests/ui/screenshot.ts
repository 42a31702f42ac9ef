/**
 * Renders static/screenshot.png (the README's picture of the inbox) from a seeded, fictional
 * inbox. Run by hand after UI changes:
 *
 *   deno task build && deno run -A --unstable-kv tests/ui/screenshot.ts [--extra /tmp/shots]
 *
 * `--extra DIR` also saves the phone layout, the client card, chats from other channels, the
 * resend window, the channels page, the settings, the API docs, and the bot tools: the timer, the
 * scheduled-messages window, send from funnel and the flow pages.
 */
import { newClientId } from "../../actors/dialog/actor.ts";
import type { Inbound } from "../../connectors/types.ts";
import type { Channel, ChannelType } from "../../kv/records.ts";
import { json, startTestApp, type TestApp } from "../helpers.ts";
import { buttonUpdate, launchBrowser, messageUpdate, pngBytes, type TgPerson } from "./browser.ts";

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

/** A photo of sage linen, drawn here: the picture Maya sends. */
function linenPhoto(): Promise<Uint8Array> {
  const w = 640, h = 480;
  return pngBytes(w, h, (x, y) => {
    const weave = 7 * Math.sin(x * 1.3) * Math.sin(y * 1.3) +
      4 * Math.sin(y * 0.45 + Math.sin(x * 0.02) * 3);
    const fold = 18 * Math.sin((x * 0.6 - y) / 55) + 10 * Math.sin((x + y * 0.3) / 90);
    const light = 1.08 - 0.35 * Math.hypot((x - w * 0.35) / w, (y - h * 0.3) / h);
    const grain = ((x * 7919 + y * 104729) % 13) - 6;
    const [r, g, b] = [150, 170, 132].map((c) =>
      Math.max(0, Math.min(255, Math.round((c + weave + fold + grain) * light)))
    );
    return [r, g, b];
  });
}

async function seed(app: TestApp, cookie: string) {
  const channel = await app.connectTelegram("7012345678:AAF-demo_token");
  // The files behind the story's media, as the fake Bot API serves them.
  app.telegram.addFile("ph-1", await linenPhoto(), "image/png");
  app.telegram.addFile("voice-1", new TextEncoder().encode("OggS voice"), "audio/ogg");
  app.telegram.addFile("doc-1", new TextEncoder().encode("%PDF-1.4 invoice"), "application/pdf");
  const ids = new Map<Who, string>();
  const end = Date.now() - 60_000;
  let clock = end;
  // The story happened over the last day: the dialog actor reads this clock instead of the wall.
  Object.defineProperty(app.services.actor, "clock", { value: () => clock });
  await seedOtherChannels(app, end, (at) => clock = at);
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

/** The other channels the shop is connected to, saved as they would be after connecting. */
const OTHER_CHANNELS: { type: ChannelType; name: string; info: Record<string, unknown> }[] = [
  {
    type: "whatsapp",
    name: "Shop WhatsApp",
    info: {
      displayPhoneNumber: "+44 20 7946 0321",
      verifiedName: "Linen & Loom",
      verifyToken: "linen-and-loom-2c81",
      webhookFields: ["messages"],
    },
  },
  {
    type: "instagram",
    name: "Instagram",
    info: {
      username: "linenandloom",
      pageName: "Linen & Loom",
      verifyToken: "linen-and-loom-2c81",
      webhookFields: ["messages", "messaging_postbacks", "messaging_seen", "message_reactions"],
    },
  },
  {
    type: "email",
    name: "Support mailbox",
    info: {
      provider: "postmark",
      address: "hello@linenandloom.example",
      smtpHost: "smtp.postmarkapp.com:587",
      setup: "Postmark: Servers → your server → Inbound stream → Settings → Webhook URL.",
    },
  },
  {
    type: "widget",
    name: "Website chat",
    info: { allowedOrigins: ["https://linenandloom.example"] },
  },
  { type: "vk", name: "VK community", info: { name: "Linen & Loom", setup: "automatic" } },
  { type: "viber", name: "Viber bot", info: { name: "Linen & Loom" } },
  { type: "messenger", name: "Facebook page", info: { pageName: "Linen & Loom" } },
];

/** Clients who write through the other channels, `ago` minutes before the picture. */
const OTHER_STORY: {
  ago: number;
  channel: ChannelType;
  name: string;
  handle: string;
  text: string;
  subject?: string;
  reply?: { ago: number; text: string; read?: boolean; reaction?: string };
}[] = [
  {
    ago: 420,
    channel: "messenger",
    name: "Zoe Martin",
    handle: "6290117743",
    text: "Do you have gift wrapping?",
  },
  {
    ago: 250,
    channel: "viber",
    name: "Luca Romano",
    handle: "01234567890A==",
    text: "Ciao! Can I change the delivery address?",
  },
  {
    ago: 130,
    channel: "vk",
    name: "Elif Yılmaz",
    handle: "51200871",
    text: "Hello, is the rain jacket waterproof?",
  },
  {
    ago: 40,
    channel: "email",
    name: "Noah Kim",
    handle: "noah.kim@mail.example",
    subject: "Order #48190: damaged box",
    text:
      "The parcel arrived today but the box was crushed. The mugs look fine — should I keep it?",
  },
  {
    ago: 24,
    channel: "instagram",
    name: "Hana Sato",
    handle: "17841455500001",
    text: "Do you have the ceramic mug set in white? 🤍",
    reply: { ago: 19, text: "We do! It's back in stock as of this morning.", reaction: "❤️" },
  },
  {
    ago: 16,
    channel: "whatsapp",
    name: "Amara Okafor",
    handle: "447700900456",
    text: "Can I pay on delivery?",
    reply: { ago: 14, text: "Yes — cash or card, whichever you prefer.", read: true },
  },
  {
    ago: 6,
    channel: "widget",
    name: "Website visitor",
    handle: "v_5f2c91",
    text: "Hi! Is the oak side table solid wood?",
  },
];

/** Saves the other channels and plays their clients' story through the dialog actor. */
async function seedOtherChannels(app: TestApp, end: number, setClock: (at: number) => void) {
  const s = app.services;
  const channels = new Map<ChannelType, Channel>();
  for (const c of OTHER_CHANNELS) {
    const { id, secret } = s.channels.draft();
    const channel: Channel = {
      id,
      type: c.type,
      name: c.name,
      config: {},
      info: c.info,
      webhookSecret: secret,
      createdAt: new Date(end - 40 * 86_400_000).toISOString(),
    };
    await s.channels.save(channel);
    channels.set(c.type, channel);
  }
  // Nothing here may reach a messenger: deliveries are settled by hand below.
  const eager = s.actor.onEager;
  s.actor.onEager = () => {};
  let key = 1;
  for (const step of OTHER_STORY) {
    const channel = channels.get(step.channel)!;
    const profile = {
      platformId: step.handle,
      chatId: step.handle,
      name: step.name,
      ...(step.channel === "email" ? { email: step.handle } : {}),
      ...(step.channel === "whatsapp" ? { phone: `+${step.handle}` } : {}),
    };
    const event = (ago: number, e: Record<string, unknown>) => {
      setClock(end - ago * 60_000);
      return s.actor.run({
        kind: "inbound",
        channelId: channel.id,
        channelType: channel.type,
        newClientId: newClientId(),
        event: {
          updateKey: `shot-${key}`,
          externalId: `shot-${key++}`,
          at: new Date(end - ago * 60_000).toISOString(),
          profile,
          ...e,
        } as Inbound,
      });
    };
    const first = await event(step.ago, {
      kind: "message",
      text: step.text,
      attachments: [],
      ...(step.subject ? { subject: step.subject } : {}),
    });
    const reply = step.reply;
    if (!reply) continue;
    const clientId = first.client!.id;
    setClock(end - reply.ago * 60_000);
    const sent = await s.actor.run({
      kind: "reply",
      clientId,
      author: { kind: "employee", id: "dana", name: "Dana Whitfield" },
      text: reply.text,
    });
    const externalId = `out-${sent.message!.id}`;
    await s.actor.run({
      kind: "deliveryResult",
      clientId,
      messageId: sent.message!.id,
      outcome: { ok: true, externalId },
    });
    if (reply.read) await event(reply.ago - 1, { kind: "status", externalId, status: "read" });
    if (reply.reaction) {
      await event(reply.ago - 2, { kind: "reaction", externalId, emoji: reply.reaction });
    }
  }
  s.actor.onEager = eager;
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
  const channel = (await json(await app.api("/api/channels"))).body.items
    .find((c: { type: string }) => c.type === "telegram");
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
    await page.getByRole("link", { name: /Noah Kim/ }).click();
    await page.getByText("Order #48190: damaged box").first().waitFor();
    await shot("chat-email");
    await page.getByRole("link", { name: /Hana Sato/ }).click();
    await page.getByRole("img", { name: "The client reacted ❤️" }).waitFor();
    await shot("chat-instagram");
    await page.getByRole("link", { name: /Priya Raman/ }).click();
    await page.getByRole("link", { name: /invoice_0423\.pdf/ }).waitFor();
    await shot("chat-document");
    await page.getByRole("link", { name: /Maya Fischer/ }).click();
    const photoReply = page.locator(".msg", { hasText: "Thanks for the photo!" });
    await photoReply.hover();
    await photoReply.getByRole("button", { name: "Message actions" }).click();
    await shot("message-menu");
    await photoReply.getByRole("menuitem", { name: "Resend…" }).click();
    const resend = page.getByRole("dialog", { name: "Resend message" });
    await resend.getByRole("radio", { name: /Support mailbox/ }).check();
    await resend.getByLabel("E-mail address").fill("maya.fischer@mail.example");
    await resend.getByLabel("Subject").fill("Exchanging your duvet cover");
    await shot("resend");
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole("button", { name: "Client details", exact: true }).click();
    await page.waitForTimeout(300);
    await shot("laptop-card");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.base}/`);
    await shot("phone-list");
    await page.getByRole("link", { name: /Maya Fischer/ }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>(".media-img")].every((i) => i.complete)
    );
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
    const phoneReply = page.locator(".msg", { hasText: "Thanks for the photo!" });
    await phoneReply.getByRole("button", { name: "Message actions" }).click();
    await phoneReply.getByRole("menuitem", { name: "Resend…" }).click();
    const phoneResend = page.getByRole("dialog", { name: "Resend message" });
    await phoneResend.getByRole("radio", { name: /Shop WhatsApp/ }).check();
    await shot("phone-resend");
    await page.keyboard.press("Escape");
    await page.goto(`${app.base}/flows/${flowId}`);
    await shot("phone-flow-editor");
    await page.goto(`${app.base}/channels`);
    await shot("phone-channels");
    await page.getByRole("group", { name: "Channel type" }).getByRole("button", { name: /Viber/ })
      .click();
    await page.getByLabel("Bot token").scrollIntoViewIfNeeded();
    await shot("phone-channels-connect");
    await page.goto(`${app.base}/settings`);
    await shot("phone-settings");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.base}/channels`);
    await shot("channels");
    await page.getByRole("listitem").filter({ hasText: "Shop WhatsApp" }).getByText("Setup")
      .click();
    await shot("channels-full", true);
    await page.getByRole("group", { name: "Channel type" }).getByRole("button", { name: /E-mail/ })
      .click();
    await page.getByLabel("Inbox address").scrollIntoViewIfNeeded();
    await shot("channels-connect-email");
    await page.goto(`${app.base}/settings`);
    await shot("settings");
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
