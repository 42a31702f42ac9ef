import { checkFixtures } from "../messenger/conformance.ts";
import { exists, sharedFixtures } from "../fixtures.ts";

const dir = sharedFixtures("instagram");

Deno.test({
  name: "every shared Instagram fixture parses and gives the events it carries",
  ignore: !exists(dir),
  fn() {
    checkFixtures(dir, { platform: "Instagram", object: "instagram" });
  },
});
