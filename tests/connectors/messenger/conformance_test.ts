import { checkFixtures } from "./conformance.ts";
import { exists, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("messenger");

Deno.test({
  name: "every shared Messenger fixture parses and gives the events it carries",
  ignore: !exists(dir),
  fn() {
    checkFixtures(dir, { platform: "Messenger", object: "page" });
  },
});
