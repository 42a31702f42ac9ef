/** How bot-flow blocks look and are found, shared by the funnel picker and the flow editor. */
import type { FlowBlock } from "../kv/records.ts";

export const BLOCK_TYPES = ["message", "question", "delay", "end"] as const;

/** The colours a block can be given, by the name stored in the flow. */
export const BLOCK_COLOURS: Record<string, string> = {
  grey: "#8a94a6",
  red: "#e05a4f",
  orange: "#eb8a3c",
  yellow: "#d9b02b",
  green: "#3fa66a",
  teal: "#2fa3a0",
  blue: "#4a86e0",
  purple: "#8d63d2",
  pink: "#d6609a",
};

/** A block colour as CSS: a known name, a hex colour from an imported flow, else grey. */
export function blockColour(name: string): string {
  if (BLOCK_COLOURS[name]) return BLOCK_COLOURS[name];
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(name) ? name : BLOCK_COLOURS.grey;
}

/** "Message", "Question": a block type as the editor and the picker's filters name it. */
export function typeLabel(type: string): string {
  return type[0].toUpperCase() + type.slice(1);
}

/** "Green", or the colour as written when it is not one of ours. */
export function colourName(name: string): string {
  return BLOCK_COLOURS[name] ? name[0].toUpperCase() + name.slice(1) : name;
}

/** Does the block match what was typed: its number, description, name or message text. */
export function blockMatches(block: FlowBlock, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^#/, "");
  if (!q) return true;
  if (/^\d+$/.test(q) && String(block.number) === q) return true;
  return [block.description, block.name, block.text].some((s) => s.toLowerCase().includes(q));
}
