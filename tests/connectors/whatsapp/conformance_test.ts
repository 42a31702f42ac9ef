import assert from "node:assert/strict";
import { verifySignature } from "../../../connectors/meta/signature.ts";
import { Inbound } from "../../../connectors/types.ts";
import { parseWhatsApp } from "../../../connectors/whatsapp/parse.ts";
import { exists, get, jsonFixtures, list, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("whatsapp");

/** The signature vectors the fixtures README gives for `*-raw.json` files. */
const SIGNED: Record<string, { key: string; header: string }> = {
  "01-text-signed-raw.json": {
    key: "1222e786b144d0e85b9f365372d93676",
    header: "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441",
  },
};

function text(value: unknown, key: string): string {
  const v = get(value, key);
  return typeof v === "string" ? v : "";
}

/** The kinds a webhook must give: one per message or receipt it carries. */
function expectedKinds(body: unknown): Set<string> {
  const kinds = new Set<string>();
  for (const entry of list(body, "entry")) {
    for (const change of list(entry, "changes")) {
      const value = get(change, "value");
      for (const m of list(value, "messages")) {
        const type = text(m, "type");
        if (type === "system" || type === "request_welcome") continue;
        kinds.add(
          type === "interactive" || type === "button"
            ? "button"
            : type === "reaction"
            ? "reaction"
            : "message",
        );
      }
      for (const s of list(value, "statuses")) {
        if (["sent", "delivered", "read", "failed"].includes(text(s, "status"))) {
          kinds.add("status");
        }
      }
    }
  }
  return kinds;
}

Deno.test({
  name: "every shared WhatsApp fixture parses and gives the events it carries",
  ignore: !exists(dir),
  async fn() {
    for (const name of jsonFixtures(dir)) {
      const bytes = Deno.readFileSync(new URL(name, dir));
      const vector = SIGNED[name];
      if (vector) {
        assert.ok(await verifySignature(bytes, vector.header, vector.key), `${name} signature`);
      }
      const body: unknown = JSON.parse(new TextDecoder().decode(bytes));
      let items: Inbound[] = [];
      assert.doesNotThrow(() => (items = parseWhatsApp(body)), name);
      for (const item of items) Inbound.parse(item);
      for (const kind of expectedKinds(body)) {
        assert.ok(items.some((i) => i.kind === kind), `${name} gave no ${kind}`);
      }
    }
  },
});
