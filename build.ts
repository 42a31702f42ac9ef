/** Bundles the islands for the browser into static/build/ (run by the start, dev and test tasks). */
const root = new URL(".", import.meta.url).pathname;
const entry = `${root}islands/hydrate.ts`;
const out = `${root}static/build/islands.js`;

if (import.meta.main) {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--sourcemap=linked",
      "-o",
      out,
      entry,
    ],
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    console.error(new TextDecoder().decode(stderr));
    Deno.exit(code);
  }
}
