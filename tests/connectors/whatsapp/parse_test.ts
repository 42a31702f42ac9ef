import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { Inbound } from "../../../connectors/types.ts";
import { parseWhatsApp } from "../../../connectors/whatsapp/parse.ts";
import {
  contact,
  PHONE_NUMBER_ID,
  waBody,
  waChange,
  waHook,
  waMessage,
  waStatus,
} from "./samples.ts";

const parse = (body: unknown) => parseWhatsApp(body).map((e) => Inbound.parse(e));
const NOA = {
  platformId: "972987654321",
  chatId: "972987654321",
  name: "Noa Levi",
  phone: "+972987654321",
};

Deno.test("a text message gives the client's profile name, phone and the text", () => {
  const [event] = parse(
    waHook({ contacts: [contact()], messages: [waMessage("text", { text: { body: "Hi!" } })] }),
  );
  assert.deepEqual(event, {
    kind: "message",
    updateKey: "wamid.HBgMOTcyOTg3NjU0MzIxFQIAEhgUM0FBRjQ5",
    externalId: "wamid.HBgMOTcyOTg3NjU0MzIxFQIAEhgUM0FBRjQ5",
    profile: NOA,
    at: "2023-10-11T16:56:19.000Z",
    text: "Hi!",
    attachments: [],
  });
});

Deno.test("media become attachments with WhatsApp's media id; a voice note is a voice", () => {
  const media = (type: string, content: Record<string, unknown>) =>
    parse(waHook({ contacts: [contact()], messages: [waMessage(type, { [type]: content })] }))[0];
  const image = media("image", { id: "65463453", mime_type: "image/jpeg", caption: "receipt" });
  assert.equal(image.kind === "message" && image.text, "receipt");
  assert.deepEqual(image.kind === "message" && image.attachments, [
    { type: "photo", fileId: "65463453", mimeType: "image/jpeg" },
  ]);
  const voice = media("audio", { id: "77", mime_type: "audio/ogg; codecs=opus", voice: true });
  assert.deepEqual(voice.kind === "message" && voice.attachments[0].type, "voice");
  const song = media("audio", { id: "78", mime_type: "audio/mpeg" });
  assert.deepEqual(song.kind === "message" && song.attachments[0].type, "audio");
  const doc = media("document", { id: "9", filename: "invoice.pdf", mime_type: "application/pdf" });
  assert.deepEqual(doc.kind === "message" && doc.attachments, [
    { type: "document", fileId: "9", fileName: "invoice.pdf", mimeType: "application/pdf" },
  ]);
  for (const type of ["video", "sticker"]) {
    const m = media(type, { id: "1", mime_type: "x/y" });
    assert.equal(m.kind === "message" && m.attachments[0].type, type);
  }
});

Deno.test("places and contact cards become location, venue and contact attachments", () => {
  const [pin, venue, cards] = parse(waHook({
    contacts: [contact()],
    messages: [
      waMessage("location", { location: { latitude: 32.0853, longitude: 34.7818 } }, "w1"),
      waMessage("location", {
        location: { latitude: "32.1", longitude: "34.8", name: "Shop", address: "1 Main St" },
      }, "w2"),
      waMessage("contacts", {
        contacts: [{
          name: { first_name: "Chandler", last_name: "Bing", formatted_name: "Chandler Bing" },
          phones: [{ phone: "+1 555-555-5555", type: "CELL" }],
        }, { name: { formatted_name: "Monica" }, phones: [] }],
      }, "w3"),
    ],
  }));
  assert.deepEqual(pin.kind === "message" && pin.attachments, [
    { type: "location", latitude: 32.0853, longitude: 34.7818 },
  ]);
  assert.deepEqual(venue.kind === "message" && venue.attachments, [
    { type: "venue", latitude: 32.1, longitude: 34.8, title: "Shop", address: "1 Main St" },
  ]);
  assert.deepEqual(cards.kind === "message" && cards.attachments, [
    { type: "contact", phone: "+1 555-555-5555", firstName: "Chandler", lastName: "Bing" },
    { type: "contact", firstName: "Monica" },
  ]);
});

Deno.test("reply buttons, list picks and template buttons are button presses", () => {
  const events = parse(waHook({
    contacts: [contact()],
    messages: [
      waMessage("interactive", {
        interactive: { type: "button_reply", button_reply: { id: "block:2", title: "Yes" } },
      }, "w1"),
      waMessage("interactive", {
        interactive: { type: "list_reply", list_reply: { id: "size:m", title: "Medium" } },
      }, "w2"),
      waMessage("button", { button: { payload: "STOP", text: "Stop promotions" } }, "w3"),
    ],
  }));
  assert.deepEqual(
    events.map((e) => e.kind === "button" && [e.updateKey, e.data, e.label]),
    [["w1", "block:2", "Yes"], ["w2", "size:m", "Medium"], ["w3", "STOP", "Stop promotions"]],
  );
});

Deno.test("a reaction names the message reacted to; an empty emoji takes it back", () => {
  const [on, off] = parse(waHook({
    contacts: [contact()],
    messages: [
      waMessage("reaction", { reaction: { message_id: "wamid.OURS", emoji: "👍" } }, "r1"),
      waMessage("reaction", { reaction: { message_id: "wamid.OURS" } }, "r2"),
    ],
  }));
  assert.deepEqual(on.kind === "reaction" && [on.externalId, on.emoji], ["wamid.OURS", "👍"]);
  assert.deepEqual(off.kind === "reaction" && [off.updateKey, off.emoji], ["r2", ""]);
});

