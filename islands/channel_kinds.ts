/**
 * What connecting each kind of channel asks for: the fields of its connector's config schema
 * (connectors/<type>/), each with where in the messenger's dashboards the value is found.
 */
import type { ChannelKind, FieldSpec } from "./channel_forms.ts";

const VERIFY_TOKEN: FieldSpec = {
  key: "verifyToken",
  label: "Verify token (optional)",
  help: "Any text without spaces. Leave it empty and one is made for you; either way the page " +
    "shows it after connecting, to paste into the app's webhook settings.",
  code: true,
};

const APP_SECRET: FieldSpec = {
  key: "appSecret",
  label: "App secret",
  help: "Meta app dashboard → App settings → Basic → App secret (Show). It checks every webhook.",
  kind: "secret",
  required: true,
  code: true,
};

/** Every channel type, in the order the Connect section shows them. */
export const CHANNEL_KINDS: ChannelKind[] = [
  {
    type: "telegram",
    label: "Telegram",
    blurb: "A bot from @BotFather",
    intro: "Create a bot with @BotFather in Telegram (/newbot) and paste the token it gives. " +
      "Switchboard registers the webhook by itself.",
    namePlaceholder: "Support bot",
    fields: [{
      key: "token",
      label: "Bot token",
      help: "@BotFather → /mybots → your bot → API Token. It looks like 123456789:AAE…",
      required: true,
      placeholder: "123456789:AAE…",
      code: true,
    }],
  },
  {
    type: "whatsapp",
    label: "WhatsApp",
    blurb: "WhatsApp Business Cloud API",
    intro: "You need a Meta app with the WhatsApp product and a registered business number. " +
      "After connecting, paste the callback URL and verify token into the app's webhook.",
    namePlaceholder: "Shop WhatsApp",
    fields: [
      {
        key: "phoneNumberId",
        label: "Phone number ID",
        help: "Meta app dashboard → WhatsApp → API Setup → Phone number ID (digits, not the " +
          "phone number itself).",
        required: true,
        placeholder: "106540352242922",
        code: true,
      },
      {
        key: "accessToken",
        label: "Access token",
        help: "A permanent token: Business settings → Users → System users → Generate token, " +
          "with whatsapp_business_messaging. The temporary one from API Setup expires in a day.",
        kind: "secret",
        required: true,
        code: true,
      },
      APP_SECRET,
      VERIFY_TOKEN,
    ],
  },
  {
    type: "messenger",
    label: "Messenger",
    blurb: "A Facebook page's inbox",
    intro: "You need a Meta app with the Messenger product, connected to your Facebook page. " +
      "After connecting, paste the callback URL and verify token into the app's webhook.",
    namePlaceholder: "Shop page",
    fields: [
      {
        key: "pageAccessToken",
        label: "Page access token",
        help: "Meta app dashboard → Messenger → Settings → Access tokens → Generate for your " +
          "page (needs pages_messaging).",
        kind: "secret",
        required: true,
        code: true,
      },
      APP_SECRET,
      {
        key: "pageId",
        label: "Page ID (optional)",
        help: "The page's About → Page transparency → Page ID. The token already says which " +
          "page it is for; given, it is checked against it.",
        placeholder: "100200300400500",
        code: true,
      },
      VERIFY_TOKEN,
    ],
  },
  {
    type: "instagram",
    label: "Instagram",
    blurb: "Instagram Direct messages",
    intro: "Your Instagram professional account must be linked to a Facebook page, and the Meta " +
      "app must have Messenger's Instagram settings. After connecting, paste the callback URL " +
      "and verify token into the app's Instagram webhook.",
    namePlaceholder: "@yourshop",
    fields: [
      {
        key: "pageAccessToken",
        label: "Page access token",
        help: "The access token of the Facebook page linked to the Instagram account, with " +
          "instagram_manage_messages (Meta app → Messenger → Instagram settings).",
        kind: "secret",
        required: true,
        code: true,
      },
      APP_SECRET,
      VERIFY_TOKEN,
      {
        key: "pageId",
        label: "Page ID (optional)",
        help: "The linked Facebook page's ID; checked against the token when given.",
        code: true,
      },
      {
        key: "instagramId",
        label: "Instagram account ID (optional)",
        help: "Found from the page by itself; give it only if the page has several accounts.",
        code: true,
      },
    ],
  },
  {
    type: "vk",
    label: "VK",
    blurb: "A VK community's messages",
    intro: "Turn on community messages (Manage → Messages) and create an access token. With " +
      "the manage right Switchboard sets up the Callback API by itself.",
    namePlaceholder: "VK community",
    fields: [
      {
        key: "groupId",
        label: "Community ID",
        help: "The number in the community's address (club203076503 → 203076503), or Manage → " +
          "Settings.",
        required: true,
        placeholder: "203076503",
        code: true,
      },
      {
        key: "accessToken",
        label: "Access token",
        help: "Manage → API usage → Access tokens → Create token, with the messages and manage " +
          "rights.",
        kind: "secret",
        required: true,
        code: true,
      },
      {
        key: "confirmationCode",
        label: "Confirmation code (optional)",
        help: "Only if the token has no manage right: the string shown in Manage → API usage → " +
          "Callback API, for setting it up by hand.",
        code: true,
      },
      {
        key: "secret",
        label: "Secret key (optional)",
        help: "The Callback API secret key, at most 50 characters. Leave it empty and one is made.",
        code: true,
      },
    ],
  },
  {
    type: "viber",
    label: "Viber",
    blurb: "A Viber bot",
    intro: "Create a bot account in the Viber Admin Panel and paste its token. Switchboard " +
      "registers the webhook by itself.",
    namePlaceholder: "Viber bot",
    fields: [{
      key: "authToken",
      label: "Bot token",
      help: "partners.viber.com → your bot → Info → Token.",
      kind: "secret",
      required: true,
      placeholder: "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9",
      code: true,
    }],
  },
  {
    type: "email",
    label: "E-mail",
    blurb: "A support inbox address",
    intro: "Mail to the address becomes messages here (through Postmark, Mailgun, or this " +
      "server's own SMTP receiver); replies go out through your SMTP server, in the same thread.",
    namePlaceholder: "Support mailbox",
    fields: [
      {
        key: "address",
        label: "Inbox address",
        help: "The address clients write to; replies are sent from it.",
        required: true,
        placeholder: "support@shop.example",
        code: true,
      },
      {
        key: "provider",
        label: "Incoming mail through",
        help: "Who receives the mail and hands it to Switchboard.",
        kind: "select",
        required: true,
        initial: "postmark",
        options: [
          { value: "postmark", label: "Postmark inbound webhook" },
          { value: "mailgun", label: "Mailgun route" },
          { value: "smtp", label: "This server's SMTP receiver (MX record)" },
        ],
      },
      {
        key: "mailgunSigningKey",
        label: "Mailgun webhook signing key",
        help: "Mailgun → Sending → Webhooks → HTTP webhook signing key.",
        kind: "secret",
        required: true,
        when: (v) => v.provider === "mailgun",
        code: true,
      },
      {
        key: "fromName",
        label: "Sender name (optional)",
        help: "The name replies are signed with; the channel's name when empty.",
        placeholder: "Linen & Oak support",
      },
      {
        key: "smtp.host",
        label: "SMTP server",
        help:
          "Your mail provider's outgoing server, e.g. smtp.postmarkapp.com or smtp.mailgun.org.",
        required: true,
        placeholder: "smtp.example.com",
        code: true,
      },
      {
        key: "smtp.port",
        label: "SMTP port",
        help: "587 (STARTTLS) in most cases; 465 for TLS from the start.",
        kind: "number",
        initial: "587",
      },
      {
        key: "smtp.secure",
        label: "TLS from the first byte (port 465)",
        help: "Leave off for port 587: the connection is upgraded with STARTTLS when offered.",
        kind: "checkbox",
        initial: false,
      },
      {
        key: "smtp.user",
        label: "SMTP user name",
        help: "From your provider's SMTP settings (Postmark: the server API token).",
        code: true,
      },
      {
        key: "smtp.password",
        label: "SMTP password",
        help: "From the same place as the user name.",
        kind: "secret",
        code: true,
      },
    ],
  },
  {
    type: "widget",
    label: "Website chat",
    blurb: "A chat box on your own site",
    intro: "A chat box for your website, added with one script tag. Visitors' messages arrive " +
      "here and your answers reach them live.",
    namePlaceholder: "Website chat",
    fields: [
      {
        key: "title",
        label: "Title",
        help: "Your business name, in the widget's header.",
        required: true,
        placeholder: "Linen & Oak",
      },
      {
        key: "allowedOrigins",
        label: "Sites allowed to show it",
        help: "One per line, scheme and host only: https://shop.example. * allows any site.",
        kind: "lines",
        required: true,
        placeholder: "https://shop.example",
        code: true,
      },
      {
        key: "greeting",
        label: "Greeting (optional)",
        help: "The first message a visitor sees, before anyone has written.",
        kind: "textarea",
        placeholder: "Hi! Ask us anything — we usually answer within minutes.",
      },
      {
        key: "colour",
        label: "Accent colour",
        help: "The widget's button and header colour.",
        kind: "colour",
        initial: "#4f46e5",
      },
      {
        key: "rateLimitPerMinute",
        label: "Messages a visitor may send a minute",
        help: "Stops floods from one visitor; 20 when empty.",
        kind: "number",
        placeholder: "20",
      },
    ],
  },
];

/** The kind of channel `type` is. */
export function channelKind(type: string): ChannelKind | undefined {
  return CHANNEL_KINDS.find((k) => k.type === type);
}
