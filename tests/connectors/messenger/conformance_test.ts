import { checkFixtures, exists } from "./conformance.ts";

// Shared captures of real Messenger traffic, kept outside the repository when available.
const dir = new URL("../../../../shared/fixtures/messenger/", import.meta.url);

Deno.test({
  name: "every shared Messenger fixture parses and gives the events it carries",
  ignore: !exists(dir),
  fn() {
    checkFixtures(dir, { platform: "Messenger", object: "page" });
  },
});
