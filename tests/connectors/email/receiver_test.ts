import assert from "node:assert/strict";
import nodemailer from "nodemailer";
import { mimeToInbound } from "../../../connectors/email/mime.ts";
import {
  routeMail,
  type SmtpEnvelope,
  startSmtpReceiver,
} from "../../../connectors/email/receiver.ts";
import { emailChannel } from "./samples.ts";

const channel = emailChannel({ provider: "smtp" });

async function receiver(onMessage?: (raw: Uint8Array, env: SmtpEnvelope) => void | Promise<void>) {
  const got: { raw: Uint8Array; envelope: SmtpEnvelope }[] = [];
  const rx = await startSmtpReceiver({
    port: 0,
    hostname: "127.0.0.1",
    maxSize: 64 * 1024,
    accepts: (address) => routeMail([channel], { rcptTo: [address] }) !== null,
    onMessage: onMessage ?? ((raw, envelope) => void got.push({ raw, envelope })),
  });
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: rx.port, secure: false });
  return {
    got,
    transport,
    async close() {
      transport.close();
      await rx.close();
    },
  };
}

Deno.test("mail sent into the receiver becomes an inbound message for the channel", async () => {
  const rx = await receiver();
  try {
    const info = await rx.transport.sendMail({
      from: '"Marta Quintero" <Marta@Client.example>',
      to: "support+orders@shop.example",
      subject: "Where is my order?",
      text: "Hi, order 1042 has not arrived.",
      messageId: "<first@mail.client.example>",
    });
    assert.match(info.response, /^250 /);
    assert.equal(rx.got.length, 1);
    const { raw, envelope } = rx.got[0];
    assert.deepEqual(envelope.rcptTo, ["support+orders@shop.example"]);
    assert.equal(envelope.mailFrom?.toLowerCase(), "marta@client.example");
    assert.equal(routeMail([channel], envelope), channel);
    const [item] = await mimeToInbound(raw, channel);
    assert.equal(item.kind, "message");
    assert.deepEqual(item.profile, {
      platformId: "marta@client.example",
      chatId: "marta@client.example",
      name: "Marta Quintero",
      email: "marta@client.example",
    });
    assert.equal(item.updateKey, "<first@mail.client.example>");
    assert.equal(item.kind === "message" && item.text, "Hi, order 1042 has not arrived.");
    assert.equal(item.kind === "message" && item.subject, "Where is my order?");
  } finally {
    await rx.close();
  }
});

Deno.test("mail for an address that is not ours is refused with 550 and not stored", async () => {
  const rx = await receiver();
  try {
    await assert.rejects(
      rx.transport.sendMail({ from: "a@b.example", to: "sales@shop.example", text: "hi" }),
      (e: unknown) =>
        e instanceof Error && Reflect.get(e, "responseCode") === 550 &&
        /no such mailbox/.test(String(Reflect.get(e, "response"))),
    );
    assert.equal(rx.got.length, 0);
  } finally {
    await rx.close();
  }
});

Deno.test("a store that fails answers 451 so the sender tries again", async () => {
  const rx = await receiver(() => {
    throw new Error("KV is down");
  });
  const error = console.error;
  console.error = () => {};
  try {
    await assert.rejects(
      rx.transport.sendMail({ from: "a@b.example", to: "support@shop.example", text: "hi" }),
      (e: unknown) => e instanceof Error && Reflect.get(e, "responseCode") === 451,
    );
  } finally {
    console.error = error;
    await rx.close();
  }
});

Deno.test("a message over the size limit is refused with 552", async () => {
  const rx = await receiver();
  try {
    await assert.rejects(
      rx.transport.sendMail({
        from: "a@b.example",
        to: "support@shop.example",
        text: "x".repeat(100 * 1024),
      }),
      (e: unknown) => e instanceof Error && Reflect.get(e, "responseCode") === 552,
    );
    assert.equal(rx.got.length, 0);
  } finally {
    await rx.close();
  }
});

Deno.test("routeMail picks the e-mail channel whose address is a recipient, ignoring case and +tags", () => {
  const a = emailChannel({ address: "support@shop.example" });
  const b = { ...emailChannel({ address: "sales@shop.example" }), id: "ch_02" };
  const tg = { ...emailChannel({ address: "sales@shop.example" }), type: "telegram" as const };
  const channels = [tg, a, b];
  assert.equal(routeMail(channels, { rcptTo: ["SALES+x@Shop.Example"] }), b);
  assert.equal(routeMail(channels, { rcptTo: ["other@shop.example", "support@shop.example"] }), a);
  assert.equal(routeMail(channels, { rcptTo: ["support@shop.example.evil"] }), null);
  assert.equal(routeMail(channels, { rcptTo: [] }), null);
});
