import assert from "node:assert/strict";
import fc from "fast-check";
import { decide, type DialogState } from "../../actors/dialog/decide.ts";
import type { Command } from "../../actors/dialog/commands.ts";
import type { Message } from "../../kv/records.ts";

const profile = { platformId: "7", chatId: "7", name: "Ada" };
const eve = { kind: "employee", id: "E", name: "Eve" } as const;

/** What a step does, with indexes resolved against the messages so far. */
const Step = fc.oneof(
  fc.record({ kind: fc.constant("in"), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant("reply"), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant("read") }),
  fc.record({ kind: fc.constant("sent"), pick: fc.nat() }),
  fc.record({ kind: fc.constant("failed"), pick: fc.nat() }),
  fc.record({ kind: fc.constant("schedule"), inMs: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant("cancel"), pick: fc.nat() }),
);

Deno.test("any sequence of commands numbers a dialog's events 1, 2, 3… and keeps its counts true", () => {
  fc.assert(
    fc.property(fc.array(Step, { minLength: 1, maxLength: 40 }), (steps) => {
      let state: DialogState = { client: null, target: null, flow: null, scheduled: [] };
      const messages = new Map<string, Message>();
      let now = 1_700_000_000_000;
      let update = 0;
      const seqs: number[] = [];
      for (const step of steps) {
        now += 1_000;
        const outs = [...messages.values()].filter((m) => m.direction === "out");
        const pick = (n: number) => outs.length ? outs[n % outs.length] : undefined;
        let command: Command | null = null;
        let target: Message | undefined;
        const id = state.client?.id ?? "01JZ0000000000000000000000";
        if (step.kind === "in") {
          command = {
            kind: "inbound",
            channelId: "ch",
            channelType: "telegram",
            newClientId: "01JZ0000000000000000000000",
            event: {
              kind: "message",
              updateKey: String(++update),
              externalId: String(update),
              profile,
              at: new Date(now).toISOString(),
              text: step.text,
              attachments: [],
            },
          };
        } else if (!state.client) {
          continue;
        } else if (step.kind === "reply") {
          command = { kind: "reply", clientId: id, author: eve, text: step.text };
        } else if (step.kind === "schedule") {
          command = {
            kind: "reply",
            clientId: id,
            author: eve,
            text: "later",
            sendAt: now + step.inMs,
          };
        } else if (step.kind === "read") {
          command = { kind: "markRead", clientId: id };
        } else if ((target = pick(step.pick))) {
          command = step.kind === "cancel"
            ? { kind: "cancelScheduled", clientId: id, messageId: target.id }
            : {
              kind: "deliveryResult",
              clientId: id,
              messageId: target.id,
              outcome: step.kind === "sent"
                ? { ok: true, externalId: "x" }
                : { ok: false, reason: "no" },
            };
        }
        if (!command) continue;
        const d = decide({ ...state, target: target ?? null }, command, now);
        if (d.reply.error) continue;
        for (const e of d.events) seqs.push(e.seq);
        for (const m of d.messages) messages.set(m.id, m);
        for (const m of d.deleted) messages.delete(m.id);
        state = { ...state, client: d.client };
      }
      // Events are numbered without gaps or repeats; the client remembers the last number.
      assert.deepEqual(seqs, seqs.map((_, i) => i + 1));
      assert.equal(state.client?.seq ?? 0, seqs.length);
      // Each message sits at the number of the event that created it, once.
      const at = [...messages.values()].map((m) => m.seq);
      assert.equal(new Set(at).size, at.length);
      // The scheduled count matches the scheduled messages.
      const scheduled = [...messages.values()].filter((m) => m.status === "scheduled").length;
      assert.equal(state.client?.scheduled ?? 0, scheduled);
    }),
    { numRuns: 300 },
  );
});
