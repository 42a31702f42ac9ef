import assert from "node:assert/strict";
import { Inbound } from "../../../connectors/types.ts";
import { mapSendError, sentId, VkResponse } from "../../../connectors/vk/api.ts";
import { buttonData, parseCallback } from "../../../connectors/vk/parse.ts";
import { vk } from "../../../connectors/vk/mod.ts";
import { channel } from "./samples.ts";
import { exists, jsonFixtures, record, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("vk");
const responses = sharedFixtures("responses");

/** The kind a callback must give at least one of, or null for types we ignore. */
function expectedKind(body: Record<string, unknown>): Inbound["kind"] | null {
  const object = record(body.object);
  const message = record(object?.message) ?? object;
  switch (body.type) {
    case "message_new": {
      const payload = typeof message?.payload === "string"
        ? message.payload
        : record(message?.payload);
      const isButton = buttonData(payload) !== null;
      return message?.out === 1 ? null : isButton ? "button" : "message";
    }
    case "message_edit":
      return message?.out === 1 ? null : "edited";
    case "message_event":
      return "button";
    case "message_allow":
    case "message_deny":
      return "botBlocked";
    case "message_read":
      return "receiptsUpTo";
    default:
      return null;
  }
}

Deno.test({
  name: "every shared VK fixture parses, verifies with its secret, and gives the right kind",
  ignore: !exists(dir),
  async fn() {
    for (const name of jsonFixtures(dir)) {
      const raw = Deno.readFileSync(new URL(name, dir));
      const body: unknown = JSON.parse(new TextDecoder().decode(raw));
      let items: Inbound[] = [];
      assert.doesNotThrow(() => (items = parseCallback(body)), name);
      for (const item of items) Inbound.parse(item);
      const callback = record(body);
      if (!callback) continue;
      const kind = expectedKind(callback);
      if (kind) {
        assert.ok(items.some((i) => i.kind === kind), `${name} should give a ${kind}`);
      }
      const own = {
        ...channel,
        config: {
          ...channel.config,
          ...(callback.group_id !== undefined ? { groupId: callback.group_id } : {}),
          ...(typeof callback.secret === "string" ? { secret: callback.secret } : {}),
        },
      };
      if (typeof callback.secret === "string" || callback.type === "confirmation") {
        assert.equal(await vk.verify({ headers: new Headers(), rawBody: raw }, own), true, name);
      }
      const answer = vk.answer!(body, own);
      assert.deepEqual(
        answer,
        { text: callback.type === "confirmation" ? "5e1f0c2a" : "ok" },
        name,
      );
    }
  },
});

Deno.test({
  name: "VK's shared API answers: an error inside HTTP 200 fails the send, a number is its id",
  ignore: !exists(responses),
  fn() {
    const read = (name: string) =>
      VkResponse.parse(JSON.parse(Deno.readTextFileSync(new URL(name, responses))));
    const auth = read("vk-200-but-error-auth.json");
    assert.ok(auth.error);
    assert.deepEqual(mapSendError(auth.error, 200), {
      ok: false,
      reason: "VK rejected the access token: User authorization failed",
    });
    assert.equal(sentId(read("vk-200-send-ok.json").response), "1");
  },
});
