import type { BotFlow, Button, FlowBlock } from "../../kv/records.ts";

/** What the client did that the flow may answer. */
export type FlowInput = { kind: "text"; text: string } | { kind: "button"; data: string };

/** How many blocks one answer may send in a row, so a looping flow cannot run away. */
const MAX_CHAIN = 20;

/** The callback data of a button that leads to a block. */
export function buttonData(blockNumber: number): string {
  return `block:${blockNumber}`;
}

/** A block's buttons as they go out to the messenger. */
export function buttonsOf(block: FlowBlock): Button[] {
  return block.buttons.map((b) => ({ text: b.text, data: b.next ? buttonData(b.next) : b.text }));
}

export function blockOf(flow: BotFlow, number: number | undefined): FlowBlock | undefined {
  return number === undefined ? undefined : flow.blocks.find((b) => b.number === number);
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

/** True when the block waits for the client after it is sent. */
export function waitsForClient(block: FlowBlock): boolean {
  return block.waitForReply || block.buttons.length > 0 || block.type === "question";
}

/**
 * Which block answers the client's input, given where they are; null when the flow has nothing
 * to say. Order: a pressed button, a button's label typed out, a keyword, the start block for a
 * client new to the flow, then the current block's `next` when it was waiting for an answer.
 */
export function entryFor(flow: BotFlow, input: FlowInput, position?: number): number | null {
  const current = blockOf(flow, position);
  if (input.kind === "button") {
    const m = input.data.match(/^block:(\d+)$/);
    if (m && blockOf(flow, Number(m[1]))) return Number(m[1]);
  }
  const said = normalise(input.kind === "text" ? input.text : input.data);
  const pressed = current?.buttons.find((b) => normalise(b.text) === said);
  if (pressed?.next && blockOf(flow, pressed.next)) return pressed.next;
  if (said) {
    for (const block of flow.blocks) {
      if (block.keywords.some((k) => matchesKeyword(said, normalise(k)))) return block.number;
    }
  }
  if (!current) return blockOf(flow, flow.startBlock) ? flow.startBlock : null;
  if (current.buttons.length === 0 && waitsForClient(current) && current.next !== undefined) {
    return blockOf(flow, current.next) ? current.next : null;
  }
  return null;
}

function matchesKeyword(said: string, keyword: string): boolean {
  if (!keyword) return false;
  if (said === keyword) return true;
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(said);
}

/** One block to send: now (`delaySec` 0) or later. */
export interface FlowStep {
  block: FlowBlock;
  delaySec: number;
}

/**
 * The blocks to send from `start` on: each block, then its `next` while the block does not wait
 * for the client. A block with a delay ends the run: it is scheduled, and the flow goes on from
 * it when it is sent.
 */
export function stepsFrom(flow: BotFlow, start: number, ignoreFirstDelay = false): FlowStep[] {
  const steps: FlowStep[] = [];
  let number: number | undefined = start;
  const seen = new Set<number>();
  while (number !== undefined && steps.length < MAX_CHAIN) {
    const block = blockOf(flow, number);
    if (!block || seen.has(number)) break;
    seen.add(number);
    const delaySec = steps.length === 0 && ignoreFirstDelay ? 0 : block.delaySec;
    steps.push({ block, delaySec });
    if (delaySec > 0 || waitsForClient(block) || block.type === "end") break;
    number = block.next;
  }
  return steps;
}
