import { z } from "zod";

const PORT = "config.smtp.port must be a port number from 1 to 65535 (587, 465 or 25)";

/** The SMTP server our replies go out through (the provider's, or the business's own). */
export const SmtpSettings = z.object({
  host: z.string().trim().min(1, "config.smtp.host is required: your mail provider's SMTP server"),
  port: z.coerce.number({ error: PORT }).int(PORT).min(1, PORT).max(65535, PORT).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().optional(),
  user: z.string().optional(),
  password: z.string().optional(),
}, {
  error: "config.smtp is required: the SMTP server replies go out through " +
    "({ host, port, secure, user, password })",
}).transform((s) => ({ ...s, secure: s.secure ?? s.port === 465 }));
export type SmtpSettings = z.infer<typeof SmtpSettings>;

/** A channel's e-mail settings: the inbox address, how mail reaches us, and how replies leave. */
export const EmailConfig = z.object({
  provider: z.enum(["postmark", "mailgun", "smtp"], {
    error: 'config.provider must be "postmark", "mailgun" or "smtp"',
  }),
  /** The inbox address clients write to, e.g. support@shop.example. */
  address: z.email("config.address must be the e-mail address clients write to").transform((a) =>
    a.toLowerCase()
  ),
  fromName: z.string().trim().max(200).optional(),
  smtp: SmtpSettings,
  /** Mailgun's HTTP webhook signing key, which signs every route forward. */
  mailgunSigningKey: z.string().trim().min(1).optional(),
  /** The basic-auth password Postmark must put on the inbound webhook URL. */
  postmarkToken: z.string().min(1).optional(),
  /** The port of the built-in SMTP receiver, for provider "smtp". */
  smtpInbound: z.object({ port: z.coerce.number().int().min(0).max(65535) }).optional(),
}, {
  error: "config must be an object: { provider, address, fromName, smtp: { host, port, … } }",
}).superRefine((c, ctx) => {
  if (c.provider === "mailgun" && !c.mailgunSigningKey) {
    ctx.addIssue({
      code: "custom",
      path: ["mailgunSigningKey"],
      message: "config.mailgunSigningKey is required for Mailgun: the HTTP webhook signing key",
    });
  }
});
export type EmailConfig = z.infer<typeof EmailConfig>;

/** A string field that may be missing, null or of another type in a capture: all read as absent. */
const str = z.string().optional().catch(undefined);

/** A Postmark inbound webhook body (only the fields we read; Postmark sends many more). */
export const PostmarkInbound = z.looseObject({
  From: str,
  FromName: str,
  FromFull: z.looseObject({ Email: str, Name: str }).nullish().catch(undefined),
  Subject: str,
  TextBody: str,
  HtmlBody: str,
  StrippedTextReply: str,
  MessageID: str,
  Date: str,
  Headers: z.array(z.looseObject({ Name: str, Value: str })).nullish().catch(undefined),
  Attachments: z.array(z.looseObject({
    Name: str,
    ContentType: str,
    Content: str,
    ContentLength: z.number().optional().catch(undefined),
  })).nullish().catch(undefined),
});
export type PostmarkInbound = z.infer<typeof PostmarkInbound>;

/** True for a body shaped like Postmark's inbound JSON. */
export function isPostmark(body: Record<string, unknown>): boolean {
  return ["FromFull", "MessageID", "TextBody", "HtmlBody", "StrippedTextReply"].some((k) =>
    k in body
  );
}

/** True for the fields of a Mailgun route forward (or its signature fields alone). */
export function isMailgun(body: Record<string, unknown>): boolean {
  return ["sender", "body-plain", "stripped-text", "message-headers", "signature", "token"].some(
    (k) => k in body,
  );
}
