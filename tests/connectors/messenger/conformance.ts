// A conformance run over shared Messenger Platform captures, for Messenger and Instagram alike.
import assert from "node:assert/strict";
import { type MessagingParseOptions, parseMessaging } from "../../../connectors/messenger/parse.ts";
import { Inbound } from "../../../connectors/types.ts";
import { get, jsonFixtures, list } from "../fixtures.ts";

/** The kinds a webhook must give; echoes and watermark-only receipts give none. */
export function expectedKinds(body: unknown): Set<string> {
  const kinds = new Set<string>();
  for (const event of list(body, "entry").flatMap((e) => list(e, "messaging"))) {
    const message = get(event, "message");
    if (message) {
      if (get(message, "is_echo") === true) continue;
      if (get(message, "is_deleted") === true) kinds.add("unsent");
      else if (get(get(message, "quick_reply"), "payload") !== undefined) kinds.add("button");
      else if (get(message, "text") || list(message, "attachments").length) kinds.add("message");
    }
    if (get(event, "postback")) kinds.add("button");
    for (const receipt of [get(event, "delivery"), get(event, "read")]) {
      if (list(receipt, "mids").length || get(receipt, "mid")) kinds.add("status");
    }
    if (get(event, "reaction")) kinds.add("reaction");
    if (get(event, "message_edit")) kinds.add("edited");
  }
  return kinds;
}

/** Parses every fixture in `dir`, checking each gives the events it carries. */
export function checkFixtures(dir: URL, options: MessagingParseOptions): void {
  for (const name of jsonFixtures(dir)) {
    const body: unknown = JSON.parse(
      new TextDecoder().decode(Deno.readFileSync(new URL(name, dir))),
    );
    let items: Inbound[] = [];
    assert.doesNotThrow(() => (items = parseMessaging(body, options)), name);
    for (const item of items) Inbound.parse(item);
    for (const kind of expectedKinds(body)) {
      assert.ok(items.some((i) => i.kind === kind), `${name} gave no ${kind}`);
    }
  }
}
