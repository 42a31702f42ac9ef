import assert from "node:assert/strict";
import { type FakeSmtp, startFakeSmtp } from "../../../connectors/email/fake.ts";
import { eventually, json, startTestApp, type TestApp } from "../../helpers.ts";

const SMTP_AUTH = { user: "apikey", password: "smtp-pass-1" };
const MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

/** A Postmark inbound webhook body, as Postmark documents it. */
function postmark(
  messageId: string,
  text: string,
  extraHeaders: { Name: string; Value: string }[] = [],
) {
  return {
    From: "marta@client.example",
    FromName: "Marta Quintero",
    FromFull: { Email: "Marta@client.example", Name: "Marta Quintero", MailboxHash: "" },
    To: "support@shop.example",
    Subject: "Where is my order?",
    MessageID: crypto.randomUUID(),
    Date: new Date().toUTCString(),
    TextBody: text,
    HtmlBody: `<p>${text}</p>`,
    StrippedTextReply: "",
    Headers: [{ Name: "Message-ID", Value: messageId }, ...extraHeaders],
    Attachments: [],
  };
}

async function connect(app: TestApp, smtp: FakeSmtp, config: Record<string, unknown>) {
  const res = await json(
    await app.api("/api/channels", {
      body: {
        type: "email",
        name: "Shop support",
        config: {
          address: "support@shop.example",
          fromName: "Shop",
          smtp: { host: smtp.host, port: smtp.port, secure: false, ...SMTP_AUTH },
          ...config,
        },
      },
    }),
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; info: Record<string, unknown> };
}

function postWebhook(app: TestApp, id: string, body: unknown, password: string) {
  return fetch(`${app.base}/webhooks/email/${id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${btoa(`postmark:${password}`)}`,
    },
    body: JSON.stringify(body),
  });
}

async function clients(app: TestApp) {
  return (await json(await app.api("/api/clients"))).body.items;
}

async function messages(app: TestApp, clientId: string) {
  return (await json(await app.api(`/api/clients/${clientId}/messages`))).body.items;
}

