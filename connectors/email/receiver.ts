import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

/** Who an e-mail came from and to, as the sending server said in the SMTP dialogue. */
export interface SmtpEnvelope {
  /** The MAIL FROM address (null for a bounce, sent with `MAIL FROM:<>`). */
  mailFrom: string | null;
  /** Every accepted RCPT TO address, lower-cased. */
  rcptTo: string[];
  remoteAddress?: string;
}

/** Settings of the built-in SMTP receiver. */
export interface SmtpReceiverOptions {
  /** The port to listen on (25 in production; 0 picks a free one). */
  port: number;
  hostname?: string;
  /** Whether mail for this address is ours: other recipients are refused with 550. */
  accepts(address: string): boolean | Promise<boolean>;
  /** Stores one received e-mail; the sender gets 250 only once this resolves, 451 if it throws. */
  onMessage(raw: Uint8Array, envelope: SmtpEnvelope): void | Promise<void>;
  /** A certificate to offer STARTTLS with; without one STARTTLS is not offered. */
  tls?: { key: string; cert: string };
  /** The largest message accepted, in bytes (25 MB). */
  maxSize?: number;
  /** The host name in the greeting. */
  name?: string;
}

/** A running SMTP receiver. */
export interface SmtpReceiver {
  port: number;
  hostname: string;
  close(): Promise<void>;
}

/** The largest e-mail the receiver takes, as the webhooks do. */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

/**
 * Starts an SMTP server that takes mail for our inbox addresses only, without authentication,
 * as an MX does. Each e-mail is answered only after `onMessage` has stored it.
 *
 * @example
 * ```ts
 * const rx = await startSmtpReceiver({ port: 2525, accepts: (a) => a === "support@shop.example", onMessage });
 * await rx.close();
 * ```
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const maxSize = options.maxSize ?? MAX_EMAIL_BYTES;
  const hostname = options.hostname ?? "0.0.0.0";
  const server = new SMTPServer({
    name: options.name,
    banner: "Switchboard",
    authOptional: true,
    disabledCommands: options.tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    size: maxSize,
    logger: false,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      const rcpt = address.address.toLowerCase();
      Promise.resolve()
        .then(() => options.accepts(rcpt))
        .then(
          (ok) => callback(ok ? null : smtpError(550, `5.1.1 <${rcpt}>: no such mailbox here`)),
          (err) => {
            console.error(`smtp receiver: checking recipient ${rcpt} failed`, err);
            callback(smtpError(451, "4.3.0 Cannot check the recipient now, try again later"));
          },
        );
    },
    onData(stream, session, callback) {
      const envelope: SmtpEnvelope = {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null,
        rcptTo: session.envelope.rcptTo.map((a) => a.address.toLowerCase()),
        remoteAddress: session.remoteAddress,
      };
      readAll(stream, maxSize)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, "5.3.4 Message too big"));
          await options.onMessage(raw, envelope);
          callback();
        })
        .catch((err) => {
          console.error(
            `smtp receiver: storing mail from ${envelope.mailFrom} to ${envelope.rcptTo} failed`,
            err,
          );
          callback(smtpError(451, "4.3.0 Could not store the message, try again later"));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A failing connection must not bring the process down; smtp-server reports it here.
  server.on("error", (err) => console.error("smtp receiver:", err));
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    hostname,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Reads the message; null when it went over `maxSize` (the rest is drained, not kept). */
async function readAll(stream: SMTPServerDataStream, maxSize: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes: Uint8Array = chunk;
    size += bytes.length;
    if (size <= maxSize) chunks.push(bytes);
  }
  if (stream.sizeExceeded || size > maxSize) return null;
  const raw = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    raw.set(c, at);
    at += c.length;
  }
  return raw;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The part of a channel routing needs. */
export interface RoutableChannel {
  type: string;
  config: Record<string, unknown>;
}

/**
 * The e-mail channel a received e-mail belongs to: the first whose address is a recipient,
 * ignoring case and a `+tag` (`support+order42@shop.example` reaches `support@shop.example`).
 */
export function routeMail<C extends RoutableChannel>(
  channels: readonly C[],
  envelope: Pick<SmtpEnvelope, "rcptTo">,
): C | null {
  for (const rcpt of envelope.rcptTo) {
    const wanted = baseAddress(rcpt);
    const hit = channels.find((c) =>
      c.type === "email" && typeof c.config.address === "string" &&
      baseAddress(c.config.address) === wanted
    );
    if (hit) return hit;
  }
  return null;
}

/** An address without its `+tag`, lower-cased. */
function baseAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 0) return lower;
  return lower.slice(0, at).replace(/\+.*$/, "") + lower.slice(at);
}
