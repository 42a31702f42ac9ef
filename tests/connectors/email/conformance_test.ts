import assert from "node:assert/strict";
import { Inbound } from "../../../connectors/types.ts";
import { parseEmailWebhook } from "../../../connectors/email/parse.ts";
import { verifyMailgunSignature } from "../../../connectors/email/verify.ts";
import { emailChannel } from "./samples.ts";
import { exists, jsonFixtures, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("email");

/** Whether a fixture carries an e-mail from someone (and so must give a message). */
function carriesMail(body: Record<string, unknown>): boolean {
  const full = body.FromFull;
  return typeof body.From === "string" || typeof body.sender === "string" ||
    typeof body.from === "string" ||
    (typeof full === "object" && full !== null && "Email" in full);
}

Deno.test({
  name: "every shared e-mail fixture parses, and those carrying mail give a message",
  ignore: !exists(dir),
  fn() {
    for (const name of jsonFixtures(dir)) {
      const body: Record<string, unknown> = JSON.parse(Deno.readTextFileSync(new URL(name, dir)));
      let items: Inbound[] = [];
      assert.doesNotThrow(() => (items = parseEmailWebhook(body, emailChannel())), name);
      for (const item of items) Inbound.parse(item);
      if (carriesMail(body)) {
        assert.ok(items.some((i) => i.kind === "message"), `${name} carries mail but gave none`);
      }
    }
  },
});

Deno.test({
  name: "the shared Mailgun signature fixture verifies with the README's key",
  ignore: !exists(new URL("03-mailgun-route-signature-fields.json", dir)),
  async fn() {
    const body = JSON.parse(
      Deno.readTextFileSync(new URL("03-mailgun-route-signature-fields.json", dir)),
    );
    const fields = {
      timestamp: String(body.timestamp),
      token: String(body.token),
      signature: String(body.signature),
    };
    const key = "tbsy84uSV1Kt3ZJZELY2TmShPRs91E3yL4tzf96297vBCkDWgL";
    // Recorded in 2018: only the freshness window is switched off, never the HMAC.
    assert.equal(await verifyMailgunSignature(fields, key, { maxAgeMs: Infinity }), true);
    assert.equal(await verifyMailgunSignature(fields, key), false, "stale when checked as live");
  },
});
