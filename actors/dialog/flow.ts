import type { BotFlow, Message } from "../../kv/records.ts";
import { buttonsOf, entryFor, type FlowInput, type FlowStep, stepsFrom } from "../flow/engine.ts";
import { deliver, DELIVERY_FALLBACK_MS, type Draft, fire } from "./draft.ts";

/** True when the bot may answer this client now. */
export function botActive(d: Draft): boolean {
  const c = d.client;
  const flow = d.state.flow;
  return !!c && !!flow && c.flowId === flow.id && !c.botBlocked &&
    !(c.botPausedUntil && c.botPausedUntil > d.now);
}

/** The bot's answer to what the client did, if its flow has one. */
export function answerWithFlow(d: Draft, input: FlowInput) {
  if (!botActive(d)) return;
  const flow = d.state.flow!;
  const entry = entryFor(flow, input, d.client!.position);
  if (entry === null) return;
  cancelFlowSchedule(d);
  runFlow(d, flow, stepsFrom(flow, entry));
}

/** Drops the flow's scheduled blocks: the client has moved elsewhere in the flow. */
export function cancelFlowSchedule(d: Draft) {
  for (const m of d.state.scheduled) {
    if (m.blockNumber !== undefined && m.status === "scheduled") d.deleteMessage(m);
  }
}

/** Sends the steps' blocks as bot messages: now, or scheduled for their delay. */
export function runFlow(d: Draft, _flow: BotFlow, steps: FlowStep[]): Message[] {
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
      const sendAt = d.now + delaySec * 1000;
      const m = d.addMessage({
        ...base,
        status: "scheduled",
        sendAt: new Date(sendAt).toISOString(),
        timerVersion: 1,
      });
      d.effects.push(fire(m, sendAt - d.now));
      out.push(m);
      continue;
    }
    const m = d.addMessage({ ...base, status: "queued", attempts: 0 });
    d.touch({ preview: m, position: block.number });
    d.effects.push(deliver(m, DELIVERY_FALLBACK_MS, true));
    out.push(m);
  }
  return out;
}
