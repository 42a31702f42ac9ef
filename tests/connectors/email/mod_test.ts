import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import type { ApiBases } from "../../../connectors/types.ts";
import { email } from "../../../connectors/email/mod.ts";
import { startFakeSmtp } from "../../../connectors/email/fake.ts";
import { RETRY_NETWORK_MS, RETRY_TEMPORARY_MS } from "../../../connectors/email/smtp.ts";
import { client, emailChannel, reply } from "./samples.ts";

const API: ApiBases = { telegram: "", metaGraph: "", vk: "", viber: "" };
const WEBHOOK = "https://inbox.example.com/webhooks/email/ch_01";
const SECRET = "Zq3_w9-KfP0sLr7uXe2TbYh";
const AUTH = { user: "apikey", password: "smtp-pass-1" };

function smtpOf(fake: { host: string; port: number }) {
  return { host: fake.host, port: fake.port, secure: false, ...AUTH };
}

Deno.test("send hands the reply to the SMTP server, threaded under the client's e-mail", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  try {
    const channel = emailChannel({ smtp: smtpOf(smtp) });
    const outcome = await email.send(
      channel,
      client,
      reply("It ships today.", {
        subject: "Where is my order?",
        inReplyTo: "<CAE2kq1xYz@mail.client.example>",
        references: ["<first@mail.client.example>"],
      }),
      API,
    );
    assert.deepEqual(outcome, { ok: true, externalId: "<msg_01.ch_01@shop.example>" });
    assert.equal(smtp.mails.length, 1);
    const [mail] = smtp.mails;
    assert.equal(mail.user, "apikey");
    assert.equal(mail.mailFrom, "support@shop.example");
    assert.deepEqual(mail.rcptTo, ["marta@client.example"]);
    const p = mail.parsed;
    assert.deepEqual(p.from?.value, [{ address: "support@shop.example", name: "Shop" }]);
    assert.deepEqual([p.to ?? []].flat()[0].value, [
      { address: "marta@client.example", name: "Marta Quintero" },
    ]);
    assert.equal(p.subject, "Re: Where is my order?");
    assert.equal(p.text?.trim(), "It ships today.");
    assert.equal(p.messageId, "<msg_01.ch_01@shop.example>");
    assert.equal(p.inReplyTo, "<CAE2kq1xYz@mail.client.example>");
    assert.deepEqual(p.references, [
      "<first@mail.client.example>",
      "<CAE2kq1xYz@mail.client.example>",
    ]);
  } finally {
    await smtp.close();
  }
});

Deno.test("without a thread the subject is the default and no threading headers go out", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  try {
    const channel = emailChannel({ smtp: smtpOf(smtp) });
    const outcome = await email.send(
      channel,
      client,
      reply("Hello!", {}, { buttons: [{ text: "Yes", data: "y" }, { text: "No", data: "n" }] }),
      API,
    );
    assert.equal(outcome.ok, true);
    const p = smtp.mails[0].parsed;
    assert.equal(p.subject, "Message from Shop");
    assert.equal(p.inReplyTo, undefined);
    assert.equal(p.references, undefined);
    assert.equal(p.text?.trim(), "Hello!\n\n• Yes\n• No");
  } finally {
    await smtp.close();
  }
});

Deno.test("a subject that already starts with Re: gets no second one", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  try {
    const channel = emailChannel({ smtp: smtpOf(smtp) });
    await email.send(channel, client, reply("ok", { subject: "RE: Order 1042" }), API);
    assert.equal(smtp.mails[0].parsed.subject, "RE: Order 1042");
  } finally {
    await smtp.close();
  }
});

Deno.test("attachments with a public URL are fetched and attached", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  const files = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => new Response("%PDF-1.4 invoice", { headers: { "content-type": "application/pdf" } }),
  );
  try {
    const channel = emailChannel({ smtp: smtpOf(smtp) });
    const url = `http://127.0.0.1:${files.addr.port}/files/invoice.pdf`;
    const outcome = await email.send(
      channel,
      client,
      reply("Your invoice", {}, {
        attachments: [
          { type: "document", url, fileName: "invoice.pdf", mimeType: "application/pdf" },
          { type: "photo", fileId: "no-url" },
        ],
      }),
      API,
    );
    assert.equal(outcome.ok, true);
    const attached = smtp.mails[0].parsed.attachments;
    assert.equal(attached.length, 1);
    assert.equal(attached[0].filename, "invoice.pdf");
    assert.equal(attached[0].contentType, "application/pdf");
    assert.equal(attached[0].content.toString(), "%PDF-1.4 invoice");
  } finally {
    await files.shutdown();
    await smtp.close();
  }
});

