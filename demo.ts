/**
 * `deno task demo`: fills an empty store with a realistic, fictional inbox — several channels,
 * dozens of clients, media, bot flows, scheduled messages — so a newcomer sees the product at work.
 * Uses the same configuration as `deno task start` (KV_PATH…); refuses a store that has clients.
 */
import { newClientId } from "./actors/dialog/actor.ts";
import { loadConfig } from "./config.ts";
import type { Inbound } from "./connectors/types.ts";
import type { Attachment, Channel, ChannelType } from "./kv/records.ts";
import { ensureOwner } from "./main.ts";
import { openServices, type Services } from "./services.ts";

const FIRST = [
  "Maya",
  "Yuki",
  "Jonas",
  "Lena",
  "Priya",
  "Tomás",
  "Sam",
  "Olivia",
  "Noah",
  "Amara",
  "Felix",
  "Ines",
  "Kofi",
  "Hana",
  "Luca",
  "Zoe",
  "Omar",
  "Elif",
  "Mateo",
  "Sofia",
  "Arjun",
  "Clara",
  "Dmitri",
  "Nia",
  "Theo",
  "Aiko",
  "Rafael",
  "Greta",
  "Samir",
  "Lucía",
  "Ben",
  "Mei",
  "Oskar",
  "Leila",
  "Ivan",
  "Chloe",
];
const LAST = [
  "Fischer",
  "Tanaka",
  "Berg",
  "Novak",
  "Raman",
  "Alvarez",
  "O'Connor",
  "Brooks",
  "Kim",
  "Okafor",
  "Wagner",
  "Costa",
  "Mensah",
  "Sato",
  "Romano",
  "Martin",
  "Haddad",
  "Yılmaz",
  "Silva",
  "Rossi",
  "Patel",
  "Dubois",
  "Ivanov",
  "Adeyemi",
  "Laurent",
  "Mori",
  "Pereira",
  "Lindqvist",
  "Aziz",
  "García",
  "Cohen",
  "Chen",
  "Nilsson",
  "Karimi",
  "Petrov",
  "Martin",
];

const OPENERS = [
  "Hi! Where is my order #{n}? It was due yesterday.",
  "Hello, do you ship to {city}?",
  "Can I change the size of my order to M?",
  "Is the {item} back in stock?",
  "Good morning! I'd like to return the {item}, it doesn't fit.",
  "How long does delivery to {city} usually take?",
  "Do you have a discount for a second purchase?",
  "The parcel arrived but the box was damaged.",
  "Can I pay on delivery?",
  "Thanks for the quick help yesterday!",
];
const REPLIES = [
  "Hi {name}! Let me check that for you — one moment.",
  "Yes, we do — shipping takes 3–5 working days.",
  "Done! I've updated your order.",
  "I'm sorry about that. Could you send a photo of the box?",
  "It's back next week; I'll let you know the moment it is.",
  "Of course, here's a 10% code for you: WELCOME10",
];
const FOLLOW_UPS = [
  "Great, thank you!",
  "Perfect 🙌",
  "Okay, I'll wait.",
  "Here you go.",
  "And can I also add a gift note?",
];
const ITEMS = [
  "linen duvet cover",
  "wool throw",
  "ceramic mug set",
  "oak side table",
  "rain jacket",
];
const CITIES = ["Osaka", "Lisbon", "Nairobi", "Toronto", "Kraków", "Melbourne"];

const CHANNELS: { type: ChannelType; name: string }[] = [
  { type: "telegram", name: "Support bot" },
  { type: "whatsapp", name: "Shop WhatsApp" },
  { type: "instagram", name: "@linenandoak" },
  { type: "messenger", name: "Linen & Oak page" },
  { type: "email", name: "support@linenandoak.example" },
  { type: "widget", name: "Website chat" },
  { type: "vk", name: "VK community" },
  { type: "viber", name: "Viber bot" },
];

function pick<T>(xs: T[], i: number): T {
  return xs[i % xs.length];
}

