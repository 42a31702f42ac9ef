import { checkFixtures, exists } from "../messenger/conformance.ts";

// Shared captures of real Instagram Direct traffic, kept outside the repository when available.
const dir = new URL("../../../../shared/fixtures/instagram/", import.meta.url);

Deno.test({
  name: "every shared Instagram fixture parses and gives the events it carries",
  ignore: !exists(dir),
  fn() {
    checkFixtures(dir, { platform: "Instagram", object: "instagram" });
  },
});
