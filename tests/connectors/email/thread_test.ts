import assert from "node:assert/strict";
import nodemailer from "nodemailer";
import type { Inbound } from "../../../connectors/types.ts";
import { email } from "../../../connectors/email/mod.ts";
import { startFakeSmtp } from "../../../connectors/email/fake.ts";
import { mimeToInbound } from "../../../connectors/email/mime.ts";
import { routeMail, startSmtpReceiver } from "../../../connectors/email/receiver.ts";
import { client, emailChannel, reply } from "./samples.ts";

const API = { telegram: "", metaGraph: "", vk: "", viber: "" };

Deno.test("an e-mail thread round trip keeps one client and threads every message", async () => {
  const provider = await startFakeSmtp();
  const channel = emailChannel({
    provider: "smtp",
    smtp: { host: provider.host, port: provider.port, secure: false },
  });
  const inbox: Inbound[] = [];
  const rx = await startSmtpReceiver({
    port: 0,
    hostname: "127.0.0.1",
    accepts: (address) => routeMail([channel], { rcptTo: [address] }) !== null,
    async onMessage(raw, envelope) {
      const target = routeMail([channel], envelope);
      if (target) inbox.push(...await mimeToInbound(raw, target));
    },
  });
  const clientMailer = nodemailer.createTransport({
    host: "127.0.0.1",
    port: rx.port,
    secure: false,
  });
  try {
    // 1. The client writes in.
    await clientMailer.sendMail({
      from: '"Marta Quintero" <marta@client.example>',
      to: "support@shop.example",
      subject: "Where is my order?",
      text: "Order 1042 has not arrived.",
      messageId: "<A@mail.client.example>",
    });
    assert.equal(inbox.length, 1);
    const first = inbox[0];
    assert.equal(first.kind, "message");
    assert.equal(first.kind === "message" && first.externalId, "<A@mail.client.example>");

    // 2. We reply, threaded under A, as the dialog does: "Re:" the subject, answering A.
    assert.equal(first.kind === "message" && first.subject, "Where is my order?");
    const sent = await email.send(
      channel,
      client,
      reply("It ships today.", {
        subject: "Re: Where is my order?",
        inReplyTo: "<A@mail.client.example>",
        references: ["<A@mail.client.example>"],
      }),
      API,
    );
    assert.ok(sent.ok);
    const ours = sent.externalId;
    const out = (await provider.waitFor(() => true)).parsed;
    assert.equal(out.subject, "Re: Where is my order?");
    assert.equal(out.inReplyTo, "<A@mail.client.example>");
    assert.deepEqual([out.references ?? []].flat(), ["<A@mail.client.example>"]);
    assert.equal(out.messageId, ours);

    // 3. The client answers our e-mail from their mail program.
    await clientMailer.sendMail({
      from: '"Marta Quintero" <Marta@client.example>',
      to: "support@shop.example",
      subject: out.subject,
      text: `Great, thanks!\n\nOn Tue, Shop <support@shop.example> wrote:\n> It ships today.\n`,
      messageId: "<B@mail.client.example>",
      inReplyTo: ours,
      references: ["<A@mail.client.example>", ours],
    });
    assert.equal(inbox.length, 2);
    const second = inbox[1];
    assert.deepEqual(second.profile, first.profile, "the same client, so the same dialog");
    assert.equal(second.kind === "message" && second.text, "Great, thanks!");
    assert.equal(Reflect.get(second, "inReplyTo"), ours);
    assert.deepEqual(second.kind === "message" && second.references, [
      "<A@mail.client.example>",
      ours,
    ]);
  } finally {
    clientMailer.close();
    await rx.close();
    await provider.close();
  }
});