Deno.test("SMTP answers map to outcomes: 4xx retries, 5xx fails with the server's text", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  try {
    const channel = emailChannel({ smtp: smtpOf(smtp) });
    const send = () => email.send(channel, client, reply("hi"), API);
    smtp.failNext("greylisted");
    assert.deepEqual(await send(), {
      ok: false,
      retryAfterMs: RETRY_TEMPORARY_MS,
      reason: "451 4.7.1 Greylisted, please try again in 300 seconds",
    });
    smtp.failNext("rateLimited");
    const limited = await send();
    assert.ok("retryAfterMs" in limited && limited.retryAfterMs === RETRY_TEMPORARY_MS);
    smtp.failNext("mailboxUnavailable");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "550 5.1.1 The email account that you tried to reach does not exist.",
    });
    smtp.failNext("rejectedContent");
    assert.deepEqual(await send(), { ok: false, reason: "554 5.7.1 Message rejected as spam" });
    smtp.failNext("badLogin");
    assert.deepEqual(await send(), {
      ok: false,
      reason: "535 5.7.8 Username and Password not accepted.",
    });
    assert.equal(smtp.mails.length, 0);
    assert.equal((await send()).ok, true);
  } finally {
    await smtp.close();
  }
});

Deno.test("an unreachable SMTP server is retried later", async () => {
  const smtp = await startFakeSmtp();
  await smtp.close();
  const channel = emailChannel({ smtp: { host: smtp.host, port: smtp.port, secure: false } });
  const outcome = await email.send(channel, client, reply("hi"), API);
  assert.ok("retryAfterMs" in outcome, JSON.stringify(outcome));
  assert.equal(outcome.retryAfterMs, RETRY_NETWORK_MS);
  assert.match(outcome.reason, /^Could not reach the SMTP server 127\.0\.0\.1:\d+: /);
});

Deno.test("send refuses an empty message and a channel without settings", async () => {
  const channel = emailChannel({ smtp: undefined });
  assert.deepEqual(await email.send(channel, client, reply("hi"), API), {
    ok: false,
    reason: "The channel has no valid e-mail settings",
  });
  assert.deepEqual(await email.send(emailChannel(), client, reply("  "), API), {
    ok: false,
    reason: "Nothing to send",
  });
});

Deno.test("connect checks the SMTP login and returns Postmark's webhook URL with basic auth", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  try {
    const { config, info } = await email.connect({
      config: {
        provider: "postmark",
        address: "Support@Shop.example",
        fromName: "Shop",
        smtp: { host: smtp.host, port: String(smtp.port), ...AUTH },
      },
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: API,
    });
    assert.deepEqual(config, {
      provider: "postmark",
      address: "support@shop.example",
      fromName: "Shop",
      smtp: { host: smtp.host, port: smtp.port, secure: false, ...AUTH },
      postmarkToken: SECRET,
    });
    assert.equal(
      info.inboundWebhookUrl,
      `https://postmark:${SECRET}@inbox.example.com/webhooks/email/ch_01`,
    );
    assert.equal(info.address, "support@shop.example");
  } finally {
    await smtp.close();
  }
});

Deno.test("connect for Mailgun needs the signing key and shows the route to create", async () => {
  const smtp = await startFakeSmtp();
  try {
    const base = {
      provider: "mailgun",
      address: "support@shop.example",
      smtp: { host: smtp.host, port: smtp.port },
    };
    await assert.rejects(
      email.connect({ config: base, webhookUrl: WEBHOOK, secret: SECRET, api: API }),
      (e: unknown) => e instanceof BadInput && /config\.mailgunSigningKey/.test(e.message),
    );
    const { config, info } = await email.connect({
      config: { ...base, mailgunSigningKey: "key-abc" },
      webhookUrl: WEBHOOK,
      secret: SECRET,
      api: API,
    });
    assert.equal(config.mailgunSigningKey, "key-abc");
    assert.equal(config.postmarkToken, undefined);
    assert.equal(info.inboundWebhookUrl, WEBHOOK);
    assert.match(String(info.setup), /forward\("https:\/\/inbox\.example\.com/);
  } finally {
    await smtp.close();
  }
});

Deno.test("connect names the bad field, and turns a refused login into BadInput", async () => {
  const smtp = await startFakeSmtp({ auth: AUTH });
  try {
    const connect = (config: unknown) =>
      email.connect({ config, webhookUrl: WEBHOOK, secret: SECRET, api: API });
    const cases: [unknown, RegExp][] = [
      [null, /config must be an object/],
      [{ provider: "sendgrid", address: "a@b.example", smtp: { host: "h" } }, /config\.provider/],
      [{ provider: "smtp", address: "nope", smtp: { host: "h" } }, /config\.address/],
      [{ provider: "smtp", address: "a@b.example" }, /config\.smtp/],
      [{ provider: "smtp", address: "a@b.example", smtp: { host: "" } }, /config\.smtp\.host/],
      [{ provider: "smtp", address: "a@b.example", smtp: { host: "h", port: 0 } }, /smtp\.port/],
    ];
    for (const [config, pattern] of cases) {
      await assert.rejects(
        connect(config),
        (e: unknown) => e instanceof BadInput && pattern.test(e.message),
        JSON.stringify(config),
      );
    }
    await assert.rejects(
      connect({
        provider: "smtp",
        address: "a@b.example",
        smtp: { host: smtp.host, port: smtp.port, user: "apikey", password: "wrong" },
      }),
      (e: unknown) =>
        e instanceof BadInput &&
        e.message === `The SMTP server 127.0.0.1:${smtp.port} refused the settings: ` +
            "535 5.7.8 Authentication failed",
    );
  } finally {
    await smtp.close();
  }
});
