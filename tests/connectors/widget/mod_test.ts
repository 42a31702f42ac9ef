import assert from "node:assert/strict";
import { widget } from "../../../connectors/widget/mod.ts";
import {
  buttonEvent,
  messageEvent,
  receiptEvent,
  visitorProfile,
} from "../../../connectors/widget/inbound.ts";
import { Inbound } from "../../../connectors/types.ts";
import { BadInput } from "../../../errors.ts";
import type { Channel, Client, Message } from "../../../kv/records.ts";

const api = { telegram: "", metaGraph: "", vk: "", viber: "" };
const WEBHOOK = "https://inbox.example.com/webhooks/widget/01J0000000000000000000000A";
const VISITOR = "3f9a0c4e1b2d4f6a8c0e2a4c6e8a0b1c";

Deno.test("connect returns the normalised config and the embed snippet", async () => {
  const { config, info } = await widget.connect({
    config: { allowedOrigins: ["https://shop.example/"], title: "Acme" },
    webhookUrl: WEBHOOK,
    secret: "s",
    api,
  });
  assert.deepEqual(config.allowedOrigins, ["https://shop.example"]);
  assert.equal(
    info.embed,
    '<script src="https://inbox.example.com/widget/01J0000000000000000000000A.js" async></script>',
  );
  await assert.rejects(
    () => widget.connect({ config: { title: "Acme" }, webhookUrl: WEBHOOK, secret: "s", api }),
    BadInput,
  );
});

Deno.test("the generic webhook never verifies, and parses nothing", () => {
  const channel = { webhookSecret: "s" } as Channel;
  assert.equal(
    widget.verify({ headers: new Headers(), rawBody: new Uint8Array() }, channel),
    false,
  );
  assert.deepEqual(widget.parse({ text: "x" }, channel), []);
});

Deno.test("send needs no outside API: the message's own id is its receipt id", async () => {
  const outcome = await widget.send(
    {} as Channel,
    {} as Client,
    { id: "01J00000000000000000000CL1-7" } as Message,
    api,
  );
  assert.deepEqual(outcome, { ok: true, externalId: "01J00000000000000000000CL1-7" });
});

Deno.test("the visitor's details become the profile: name, e-mail or phone, language", () => {
  assert.deepEqual(visitorProfile(VISITOR), {
    platformId: VISITOR,
    chatId: VISITOR,
    name: "Website visitor 3F9A",
  });
  assert.deepEqual(
    visitorProfile(VISITOR, { name: " Ingrid ", contact: "Ingrid@Example.no", lang: "nb-NO" }),
    {
      platformId: VISITOR,
      chatId: VISITOR,
      name: "Ingrid",
      email: "ingrid@example.no",
      languageCode: "nb-NO",
    },
  );
  assert.equal(visitorProfile(VISITOR, { contact: "+47 912 34 567" }).phone, "+47 912 34 567");
  assert.equal(visitorProfile(VISITOR, { contact: "call me" }).phone, undefined);
  assert.equal(visitorProfile(VISITOR, { lang: "<script>" }).languageCode, undefined);
});

Deno.test("widget events are valid Inbound events with stable update keys", () => {
  const profile = visitorProfile(VISITOR);
  const at = new Date("2025-03-01T12:00:00Z");
  const m = messageEvent(profile, "ref_0001", "Hi", [], at);
  const b = buttonEvent(profile, "ref_0002", "block:2", "Yes", at);
  const r = receiptEvent(profile, "01J00000000000000000000CL1-7", "read", at);
  for (const e of [m, b, r]) assert.ok(Inbound.safeParse(e).success, JSON.stringify(e));
  assert.equal(m.updateKey, `m:${VISITOR}:ref_0001`);
  assert.equal(messageEvent(profile, "ref_0001", "Hi (retry)", [], at).updateKey, m.updateKey);
  assert.equal(r.updateKey, "01J00000000000000000000CL1-7:read");
});