Deno.test("a Postmark e-mail is stored once, answered by SMTP in its thread, and the reply threads back", async () => {
  const smtp = await startFakeSmtp({ auth: SMTP_AUTH });
  const app = await startTestApp();
  try {
    const channel = await connect(app, smtp, { provider: "postmark" });
    const secret = (await app.services.channels.get(channel.id))!.webhookSecret;
    assert.equal(
      channel.info.inboundWebhookUrl,
      `http://postmark:${secret}@localhost:8000/webhooks/email/${channel.id}`,
    );
    const first = postmark("<A@mail.client.example>", "Order 1042 has not arrived.");
    for (let i = 0; i < 2; i++) {
      const res = await postWebhook(app, channel.id, first, secret);
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const [client] = await clients(app);
    assert.equal(client.platformId, "marta@client.example");
    assert.equal(client.name, "Marta Quintero");
    const stored = await messages(app, client.id);
    assert.deepEqual(stored.map((m: { text: string }) => m.text), ["Order 1042 has not arrived."]);
    assert.equal(stored[0].subject, "Where is my order?");

    const sent = await json(
      await app.api(`/api/clients/${client.id}/messages`, { body: { text: "It ships today." } }),
    );
    assert.equal(sent.status, 202);
    const mail = await smtp.waitFor(() => true, 5_000);
    assert.deepEqual(mail.rcptTo, ["marta@client.example"]);
    assert.equal(mail.user, "apikey");
    assert.deepEqual(mail.parsed.from?.value, [{ address: "support@shop.example", name: "Shop" }]);
    assert.equal(mail.parsed.subject, "Re: Where is my order?");
    assert.equal(mail.parsed.text?.trim(), "It ships today.");
    assert.equal(mail.parsed.inReplyTo, "<A@mail.client.example>");
    const ours = mail.parsed.messageId!;
    const out = await eventually(async () => {
      const last = (await messages(app, client.id)).at(-1);
      return last.status === "sent" ? last : null;
    });
    assert.equal(out.externalId, ours);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(smtp.mails.length, 1, "the reply went out once");

    const answer = postmark("<B@mail.client.example>", "Great, thanks!", [
      { Name: "In-Reply-To", Value: ours },
      { Name: "References", Value: `<A@mail.client.example> ${ours}` },
    ]);
    const res = await postWebhook(
      app,
      channel.id,
      { ...answer, Subject: "Re: Where is my order?" },
      secret,
    );
    assert.equal(res.status, 200);
    await res.body?.cancel();
    assert.equal((await clients(app)).length, 1, "the same client");
    const thread = await messages(app, client.id);
    assert.deepEqual(thread.map((m: { text: string }) => m.text), [
      "Order 1042 has not arrived.",
      "It ships today.",
      "Great, thanks!",
    ]);
  } finally {
    await app.close();
    await smtp.close();
  }
});

Deno.test("a Postmark webhook with wrong or missing basic auth is 401 and stores nothing", async () => {
  const smtp = await startFakeSmtp({ auth: SMTP_AUTH });
  const app = await startTestApp();
  try {
    const channel = await connect(app, smtp, { provider: "postmark" });
    const body = postmark("<A@mail.client.example>", "hi");
    const wrong = await json(await postWebhook(app, channel.id, body, "not-the-secret"));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "bad_signature");
    const missing = await fetch(`${app.base}/webhooks/email/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(missing.status, 401);
    await missing.body?.cancel();
    assert.equal((await clients(app)).length, 0);
  } finally {
    await app.close();
    await smtp.close();
  }
});

Deno.test("a signed Mailgun route post is stored once; a bad signature is 401", async () => {
  const smtp = await startFakeSmtp({ auth: SMTP_AUTH });
  const app = await startTestApp();
  try {
    const channel = await connect(app, smtp, {
      provider: "mailgun",
      mailgunSigningKey: MAILGUN_KEY,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = crypto.randomUUID().replaceAll("-", "");
    const signature = await hmacHex(MAILGUN_KEY, timestamp + token);
    const fields = {
      recipient: "support@shop.example",
      sender: "bob@client.example",
      from: "Bob Stone <bob@client.example>",
      subject: "Return",
      "body-plain": "Can I return the blue one?",
      "stripped-text": "Can I return the blue one?",
      "Message-Id": "<mg-1@mail.client.example>",
      "message-headers": JSON.stringify([["Message-Id", "<mg-1@mail.client.example>"]]),
      timestamp,
      token,
      signature,
    };
    const post = (f: Record<string, string>) =>
      fetch(`${app.base}/webhooks/email/${channel.id}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(f).toString(),
      });
    const forged = await post({ ...fields, signature: "0".repeat(64) });
    assert.equal(forged.status, 401);
    await forged.body?.cancel();
    assert.equal((await clients(app)).length, 0);
    for (let i = 0; i < 2; i++) {
      const res = await post(fields);
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const [client] = await clients(app);
    assert.equal(client.platformId, "bob@client.example");
    assert.equal(client.name, "Bob Stone");
    assert.deepEqual((await messages(app, client.id)).map((m: { text: string }) => m.text), [
      "Can I return the blue one?",
    ]);
  } finally {
    await app.close();
    await smtp.close();
  }
});

Deno.test("connecting with SMTP settings the server refuses is a 400 with its reason", async () => {
  const smtp = await startFakeSmtp({ auth: SMTP_AUTH });
  const app = await startTestApp();
  try {
    const res = await json(
      await app.api("/api/channels", {
        body: {
          type: "email",
          name: "Shop support",
          config: {
            provider: "postmark",
            address: "support@shop.example",
            smtp: { host: smtp.host, port: smtp.port, user: "apikey", password: "wrong" },
          },
        },
      }),
    );
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /535 5\.7\.8 Authentication failed/);
    assert.equal((await json(await app.api("/api/channels"))).body.items.length, 0);
  } finally {
    await app.close();
    await smtp.close();
  }
});

async function hmacHex(key: string, data: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(data));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
