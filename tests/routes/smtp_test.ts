import assert from "node:assert/strict";
import nodemailer from "nodemailer";
import { startFakeSmtp } from "../../connectors/email/fake.ts";
import { eventually, json, startTestApp } from "../helpers.ts";

Deno.test("mail sent to the built-in SMTP receiver lands in the inbox; the reply threads back over SMTP", async () => {
  const provider = await startFakeSmtp();
  const app = await startTestApp({ SMTP_PORT: "0" });
  try {
    const created = await json(
      await app.api("/api/channels", {
        body: {
          type: "email",
          name: "Support mail",
          config: {
            provider: "smtp",
            address: "support@shop.example",
            fromName: "Shop",
            smtp: { host: provider.host, port: provider.port, secure: false },
          },
        },
      }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const mta = nodemailer.createTransport({
      host: "127.0.0.1",
      port: app.services.smtpPort!,
      secure: false,
      ignoreTLS: true,
    });
    await mta.sendMail({
      from: '"Marta Quintero" <marta@client.example>',
      to: "support@shop.example",
      subject: "Wrong colour",
      text: "The duvet is grey, I ordered sage.",
      messageId: "<first@client.example>",
      attachments: [{ filename: "receipt.txt", content: "paid 42 EUR", contentType: "text/plain" }],
    });
    await assert.rejects(
      mta.sendMail({
        from: "x@client.example",
        to: "nobody@elsewhere.example",
        subject: "x",
        text: "x",
      }),
      /550/,
    );
    const client = await eventually(async () =>
      (await json(await app.api("/api/clients"))).body.items[0]
    );
    assert.equal(client.platformId, "marta@client.example");
    assert.equal(client.name, "Marta Quintero");
    const [mail] = (await json(await app.api(`/api/clients/${client.id}/messages`))).body.items;
    assert.equal(mail.text, "The duvet is grey, I ordered sage.");
    assert.equal(mail.subject, "Wrong colour");
    // The attachment's bytes were kept, and come back through the server.
    assert.equal(mail.attachments[0].fileName, "receipt.txt");
    assert.equal(mail.attachments[0].data, undefined, "no bytes in the message itself");
    const file = await app.api(`/api/clients/${client.id}/messages/${mail.id}/attachments/0`);
    assert.equal(file.status, 200);
    assert.equal(await file.text(), "paid 42 EUR");

    await (await app.api(`/api/clients/${client.id}/messages`, {
      body: { text: "Sorry! Sage is on its way." },
    }))
      .body?.cancel();
    const out = await provider.waitFor(() => true, 5_000);
    assert.deepEqual(out.rcptTo, ["marta@client.example"]);
    assert.equal(out.parsed.subject, "Re: Wrong colour");
    assert.equal(out.parsed.inReplyTo, "<first@client.example>");
    assert.ok([out.parsed.references ?? []].flat().includes("<first@client.example>"));
    mta.close();
  } finally {
    await app.close();
    await provider.close();
  }
});
