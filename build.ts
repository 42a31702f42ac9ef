/** Bundles the browser code into static/build/ (run by the start, dev and test tasks). */
const root = new URL(".", import.meta.url).pathname;

/** Entry point → output file. The website widget is its own small bundle. */
const bundles: [string, string][] = [
  ["islands/hydrate.ts", "static/build/islands.js"],
  ["connectors/widget/client/main.tsx", "static/build/widget.js"],
];

async function bundle(entry: string, out: string): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--sourcemap=linked",
      "-o",
      `${root}${out}`,
      `${root}${entry}`,
    ],
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`bundling ${entry} failed:\n${new TextDecoder().decode(stderr)}`);
}

if (import.meta.main) {
  const present = bundles.filter(([entry]) => {
    try {
      return Deno.statSync(`${root}${entry}`).isFile;
    } catch {
      return false;
    }
  });
  try {
    await Promise.all(present.map(([entry, out]) => bundle(entry, out)));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(1);
  }
}
