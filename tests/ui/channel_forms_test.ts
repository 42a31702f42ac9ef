import assert from "node:assert/strict";
import type { z } from "zod";
import { EmailConfig } from "../../connectors/email/schema.ts";
import { InstagramConfig } from "../../connectors/instagram/mod.ts";
import { MessengerConfig } from "../../connectors/messenger/mod.ts";
import { TelegramConfig } from "../../connectors/telegram/mod.ts";
import { ViberConfig } from "../../connectors/viber/mod.ts";
import { VkConfig } from "../../connectors/vk/mod.ts";
import { WhatsAppConfig } from "../../connectors/whatsapp/mod.ts";
import { WidgetConfig } from "../../connectors/widget/config.ts";
import {
  configFrom,
  type FormValues,
  initialValues,
  visibleFields,
} from "../../islands/channel_forms.ts";
import { CHANNEL_KINDS, channelKind } from "../../islands/channel_kinds.ts";
import { channelSummary } from "../../islands/ui/ChannelSetup.tsx";

/** Each connector's config schema, and the keys it keeps for itself (never typed in). */
const SCHEMAS: Record<string, { schema: z.ZodType; internal: string[] }> = {
  telegram: { schema: TelegramConfig, internal: [] },
  whatsapp: { schema: WhatsAppConfig, internal: [] },
  messenger: { schema: MessengerConfig, internal: [] },
  instagram: { schema: InstagramConfig, internal: [] },
  vk: { schema: VkConfig, internal: ["callbackServerId"] },
  viber: { schema: ViberConfig, internal: [] },
  email: { schema: EmailConfig, internal: ["postmarkToken", "smtpInbound"] },
  widget: { schema: WidgetConfig, internal: ["ipRateLimitPerMinute"] },
};

/** A form filled the way an admin would, for each type. */
const FILLED: Record<string, FormValues> = {
  telegram: { token: " 123456789:AAExampleToken " },
  whatsapp: {
    phoneNumberId: "106540352242922",
    accessToken: "EAAG-permanent-system-user-token",
    appSecret: "0123456789abcdef0123",
    verifyToken: "",
  },
  messenger: { pageAccessToken: "EAAG-page-access-token-xyz", appSecret: "0123456789abcdef0123" },
  instagram: {
    pageAccessToken: "EAAG-page-access-token-xyz",
    appSecret: "0123456789abcdef0123",
    instagramId: "17841400000000000",
  },
  vk: { groupId: "203076503", accessToken: "vk1.a.community-token" },
  viber: { authToken: "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9" },
  email: {
    address: "Support@Shop.example",
    provider: "mailgun",
    mailgunSigningKey: "key-abc",
    "smtp.host": "smtp.mailgun.org",
    "smtp.port": "465",
    "smtp.secure": true,
    "smtp.user": "postmaster@shop.example",
    "smtp.password": "secret",
  },
  widget: {
    title: "Linen & Oak",
    allowedOrigins: "https://shop.example\nhttps://www.shop.example",
    colour: "#4f46e5",
    rateLimitPerMinute: "30",
  },
};

Deno.test("every channel type has a connect form", () => {
  assert.deepEqual(CHANNEL_KINDS.map((k) => k.type).sort(), Object.keys(SCHEMAS).sort());
  for (const kind of CHANNEL_KINDS) {
    for (const f of kind.fields) assert.ok(f.help.length > 10, `${kind.type}.${f.key} has help`);
  }
});

Deno.test("a filled connect form gives a config its connector accepts", () => {
  for (const kind of CHANNEL_KINDS) {
    const values = { ...initialValues(kind), ...FILLED[kind.type] };
    const config = configFrom(kind, values);
    const parsed = SCHEMAS[kind.type].schema.safeParse(config);
    assert.ok(parsed.success, `${kind.type}: ${JSON.stringify(parsed.error?.issues)}`);
  }
});

Deno.test("the form asks for every setting a connector reads", () => {
  for (const kind of CHANNEL_KINDS) {
    const { schema, internal } = SCHEMAS[kind.type];
    const keys = Object.keys(schema.toJSONSchema({ io: "input" }).properties ?? {});
    const asked = new Set(kind.fields.map((f) => f.key.split(".")[0]));
    for (const key of keys) {
      if (internal.includes(key)) continue;
      assert.ok(asked.has(key), `${kind.type} asks for ${key}`);
    }
  }
});

Deno.test("empty optional fields are left out, numbers and lists are typed, smtp is nested", () => {
  const email = channelKind("email")!;
  const config = configFrom(email, { ...initialValues(email), ...FILLED.email, fromName: " " });
  assert.deepEqual(config, {
    address: "Support@Shop.example",
    provider: "mailgun",
    mailgunSigningKey: "key-abc",
    smtp: {
      host: "smtp.mailgun.org",
      port: 465,
      secure: true,
      user: "postmaster@shop.example",
      password: "secret",
    },
  });
  const widget = configFrom(channelKind("widget")!, FILLED.widget);
  assert.deepEqual(widget.allowedOrigins, ["https://shop.example", "https://www.shop.example"]);
  assert.equal(widget.rateLimitPerMinute, 30);
  assert.equal("greeting" in widget, false);
});

Deno.test("Mailgun's signing key is asked only for Mailgun", () => {
  const email = channelKind("email")!;
  const keysFor = (provider: string) =>
    visibleFields(email, { ...initialValues(email), provider }).map((f) => f.key);
  assert.ok(keysFor("mailgun").includes("mailgunSigningKey"));
  assert.ok(!keysFor("postmark").includes("mailgunSigningKey"));
  const postmark = configFrom(email, { ...FILLED.email, provider: "postmark" });
  assert.equal("mailgunSigningKey" in postmark, false);
});

Deno.test("a channel row says what the channel is in its messenger", () => {
  assert.equal(channelSummary({ type: "telegram", info: { username: "shop_bot" } }), "@shop_bot");
  assert.equal(
    channelSummary({
      type: "whatsapp",
      info: { displayPhoneNumber: "+1 555-010-0123", verifiedName: "Fake Business" },
    }),
    "+1 555-010-0123 · Fake Business",
  );
  assert.equal(channelSummary({ type: "messenger", info: { pageName: "Shop" } }), "Shop");
  assert.equal(channelSummary({ type: "email", info: { address: "a@b.example" } }), "a@b.example");
  assert.equal(
    channelSummary({ type: "widget", info: { allowedOrigins: ["https://shop.example"] } }),
    "shop.example",
  );
  assert.equal(channelSummary({ type: "vk", info: { demo: true } }), "");
});
