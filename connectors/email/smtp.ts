import nodemailer from "nodemailer";
import { BadInput } from "../../errors.ts";
import type { SendOutcome } from "../types.ts";
import { errorText } from "../http.ts";
import type { SmtpSettings } from "./schema.ts";

/** Retry delay after a temporary SMTP refusal (4xx: greylisting, a full queue, rate limits). */
export const RETRY_TEMPORARY_MS = 60_000;
/** Retry delay after the SMTP server could not be reached or hung up. */
export const RETRY_NETWORK_MS = 10_000;

/** One e-mail to hand to the SMTP server. */
export interface OutgoingEmail {
  from: { name: string; address: string };
  to: { name?: string; address: string };
  subject: string;
  text: string;
  /** Our Message-ID, as `<id@host>`: the client's reply will name it in In-Reply-To. */
  messageId: string;
  inReplyTo?: string;
  references: string[];
  /** Files the SMTP client fetches from a public URL and attaches. */
  attachments: { href: string; filename?: string; contentType?: string }[];
}

// Delivery gives a send 12 s; a hung server must fail before that so the retry is ours.
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 9_000 };

/** An SMTP transport for the channel's settings; one connection per e-mail, closed after it. */
export function smtpTransport(smtp: SmtpSettings) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    ...TIMEOUTS,
  });
}

/**
 * Sends one e-mail through the SMTP server. Never throws: SMTP answers map to an outcome.
 *
 * @example
 * ```ts
 * const outcome = await sendEmail(smtp, { from, to, subject: "Re: Order", text: "Hi", messageId, references: [], attachments: [] });
 * ```
 */
export async function sendEmail(smtp: SmtpSettings, mail: OutgoingEmail): Promise<SendOutcome> {
  const transport = smtpTransport(smtp);
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references.length ? { references: mail.references } : {}),
      attachments: mail.attachments,
    });
    return { ok: true, externalId: mail.messageId };
  } catch (err) {
    return mapSmtpError(err, smtp);
  } finally {
    transport.close();
  }
}

/** Checks the SMTP settings by connecting (and logging in, with a user); throws BadInput. */
export async function verifySmtp(smtp: SmtpSettings): Promise<void> {
  const transport = smtpTransport(smtp);
  try {
    await transport.verify();
  } catch (err) {
    const { response, message } = smtpError(err);
    throw new BadInput(
      `The SMTP server ${smtp.host}:${smtp.port} refused the settings: ${response || message}`,
    );
  } finally {
    transport.close();
  }
}

/**
 * Maps a failed SMTP exchange to what delivery should do: a 4xx reply or a lost connection is
 * retried, a 5xx reply (550 mailbox unavailable, 535 bad login, …) fails with the server's text.
 */
export function mapSmtpError(
  err: unknown,
  smtp?: Pick<SmtpSettings, "host" | "port">,
): SendOutcome {
  const { code, responseCode, response, message } = smtpError(err);
  const reason = response || message;
  if (responseCode >= 400 && responseCode < 500) {
    return { ok: false, retryAfterMs: RETRY_TEMPORARY_MS, reason };
  }
  if (responseCode >= 500) return { ok: false, reason };
  // Without an SMTP reply the server was not reached, or dropped us, or a file would not fetch.
  if (code === "EAUTH" || code === "EENVELOPE" || code === "EMESSAGE") {
    return { ok: false, reason };
  }
  const where = smtp ? ` ${smtp.host}:${smtp.port}` : "";
  return {
    ok: false,
    retryAfterMs: RETRY_NETWORK_MS,
    reason: `Could not reach the SMTP server${where}: ${reason}`,
  };
}

/** The fields nodemailer puts on its errors, read without trusting their types. */
function smtpError(err: unknown) {
  const fields: Record<string, unknown> = typeof err === "object" && err !== null
    ? Object.fromEntries(Object.entries(err))
    : {};
  const text = (v: unknown) => typeof v === "string" ? v.trim() : "";
  return {
    code: text(fields.code),
    responseCode: typeof fields.responseCode === "number" ? fields.responseCode : 0,
    response: text(fields.response),
    message: errorText(err),
  };
}
