import type { Client, Message } from "../../kv/records.ts";
import { buttonsOf, entryFor, type FlowInput, type FlowStep, stepsFrom } from "../flow/engine.ts";
import { deliver, DELIVERY_FALLBACK_MS, type Draft } from "./draft.ts";

/** True when the bot may answer this client now. */
export function botActive(d: Draft): boolean {
  const c = d.client;
  const flow = d.state.flow;
  return !!c && !!flow && c.flowId === flow.id && !c.botBlocked && pausedUntil(c, d.now) === null;
}

/** The moment a paused bot resumes, or null when it is not paused. */
export function pausedUntil(client: Client, now: number): number | null {
  return client.botPausedUntil && client.botPausedUntil > now ? client.botPausedUntil : null;
}

/** The bot's answer to what the client did, if its flow has one. */
export function answerWithFlow(d: Draft, input: FlowInput) {
  if (!botActive(d)) return;
  const flow = d.state.flow!;
  const entry = entryFor(flow, input, d.client!.position);
  if (entry === null) return;
  cancelFlowSchedule(d);
  runFlow(d, stepsFrom(flow, entry));
}

/** Drops the flow's scheduled blocks: the client has moved elsewhere in the flow. */
export function cancelFlowSchedule(d: Draft) {
  for (const m of d.state.scheduled) {
    if (m.blockNumber !== undefined && m.status === "scheduled") d.deleteMessage(m);
  }
}

/** Sends the steps' blocks as bot messages: now, or scheduled for their delay. */
export function runFlow(d: Draft, steps: FlowStep[]): Message[] {
  const out: Message[] = [];
  for (const { block, delaySec } of steps) {
    const base = {
      direction: "out",
      author: { kind: "bot" },
      text: block.text,
      attachments: [] as Message["attachments"],
      blockNumber: block.number,
      ...(block.buttons.length > 0 ? { buttons: buttonsOf(block) } : {}),
    } as const;
    if (delaySec > 0) {
      out.push(d.schedule(base, d.now + delaySec * 1000));
      continue;
    }
    const m = d.addMessage({ ...base, status: "queued", attempts: 0 });
    d.touch({ preview: m, position: block.number });
    d.effects.push(deliver(m, DELIVERY_FALLBACK_MS, true));
    out.push(m);
  }
  return out;
}
