import assert from "node:assert/strict";
import { Inbound } from "../../../connectors/types.ts";
import { mapSendError, ViberResponse } from "../../../connectors/viber/api.ts";
import { viber } from "../../../connectors/viber/mod.ts";
import { viberSignature } from "../../../connectors/viber/signature.ts";
import { exactToken } from "../../../connectors/viber/token.ts";
import { channel, TOKEN, VECTOR } from "./samples.ts";
import { exists, jsonFixtures, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("viber");
const responses = sharedFixtures("responses");

const EXPECTED: Record<string, Inbound["kind"][]> = {
  message: ["message", "button"],
  subscribed: ["botBlocked"],
  unsubscribed: ["botBlocked"],
  delivered: ["status"],
  seen: ["status"],
  failed: ["status"],
};

// The signed captures and the token each was signed with (fixtures README).
const SIGNED: Record<string, { token: string; signature: string }> = {
  "01-webhook-signed-raw.json": { token: VECTOR.token, signature: VECTOR.signature },
};

Deno.test({
  name: "every shared Viber fixture verifies and parses, keyed by its exact token",
  ignore: !exists(dir),
  async fn() {
    for (const name of jsonFixtures(dir)) {
      const rawBody = Deno.readFileSync(new URL(name, dir));
      const known = SIGNED[name];
      // Signed captures must verify as they are; the others are signed here, as Viber would.
      const token = known?.token ?? TOKEN;
      const signature = known?.signature ?? await viberSignature(token, rawBody);
      const own = { ...channel, config: { authToken: token } };
      const headers = new Headers({ "X-Viber-Content-Signature": signature });
      assert.equal(await viber.verify({ headers, rawBody }, own), true, name);
      const raw = new TextDecoder().decode(rawBody);
      const body = JSON.parse(raw);
      let items: Inbound[] = [];
      assert.doesNotThrow(() => (items = viber.parse(body, own, rawBody)), name);
      for (const item of items) Inbound.parse(item);
      const kinds = EXPECTED[body.event];
      if (kinds) {
        assert.ok(items.some((i) => kinds.includes(i.kind)), `${name} should give ${kinds}`);
        const exact = exactToken(raw, body.message_token);
        if (exact) {
          assert.ok(items.every((i) => i.updateKey.includes(exact)), `${name}: ${exact}`);
        }
      } else {
        assert.deepEqual(items, [], name);
      }
    }
  },
});

Deno.test({
  name: "Viber's shared API answers: the exact token of a sent message, badData as a failure",
  ignore: !exists(responses),
  fn() {
    const ok = Deno.readTextFileSync(new URL("viber-200-send-ok.json", responses));
    assert.equal(ViberResponse.parse(JSON.parse(ok)).status, 0);
    assert.equal(exactToken(ok, JSON.parse(ok).message_token), "4987381194038857789");
    const bad = Deno.readTextFileSync(new URL("viber-200-status3-baddata.json", responses));
    assert.deepEqual(mapSendError({ ...ViberResponse.parse(JSON.parse(bad)), httpStatus: 200 }), {
      ok: false,
      reason: "badData",
    });
  },
});
