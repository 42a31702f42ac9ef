import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import {
  embedSnippet,
  originAllowed,
  parseWidgetConfig,
} from "../../../connectors/widget/config.ts";

Deno.test("a widget config is normalised and gets its defaults", () => {
  const config = parseWidgetConfig({
    allowedOrigins: ["https://Shop.Example/", "https://shop.example:443", "http://localhost:5173"],
    title: "  Acme Shop ",
    colour: "#4F46E5",
  });
  assert.deepEqual(config, {
    allowedOrigins: ["https://shop.example", "http://localhost:5173"],
    rateLimitPerMinute: 20,
    ipRateLimitPerMinute: 120,
    title: "Acme Shop",
    colour: "#4f46e5",
  });
});

Deno.test("a bad widget config is BadInput naming the field", () => {
  const cases: [unknown, string][] = [
    [{ title: "Acme" }, "config.allowedOrigins is required"],
    [{ title: "Acme", allowedOrigins: [] }, "config.allowedOrigins: must list at least one site"],
    [
      { title: "Acme", allowedOrigins: ["https://a.example", "shop.example"] },
      "config.allowedOrigins[1]",
    ],
    [{ title: "Acme", allowedOrigins: ["https://a.example/shop"] }, "no path"],
    [{ title: "Acme", allowedOrigins: ["ftp://a.example"] }, "config.allowedOrigins[0]"],
    [{ allowedOrigins: ["*"] }, "config.title is required"],
    [{ allowedOrigins: ["*"], title: " " }, "config.title: must not be empty"],
    [{ allowedOrigins: ["*"], title: "A", colour: "blue" }, "config.colour"],
    [{ allowedOrigins: ["*"], title: "A", rateLimitPerMinute: 0 }, "config.rateLimitPerMinute"],
    [{ allowedOrigins: ["*"], title: "A", rateLimitPerMinute: "20" }, "config.rateLimitPerMinute"],
    [null, "config"],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => parseWidgetConfig(input),
      (e: unknown) =>
        e instanceof BadInput && e.message.startsWith(message) ||
        e instanceof BadInput && e.message.includes(message),
      JSON.stringify(input),
    );
  }
});

Deno.test("only listed origins are allowed; '*' only when given", () => {
  const config = parseWidgetConfig({
    allowedOrigins: ["https://shop.example", "http://localhost:5173"],
    title: "Acme",
  });
  assert.equal(originAllowed(config, "https://shop.example"), true);
  assert.equal(originAllowed(config, "https://SHOP.example"), true);
  assert.equal(originAllowed(config, "http://localhost:5173"), true);
  assert.equal(originAllowed(config, "http://shop.example"), false, "another scheme");
  assert.equal(originAllowed(config, "https://shop.example:8443"), false, "another port");
  assert.equal(originAllowed(config, "https://evil.shop.example"), false);
  assert.equal(originAllowed(config, "https://shop.example.evil.com"), false);
  assert.equal(originAllowed(config, "null"), false);
  assert.equal(originAllowed(config, "*"), false);
  assert.equal(originAllowed(config, undefined), false);
  assert.equal(originAllowed(config, ""), false);
  const any = parseWidgetConfig({ allowedOrigins: ["*"], title: "Acme" });
  assert.equal(originAllowed(any, "https://anything.example"), true);
  assert.equal(originAllowed(any, undefined), false, "a request must still say where it is from");
});

Deno.test("the embed snippet is one async script tag", () => {
  assert.equal(
    embedSnippet("https://inbox.example.com", "01J0000000000000000000000A"),
    '<script src="https://inbox.example.com/widget/01J0000000000000000000000A.js" async></script>',
  );
});
