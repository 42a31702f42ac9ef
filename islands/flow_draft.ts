/**
 * A bot flow as the editor holds it while it is being changed: inputs keep their text (keywords
 * as one comma-separated line, links as select values), and every block and button has a key
 * that survives renumbering. Pure, so it is tested without a browser.
 */
import type { BotFlow, FlowBlock } from "../kv/records.ts";
import { BLOCK_TYPES } from "./blocks.ts";

export type BlockType = (typeof BLOCK_TYPES)[number];

export interface DraftButton {
  key: string;
  text: string;
  /** The block number it leads to, or "" for none. */
  next: string;
}

export interface DraftBlock {
  key: string;
  number: number;
  name: string;
  description: string;
  text: string;
  buttons: DraftButton[];
  delaySec: number;
  /** The block number that follows, or "" to stop here. */
  next: string;
  waitForReply: boolean;
  /** Comma-separated, as typed. */
  keywords: string;
  colour: string;
  type: BlockType;
}

export interface FlowDraft {
  name: string;
  startBlock: number;
  blocks: DraftBlock[];
  /** Where the next new key comes from. */
  keySeq: number;
}

/** What POST and PUT /api/flows take, and what "Export JSON" writes. */
export interface FlowBody {
  name: string;
  startBlock: number;
  blocks: FlowBlock[];
}

const linkText = (n: number | undefined) => n === undefined ? "" : String(n);
const linkNumber = (s: string) => s === "" ? undefined : Number(s);

function emptyBlock(key: string, number: number): DraftBlock {
  return {
    key,
    number,
    name: "",
    description: "",
    text: "",
    buttons: [],
    delaySec: 0,
    next: "",
    waitForReply: false,
    keywords: "",
    colour: "grey",
    type: "message",
  };
}

/** The editor's copy of a flow; a new flow starts with one empty block. */
export function toDraft(flow: Pick<BotFlow, "name" | "startBlock" | "blocks"> | null): FlowDraft {
  if (!flow) return { name: "", startBlock: 1, blocks: [emptyBlock("k0", 1)], keySeq: 1 };
  let keySeq = 0;
  const blocks = flow.blocks.map((b): DraftBlock => ({
    key: `k${keySeq++}`,
    number: b.number,
    name: b.name,
    description: b.description,
    text: b.text,
    buttons: b.buttons.map((x) => ({ key: `k${keySeq++}`, text: x.text, next: linkText(x.next) })),
    delaySec: b.delaySec,
    next: linkText(b.next),
    waitForReply: b.waitForReply,
    keywords: b.keywords.join(", "),
    colour: b.colour,
    type: b.type,
  }));
  return { name: flow.name, startBlock: flow.startBlock, blocks, keySeq };
}

/** The request body for the draft as it stands. */
export function fromDraft(d: FlowDraft): FlowBody {
  return {
    name: d.name.trim(),
    startBlock: d.startBlock,
    blocks: d.blocks.map((b) => ({
      number: b.number,
      name: b.name.trim(),
      description: b.description.trim(),
      text: b.text,
      buttons: b.buttons.map((x) => ({
        text: x.text.trim(),
        ...(x.next ? { next: linkNumber(x.next) } : {}),
      })),
      delaySec: Math.max(0, Math.round(b.delaySec || 0)),
      ...(b.next ? { next: linkNumber(b.next) } : {}),
      waitForReply: b.waitForReply,
      keywords: b.keywords.split(",").map((k) => k.trim()).filter(Boolean),
      colour: b.colour,
      type: b.type,
    })),
  };
}

/** Adds an empty block numbered after the highest one. */
export function addBlock(d: FlowDraft): FlowDraft {
  const number = Math.max(0, ...d.blocks.map((b) => b.number)) + 1;
  return {
    ...d,
    blocks: [...d.blocks, emptyBlock(`k${d.keySeq}`, number)],
    keySeq: d.keySeq + 1,
  };
}

/** Changes one block's fields. */
export function patchBlock(d: FlowDraft, key: string, patch: Partial<DraftBlock>): FlowDraft {
  return { ...d, blocks: d.blocks.map((b) => b.key === key ? { ...b, ...patch } : b) };
}

/** Adds a button to a block. */
export function addButton(d: FlowDraft, key: string): FlowDraft {
  const button = { key: `k${d.keySeq}`, text: "", next: "" };
  const next = patchBlock(d, key, {
    buttons: [...(d.blocks.find((b) => b.key === key)?.buttons ?? []), button],
  });
  return { ...next, keySeq: d.keySeq + 1 };
}

function relink(b: DraftBlock, from: string, to: string): DraftBlock {
  return {
    ...b,
    next: b.next === from ? to : b.next,
    buttons: b.buttons.map((x) => x.next === from ? { ...x, next: to } : x),
  };
}

/**
 * Gives a block a new number; links to it (next blocks, buttons, the start) follow it. While two
 * blocks share a number, links cannot tell them apart, so they are left as they are.
 */
export function renumber(d: FlowDraft, key: string, number: number): FlowDraft {
  const block = d.blocks.find((b) => b.key === key);
  if (!block || !Number.isInteger(number) || number < 1 || number === block.number) return d;
  const shared = (n: number) => d.blocks.some((b) => b.key !== key && b.number === n);
  const follow = !shared(number) && !shared(block.number);
  const from = String(block.number), to = String(number);
  return {
    ...d,
    startBlock: follow && d.startBlock === block.number ? number : d.startBlock,
    blocks: d.blocks.map((b) => {
      const moved = b.key === key ? { ...b, number } : b;
      return follow ? relink(moved, from, to) : moved;
    }),
  };
}

/** Removes a block; links to it are cleared, and the start moves to the first block left. */
export function removeBlock(d: FlowDraft, key: string): FlowDraft {
  const gone = d.blocks.find((b) => b.key === key);
  if (!gone || d.blocks.length === 1) return d;
  const blocks = d.blocks.filter((b) => b.key !== key)
    .map((b) => relink(b, String(gone.number), ""));
  const startBlock = d.startBlock === gone.number ? blocks[0].number : d.startBlock;
  return { ...d, blocks, startBlock };
}

/** Reads an exported flow back: the fields a flow is made of, whatever else the file holds. */
export function parseFlowFile(text: string): FlowBody {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("This file is not JSON. Pick a flow exported from Switchboard.");
  }
  const flow = data as Partial<FlowBody> | null;
  if (!flow || typeof flow !== "object" || !Array.isArray(flow.blocks)) {
    throw new Error("This file holds no bot flow (it has no blocks).");
  }
  const first = flow.blocks[0] as { number?: unknown } | undefined;
  return {
    name: typeof flow.name === "string" ? flow.name : "Imported flow",
    startBlock: typeof flow.startBlock === "number"
      ? flow.startBlock
      : typeof first?.number === "number"
      ? first.number
      : 1,
    blocks: flow.blocks,
  };
}

/** "welcome-flow.json": a file name from the flow's name. */
export function flowFileName(name: string): string {
  const slug = name.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(
    /[^\p{L}\p{N}]+/gu,
    "-",
  )
    .replace(/^-+|-+$/g, "");
  return `${slug || "bot-flow"}.json`;
}

/** Saves the flow as a .json file in the browser's downloads. */
export function downloadFlow(body: FlowBody): void {
  const blob = new Blob([JSON.stringify(body, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), {
    href: url,
    download: flowFileName(body.name),
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