function fill(template: string, i: number, name: string): string {
  return template.replace("{n}", String(48_200 + i)).replace("{city}", pick(CITIES, i))
    .replace("{item}", pick(ITEMS, i)).replace("{name}", name);
}

async function seed(s: Services) {
  const owner = (await s.employees.list())[0];
  const agents = [owner];
  for (
    const [name, email] of [["Dana Whitfield", "dana@linenandoak.example"], [
      "Ravi Shah",
      "ravi@linenandoak.example",
    ]]
  ) {
    const existing = await s.employees.byEmail(email);
    agents.push(
      existing ??
        await s.employees.create({ email, name, role: "operator", password: crypto.randomUUID() }),
    );
  }
  const flow = await s.flows.save({
    name: "Welcome",
    startBlock: 1,
    blocks: [
      {
        number: 1,
        name: "Greeting",
        description: "First answer",
        text: "Hi! I'm the Linen & Oak bot. How can we help?",
        buttons: [{ text: "Track my order", next: 2 }, { text: "Talk to a person", next: 3 }],
        delaySec: 0,
        waitForReply: false,
        keywords: ["start", "hello"],
        colour: "blue",
        type: "question",
      },
      {
        number: 2,
        name: "Tracking",
        description: "Order status",
        text: "Send me your order number and I'll look it up.",
        buttons: [],
        delaySec: 0,
        waitForReply: true,
        keywords: ["order", "tracking"],
        colour: "green",
        type: "question",
        next: 4,
      },
      {
        number: 3,
        name: "Handover",
        description: "To a human",
        text: "A colleague will answer shortly.",
        buttons: [],
        delaySec: 0,
        waitForReply: false,
        keywords: ["human", "person"],
        colour: "orange",
        type: "message",
      },
      {
        number: 4,
        name: "Follow-up",
        description: "A day later",
        text: "Did your parcel arrive safely?",
        buttons: [],
        delaySec: 86_400,
        waitForReply: false,
        keywords: [],
        colour: "grey",
        type: "message",
      },
    ],
  });
  const channels: Channel[] = [];
  for (const c of CHANNELS) {
    const { id, secret } = s.channels.draft();
    const channel: Channel = {
      id,
      type: c.type,
      name: c.name,
      config: { demo: true },
      info: { demo: true },
      webhookSecret: secret,
      createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      ...(c.type === "telegram" ? { flowId: flow.id } : {}),
    };
    await s.channels.save(channel);
    channels.push(channel);
  }

  const realClock = s.actor.clock;
  let now = Date.now() - 3 * 86_400_000;
  // Replace the actor's clock while seeding, so the story spreads over three days.
  (s.actor as { clock: () => number }).clock = () => now;
  s.actor.onEager = () => {};
  let update = 1;
  const inbound = (channel: Channel, i: number, event: Partial<Inbound> & { kind: "message" }) => {
    const name = `${pick(FIRST, i)} ${pick(LAST, i + Math.floor(i / FIRST.length))}`;
    const handle = channel.type === "email"
      ? `${pick(FIRST, i).toLowerCase()}.${
        pick(LAST, i).toLowerCase().replace(/[^a-z]/g, "")
      }@mail.example`
      : channel.type === "whatsapp" || channel.type === "viber"
      ? `4470090${String(10_000 + i)}`
      : String(7_000_000 + i);
    const key = String(update++);
    return s.actor.run({
      kind: "inbound",
      channelId: channel.id,
      channelType: channel.type,
      newClientId: newClientId(),
      flowId: channel.flowId,
      event: {
        updateKey: `demo-${key}`,
        externalId: `demo-${key}`,
        at: new Date(now).toISOString(),
        profile: {
          platformId: handle,
          chatId: handle,
          name,
          ...(channel.type === "email" ? { email: handle } : {}),
          ...(channel.type === "whatsapp" ? { phone: `+${handle}` } : {}),
        },
        text: "",
        attachments: [],
        ...event,
      } as Inbound,
    });
  };
  const reply = async (
    clientId: string,
    agent: number,
    text: string,
    status: "sent" | "delivered" | "read",
  ) => {
    const a = agents[agent % agents.length];
    const r = await s.actor.run({
      kind: "reply",
      clientId,
      author: { kind: "employee", id: a.id, name: a.name },
      text,
    });
    const m = r.message!;
    await s.actor.run({
      kind: "deliveryResult",
      clientId,
      messageId: m.id,
      outcome: { ok: true, externalId: `demo-out-${m.id}` },
    });
    if (status !== "sent") {
      const client = (await s.clients.get(clientId))!;
      await s.actor.run({
        kind: "inbound",
        channelId: client.channelId,
        channelType: client.channelType,
        newClientId: newClientId(),
        event: {
          kind: "status",
          updateKey: `demo-st-${m.id}`,
          externalId: `demo-out-${m.id}`,
          status,
          profile: { platformId: client.platformId, chatId: client.chatId, name: client.name },
          at: new Date(now).toISOString(),
        },
      });
    }
  };
  const media: Attachment[][] = [
    [{ type: "photo", width: 1280, height: 960 }],
    [{ type: "voice", duration: 14, mimeType: "audio/ogg" }],
    [{
      type: "document",
      fileName: "invoice_0423.pdf",
      mimeType: "application/pdf",
      size: 148_000,
    }],
    [{ type: "location", latitude: 52.52, longitude: 13.405 }],
    [{ type: "contact", phone: "+44 7700 900123", firstName: "Sam" }],
    [{ type: "sticker", emoji: "😍" }],
  ];

  const CLIENTS = 36;
  for (let i = 0; i < CLIENTS; i++) {
    // Spread over the last three days, ending a few minutes ago: nothing lands in the future.
    now = Date.now() - 3 * 86_400_000 + Math.floor((i / CLIENTS) * (3 * 86_400_000 - 3_600_000));
    const channel = pick(channels, i);
    const first = await inbound(channel, i, {
      kind: "message",
      text: fill(pick(OPENERS, i), i, pick(FIRST, i)),
      ...(channel.type === "email" ? { subject: `Question about order #${48_200 + i}` } : {}),
    });
    const clientId = first.client!.id;
    if (i % 3 !== 2) {
      now += 4 * 60_000;
      await reply(
        clientId,
        i,
        fill(pick(REPLIES, i), i, pick(FIRST, i)),
        i % 2 ? "read" : "delivered",
      );
      now += 6 * 60_000;
      await inbound(channel, i, {
        kind: "message",
        text: i % 4 === 0 ? "" : pick(FOLLOW_UPS, i),
        attachments: i % 4 === 0 ? pick(media, i / 4) : [],
      });
    }
    if (i % 5 === 1) {
      await s.actor.run({ kind: "markRead", clientId });
      await reply(clientId, i + 1, "Thanks! Anything else I can do for you?", "sent");
    }
    if (i === 4) {
      await s.actor.run({
        kind: "pauseBot",
        clientId,
        until: now + 86_400_000,
        author: { kind: "employee", id: owner.id, name: owner.name },
      });
    }
    if (i % 9 === 3) {
      const a = agents[1];
      await s.actor.run({
        kind: "reply",
        clientId,
        author: { kind: "employee", id: a.id, name: a.name },
        text: "Just checking in — did everything arrive?",
        sendAt: Date.now() + (2 + i) * 3_600_000,
      });
    }
  }
  (s.actor as { clock: () => number }).clock = realClock;
  return { channels: channels.length, clients: CLIENTS };
}

if (import.meta.main) {
  const config = loadConfig();
  const s = await openServices(config);
  try {
    const existing = await s.clients.list({ limit: 1 });
    if (existing.items.length > 0 && !Deno.args.includes("--force")) {
      console.error(
        `The store at ${config.kvPath} already has clients; the demo fills only an empty one (--force to add anyway).`,
      );
      Deno.exit(1);
    }
    const created = await ensureOwner(s.employees, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    if (created) console.log(`Owner account: ${created.email} / ${created.password}`);
    const { channels, clients } = await seed(s);
    console.log(
      `Demo inbox ready: ${channels} channels, ${clients} clients. Start it with: deno task start`,
    );
  } finally {
    await s.close();
  }
}
