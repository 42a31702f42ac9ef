import { Buffer } from "node:buffer";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { CallLog } from "../fake_log.ts";

/** One e-mail the fake SMTP server accepted. */
export interface FakeMail {
  mailFrom: string;
  rcptTo: string[];
  /** The user that logged in, if any. */
  user?: string;
  raw: Uint8Array;
  /** The message as mailparser reads it: headers, subject, text, attachments. */
  parsed: ParsedMail;
  /** When the message was accepted, in epoch milliseconds. */
  at: number;
}

/** Where in the SMTP dialogue a programmed failure answers. */
export type FakeStage = "auth" | "mail" | "rcpt" | "data";

/** Failures real SMTP servers give, by name, with their real reply texts. */
export const SMTP_FAILURES = {
  mailboxUnavailable: {
    stage: "rcpt",
    code: 550,
    text: "5.1.1 The email account that you tried to reach does not exist.",
  },
  mailboxFull: { stage: "rcpt", code: 552, text: "5.2.2 The email account is over quota." },
  greylisted: {
    stage: "rcpt",
    code: 451,
    text: "4.7.1 Greylisted, please try again in 300 seconds",
  },
  rateLimited: { stage: "mail", code: 421, text: "4.7.0 Try again later, closing connection." },
  badLogin: {
    stage: "auth",
    code: 535,
    text: "5.7.8 Username and Password not accepted.",
  },
  rejectedContent: { stage: "data", code: 554, text: "5.7.1 Message rejected as spam" },
} as const satisfies Record<string, { stage: FakeStage; code: number; text: string }>;
export type FakeFailure = keyof typeof SMTP_FAILURES;

/** A running fake SMTP server: the "provider" our outbound mail goes to in tests. */
export interface FakeSmtp {
  host: string;
  port: number;
  mails: FakeMail[];
  /** Makes the next `times` dialogues fail the named way. */
  failNext(failure: FakeFailure, times?: number): void;
  /** Resolves with the first mail, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (mail: FakeMail) => boolean, timeoutMs?: number): Promise<FakeMail>;
  close(): Promise<void>;
}

/**
 * Starts a real SMTP server (smtp-server) on 127.0.0.1 that records what it is sent. With `auth`
 * it demands that login, as a provider's submission port does.
 *
 * @example
 * ```ts
 * const smtp = await startFakeSmtp({ auth: { user: "apikey", password: "s3cret" } });
 * smtp.failNext("greylisted");
 * await smtp.close();
 * ```
 */
export async function startFakeSmtp(
  options: { auth?: { user: string; password: string } } = {},
): Promise<FakeSmtp> {
  const log = new CallLog<FakeMail>("e-mail");
  const queued: { stage: FakeStage; code: number; text: string }[] = [];
  const failAt = (stage: FakeStage): Error | null => {
    if (queued[0]?.stage !== stage) return null;
    const { code, text } = queued.shift()!;
    return Object.assign(new Error(text), { responseCode: code });
  };

  const server = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      const failure = failAt("auth");
      const ok = options.auth && auth.username === options.auth.user &&
        auth.password === options.auth.password;
      if (failure || !ok) {
        return callback(
          failure ?? Object.assign(new Error("5.7.8 Authentication failed"), {
            responseCode: 535,
          }),
        );
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      callback(failAt("mail"));
    },
    onRcptTo(_address, _session, callback) {
      callback(failAt("rcpt"));
    },
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (c: Uint8Array) => chunks.push(c));
      stream.on("end", async () => {
        const failure = failAt("data");
        if (failure) return callback(failure);
        const raw = new Uint8Array(Buffer.concat(chunks));
        const mail: FakeMail = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          ...(typeof session.user === "string" ? { user: session.user } : {}),
          raw,
          parsed: await simpleParser(Buffer.from(raw), { keepCidLinks: true }),
          at: performance.timeOrigin + performance.now(),
        };
        log.record(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  return {
    host: "127.0.0.1",
    port: typeof address === "object" && address ? address.port : 0,
    mails: log.calls,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) queued.push(SMTP_FAILURES[failure]);
    },
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
