import { BadInput } from "../../errors.ts";
import type { Channel, Message } from "../../kv/records.ts";
import type { Connector, SendOutcome } from "../types.ts";
import { parseEmailWebhook } from "./parse.ts";
import { EmailConfig } from "./schema.ts";
import { sendEmail, verifySmtp } from "./smtp.ts";
import { messageId, messageIds } from "./text.ts";
import {
  mailgunSignatureOf,
  POSTMARK_USER,
  verifyMailgunSignature,
  verifyPostmarkAuth,
} from "./verify.ts";

export { emailToInbound, fromMailgun, fromPostmark, type InboundEmail } from "./parse.ts";
export { mimeToInbound, parseMime } from "./mime.ts";
export { routeMail, type SmtpEnvelope, startSmtpReceiver } from "./receiver.ts";

/** Reads a channel's stored e-mail settings, or null when they are unusable. */
export function emailConfigOf(channel: Channel): EmailConfig | null {
  const parsed = EmailConfig.safeParse(channel.config);
  return parsed.success ? parsed.data : null;
}

/** The e-mail connector: Postmark or Mailgun inbound webhooks, or our SMTP receiver; SMTP out. */
export const email: Connector = {
  type: "email",

  async connect({ config, webhookUrl, secret }) {
    const parsed = EmailConfig.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = `config.${issue.path.join(".")}`;
      throw new BadInput(
        issue.message.startsWith("config") ? issue.message : `${field}: ${issue.message}`,
      );
    }
    const settings = parsed.data;
    await verifySmtp(settings.smtp);
    const stored: EmailConfig = settings.provider === "postmark"
      ? { ...settings, postmarkToken: settings.postmarkToken ?? secret }
      : settings;
    return { config: stored, info: connectInfo(stored, webhookUrl) };
  },

  async verify({ headers, rawBody }, channel) {
    const config = emailConfigOf(channel);
    if (!config) return false;
    if (config.provider === "postmark") {
      return verifyPostmarkAuth(headers, config.postmarkToken ?? channel.webhookSecret);
    }
    if (config.provider === "mailgun" && config.mailgunSigningKey) {
      const fields = await mailgunSignatureOf(rawBody, headers.get("content-type") ?? "");
      return fields !== null && await verifyMailgunSignature(fields, config.mailgunSigningKey);
    }
    // Provider "smtp" receives through the built-in SMTP receiver, never through the webhook.
    return false;
  },

  parse(body, channel) {
    return parseEmailWebhook(body, channel);
  },

  send(channel, client, message): Promise<SendOutcome> {
    const config = emailConfigOf(channel);
    if (!config) {
      return Promise.resolve({ ok: false, reason: "The channel has no valid e-mail settings" });
    }
    const files = message.attachments.filter((a) => a.url);
    const buttons = (message.buttons ?? []).map((b) => `• ${b.text}`);
    const text = [message.text.trim(), buttons.join("\n")].filter(Boolean).join("\n\n");
    if (!text && files.length === 0) {
      return Promise.resolve({ ok: false, reason: "Nothing to send" });
    }
    const thread = threadOf(message);
    const fromName = config.fromName || channel.name;
    return sendEmail(config.smtp, {
      from: { name: fromName, address: config.address },
      to: client.name && client.name.toLowerCase() !== client.chatId.toLowerCase()
        ? { name: client.name, address: client.chatId }
        : { address: client.chatId },
      subject: thread.subject
        ? (/^re:/i.test(thread.subject) ? thread.subject : `Re: ${thread.subject}`)
        : `Message from ${fromName}`,
      text,
      messageId: ourMessageId(message, channel, config.address),
      inReplyTo: thread.inReplyTo,
      references: thread.references,
      attachments: files.map((a) => ({
        href: a.url!,
        ...(a.fileName ? { filename: a.fileName } : {}),
        ...(a.mimeType ? { contentType: a.mimeType } : {}),
      })),
    });
  },
};

/** The thread the dialog put on the message: the subject and the Message-IDs it answers. */
function threadOf(message: Message) {
  const subject = message.subject?.trim() ?? "";
  const inReplyTo = messageId(message.inReplyTo);
  const given = (message.references ?? []).flatMap(messageIds);
  // References ends with the message replied to (RFC 5322 3.6.4).
  const references = inReplyTo ? [...given.filter((r) => r !== inReplyTo), inReplyTo] : given;
  return { subject, inReplyTo, references };
}

/** Our Message-ID for a message: the same on every retry, so a resend cannot thread twice. */
function ourMessageId(message: Message, channel: Channel, address: string): string {
  const domain = address.slice(address.lastIndexOf("@") + 1) || "switchboard.invalid";
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "-");
  return `<${safe(message.id)}.${safe(channel.id)}@${domain}>`;
}

function connectInfo(config: EmailConfig, webhookUrl: string): Record<string, unknown> {
  const base = {
    provider: config.provider,
    address: config.address,
    fromName: config.fromName,
    smtpHost: `${config.smtp.host}:${config.smtp.port}`,
  };
  if (config.provider === "postmark") {
    const url = new URL(webhookUrl);
    url.username = POSTMARK_USER;
    url.password = config.postmarkToken ?? "";
    return {
      ...base,
      inboundWebhookUrl: url.toString(),
      setup: "Postmark: Servers → your server → Inbound stream → Settings → Webhook URL.",
    };
  }
  if (config.provider === "mailgun") {
    return {
      ...base,
      inboundWebhookUrl: webhookUrl,
      setup: `Mailgun: Receiving → Create route → match_recipient("${config.address}") → ` +
        `forward("${webhookUrl}").`,
    };
  }
  return {
    ...base,
    smtpInboundPort: config.smtpInbound?.port,
    setup: `Point the MX record of ${
      config.address.split("@")[1]
    } at this server; the built-in SMTP receiver takes mail for ${config.address}.`,
  };
}
