// Shared captures of real messenger traffic, kept outside the repository when available.
import assert from "node:assert/strict";

/** The folder of shared fixtures for one connector (`"viber"`) or for API answers (`"responses"`). */
export function sharedFixtures(name: string): URL {
  return new URL(`../../../shared/fixtures/${name}/`, import.meta.url);
}

/** True when the file or folder is there: fixture tests are skipped without it. */
export function exists(url: URL): boolean {
  try {
    Deno.statSync(url);
    return true;
  } catch {
    return false;
  }
}

/** The names of the `.json` fixtures in `dir`, sorted; fails when there are none. */
export function jsonFixtures(dir: URL): string[] {
  const names = [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".json"))
    .map((e) => e.name)
    .sort();
  assert.ok(names.length > 0, "no fixtures found");
  return names;
}

/** A plain object's own fields, or undefined for anything else. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined;
}

/** A field of an object, or undefined when `value` is not one. */
export function get(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

/** An array field of an object, or [] when it is missing or not an array. */
export function list(value: unknown, key: string): unknown[] {
  const v = get(value, key);
  return Array.isArray(v) ? v : [];
}