Deno.test("an unsupported message still reaches the operator, with WhatsApp's reason", () => {
  const [event] = parse(waHook({
    contacts: [contact()],
    messages: [waMessage("unsupported", {
      errors: [{
        code: 131051,
        title: "Message type unknown",
        error_data: { details: "Message type is currently not supported." },
      }],
    })],
  }));
  assert.equal(event.kind, "message");
  assert.equal(
    event.kind === "message" && event.text,
    "[Unsupported WhatsApp message: Message type is currently not supported.]",
  );
  const system = waMessage("system", {
    system: { body: "changed number", type: "user_changed_number" },
  });
  assert.deepEqual(parse(waHook({ messages: [system] })), []);
});

Deno.test("statuses become receipts for our message id; a failure carries WhatsApp's reason", () => {
  const events = parse(waHook({
    contacts: [contact()],
    statuses: [
      waStatus("sent"),
      waStatus("delivered"),
      waStatus("read"),
      waStatus("failed", {
        errors: [{
          code: 131047,
          title: "Re-engagement message",
          message: "Re-engagement message",
          error_data: {
            details: "More than 24 hours have passed since the recipient last replied.",
          },
        }],
      }),
      waStatus("deleted"),
    ],
  }));
  assert.deepEqual(
    events.map((e) => e.kind === "status" && [e.updateKey, e.externalId, e.status]),
    [
      ["wamid.OUR-MESSAGE-1:sent", "wamid.OUR-MESSAGE-1", "sent"],
      ["wamid.OUR-MESSAGE-1:delivered", "wamid.OUR-MESSAGE-1", "delivered"],
      ["wamid.OUR-MESSAGE-1:read", "wamid.OUR-MESSAGE-1", "read"],
      ["wamid.OUR-MESSAGE-1:failed", "wamid.OUR-MESSAGE-1", "failed"],
    ],
  );
  const failed = events[3];
  assert.equal(
    failed.kind === "status" && failed.reason,
    "Re-engagement message: More than 24 hours have passed since the recipient last replied. (#131047)",
  );
  assert.deepEqual(events[0].profile, NOA);
});

Deno.test("a batch of entries, changes, messages and statuses is read whole and in order", () => {
  const ben = waChange({
    contacts: [contact("111", "Ana"), contact("222", "Ben")],
    messages: [
      waMessage("text", { text: { body: "from Ben" } }, "m1", "222"),
      waMessage("text", { text: { body: "from Ana" } }, "m2", "111"),
    ],
  });
  const third = waChange({
    messages: [waMessage("text", { text: { body: "3" } }, "m3", "4915112345678")],
  });
  const receipt = waChange({ statuses: [waStatus("delivered", { recipient_id: "11100000111" })] });
  const body = waBody(ben, third);
  body.entry.push(waBody(receipt).entry[0]);
  const events = parse(body);
  assert.deepEqual(events.map((e) => [e.kind, e.profile.name]), [
    ["message", "Ben"],
    ["message", "Ana"],
    ["message", "+4915112345678"],
    ["status", "+11100000111"],
  ]);
});

Deno.test("the same message delivered twice has the same update key", () => {
  const hook = waHook({
    contacts: [contact()],
    messages: [waMessage("text", { text: { body: "x" } })],
  });
  assert.equal(parse(hook)[0].updateKey, parse(structuredClone(hook))[0].updateKey);
});

Deno.test("numbers, missing times and odd items do not break the batch", () => {
  const now = new Date("2025-01-01T00:00:00.000Z");
  const events = parseWhatsApp(
    waHook({
      contacts: [{ wa_id: 972987654321, profile: null }],
      messages: [
        { from: 972987654321, id: "n1", type: "text", text: { body: "numeric ids" } },
        { id: "broken" },
        "nonsense",
      ],
    }),
    { now },
  );
  assert.equal(events.length, 1);
  assert.equal(events[0].profile.platformId, "972987654321");
  assert.equal(events[0].profile.name, "+972987654321");
  assert.equal(events[0].at, now.toISOString());
});

Deno.test("changes for another phone number of the same app, and other fields, are skipped", () => {
  const mine = waHook({ messages: [waMessage("text", { text: { body: "mine" } })] });
  const other = waHook({ messages: [waMessage("text", { text: { body: "other" } })] }, "999");
  assert.equal(parseWhatsApp(mine, { phoneNumberId: PHONE_NUMBER_ID }).length, 1);
  assert.equal(parseWhatsApp(other, { phoneNumberId: PHONE_NUMBER_ID }).length, 0);
  const template = {
    object: "whatsapp_business_account",
    entry: [{
      id: "1",
      changes: [{ field: "message_template_status_update", value: { event: "APPROVED" } }],
    }],
  };
  assert.deepEqual(parseWhatsApp(template), []);
  assert.deepEqual(parseWhatsApp({ object: "page", entry: [{ id: "1", messaging: [] }] }), []);
});

Deno.test("a body that is not a WhatsApp webhook is BadInput", () => {
  for (
    const body of [
      null,
      [],
      "text",
      5,
      {},
      { object: "whatsapp_business_account" },
      { entry: {} },
      { entry: [5] },
    ]
  ) {
    assert.throws(() => parseWhatsApp(body), BadInput, JSON.stringify(body));
  }
});
