import type { Client, Message } from "../../kv/records.ts";
import type { Command } from "./commands.ts";
import {
  type Decision,
  deliver,
  DELIVERY_FALLBACK_MS,
  type DialogState,
  Draft,
  fire,
} from "./draft.ts";
import { extendThread, onInbound } from "./inbound.ts";
import { cancelFlowSchedule, pausedUntil, runFlow } from "./flow.ts";
import { blockOf, stepsFrom } from "../flow/engine.ts";

export type { Decision, DialogState, Effect } from "./draft.ts";
export { DELIVERY_FALLBACK_MS, messageIdFor, parseMessageId, previewText } from "./draft.ts";
/** A failing send is tried this many times before it is marked failed. */
export const MAX_ATTEMPTS = 8;
/** A timer that comes due this early is let through rather than set again. */
const EARLY_MS = 5;

/** Decides what a command does to a dialog. Pure: no I/O, no clock, no randomness. */
export function decide(state: DialogState, command: Command, now: number): Decision {
  const d = new Draft(state, now);
  switch (command.kind) {
    case "inbound":
      return onInbound(d, command);
    case "profileFound": {
      const client = d.requireClient();
      if (!client) return d.done();
      const name = command.name?.trim();
      // An employee's own edits, or an earlier answer, are not overwritten.
      const patch = {
        ...(client.nameProvisional && name ? { name, nameProvisional: false } : {}),
        ...(command.username && !client.username ? { username: command.username } : {}),
        ...(command.avatarUrl && !client.avatarUrl ? { avatarUrl: command.avatarUrl } : {}),
      };
      if (Object.keys(patch).length > 0) d.touch(patch, false);
      return d.done();
    }
    case "reply": {
      if (!d.requireClient()) return d.done();
      const base = {
        direction: "out",
        author: command.author,
        text: command.text,
        attachments: command.attachments ?? [],
      } as const;
      if (command.sendAt !== undefined && command.sendAt > now) {
        return d.done({ message: d.schedule(base, command.sendAt) });
      }
      const message = d.addMessage({
        ...base,
        ...threading(d.client!),
        status: "queued",
        attempts: 0,
      });
      d.touch({ unread: 0, preview: message });
      d.effects.push(deliver(message, DELIVERY_FALLBACK_MS, true));
      return d.done({ message });
    }
    case "resend": {
      const original = d.requireTarget();
      if (!original) return d.done();
      if (original.direction === "system") return d.fail(409, "A system notice cannot be sent.");
      const message = d.addMessage({
        direction: "out",
        author: command.author,
        text: original.text,
        attachments: original.attachments,
        ...(command.via ? { via: command.via } : threading(d.client!)),
        ...(command.subject ? { subject: command.subject } : {}),
        status: "queued",
        attempts: 0,
      });
      d.touch({ preview: message });
      d.effects.push(deliver(message, DELIVERY_FALLBACK_MS, true));
      return d.done({ message });
    }
    case "claimDelivery": {
      const m = state.target;
      if (!d.requireClient() || !m) return d.done();
      const free = m.status === "queued" && (m.leaseUntil ?? 0) <= now;
      if (!free) return d.done({ message: m, granted: false });
      const claimed = { ...m, leaseUntil: now + command.leaseMs, attempts: (m.attempts ?? 0) + 1 };
      d.quietlyUpdate(claimed);
      return d.done({ message: claimed, granted: true });
    }
    case "deliveryResult": {
      const m = state.target;
      if (!d.requireClient() || !m || m.status !== "queued") {
        return d.done({ message: m ?? undefined });
      }
      const o = command.outcome;
      if (o.ok) {
        const thread = d.client!.thread;
        // Our mail joins the thread, so the client's answer to it stays in this dialog's thread.
        if (thread && m.subject && !m.via) {
          d.touch({ thread: extendThread(thread, m.subject, [], o.externalId) }, false);
        }
        return d.done({
          message: d.updateMessage({
            ...m,
            status: "sent",
            sentAt: d.iso,
            externalId: o.externalId,
            leaseUntil: undefined,
            error: undefined,
          }, m),
        });
      }
      if ("retryAfterMs" in o && (m.attempts ?? 0) < MAX_ATTEMPTS) {
        const again = { ...m, leaseUntil: undefined };
        d.quietlyUpdate(again);
        d.effects.push(deliver(again, o.retryAfterMs, false));
        return d.done({ message: again });
      }
      const failed = d.updateMessage({
        ...m,
        status: "failed",
        error: o.reason,
        leaseUntil: undefined,
      }, m);
      if ("clientBlocked" in o && o.clientBlocked && !d.client!.botBlocked) {
        d.touch({ botBlocked: true }, false);
      }
      return d.done({ message: failed });
    }
    case "retry": {
      const m = d.requireTarget();
      if (!m) return d.done();
      if (m.status !== "failed") {
        return d.fail(409, `Only a failed message can be retried; this one is ${m.status}.`);
      }
      const again = d.updateMessage({ ...m, status: "queued", error: undefined, attempts: 0 }, m);
      d.effects.push(deliver(again, DELIVERY_FALLBACK_MS, true));
      return d.done({ message: again });
    }
    case "markRead": {
      const client = d.requireClient();
      if (client && client.unread > 0) d.touch({ unread: 0 }, false);
      return d.done();
    }
    case "fire": {
      const m = state.target;
      // A cancelled, rescheduled or already sent message: this timer is stale.
      if (
        !d.requireClient() || !m || m.status !== "scheduled" || m.timerVersion !== command.version
      ) return d.done();
      const due = Date.parse(m.sendAt!);
      if (due - now > EARLY_MS) {
        d.effects.push(fire(m, due - now));
        return d.done({ message: m });
      }
      const paused = pausedUntil(d.client!, now);
      if (m.blockNumber !== undefined && paused) {
        // The bot is paused: its scheduled blocks wait for it to resume.
        const later = {
          ...m,
          sendAt: new Date(paused).toISOString(),
          timerVersion: m.timerVersion! + 1,
        };
        d.updateMessage(later, m);
        d.effects.push(fire(later, paused - now));
        return d.done({ message: later });
      }
      return d.done({ message: sendScheduled(d, m) });
    }
    case "sendNow": {
      const m = d.requireTarget();
      if (!m) return d.done();
      if (m.status !== "scheduled") return d.fail(409, `The message is already ${m.status}.`);
      return d.done({
        message: sendScheduled(d, { ...m, timerVersion: (m.timerVersion ?? 0) + 1 }),
      });
    }
    case "reschedule": {
      const m = d.requireTarget();
      if (!m) return d.done();
      if (m.status !== "scheduled") {
        return d.fail(409, `The message is already ${m.status}; it cannot be rescheduled.`);
      }
      const moved = d.updateMessage({
        ...m,
        sendAt: new Date(command.sendAt).toISOString(),
        timerVersion: (m.timerVersion ?? 0) + 1,
      }, m);
      d.effects.push(fire(moved, Math.max(0, command.sendAt - now)));
      return d.done({ message: moved });
    }
    case "cancelScheduled": {
      const m = d.requireTarget();
      if (!m) return d.done();
      if (m.status !== "scheduled") {
        return d.fail(409, `The message is already ${m.status}; it cannot be cancelled.`);
      }
      d.deleteMessage(m);
      return d.done({ message: m });
    }
    case "pauseBot": {
      const c = d.requireClient();
      if (!c) return d.done();
      const version = (c.pauseVersion ?? 0) + 1;
      const until = new Date(command.until).toISOString();
      d.touch({ botPausedUntil: command.until, pauseVersion: version }, false);
      const message = d.addMessage({
        direction: "system",
        author: command.author,
        text: `The bot is paused until ${until}.`,
        attachments: [],
        notice: { kind: "bot_paused", data: until },
      });
      d.effects.push({
        kind: "resumeBot",
        clientId: c.id,
        version,
        delayMs: Math.max(0, command.until - now),
      });
      return d.done({ message });
    }
    case "resumeBot": {
      const c = d.requireClient();
      if (!c || !c.botPausedUntil) return d.done();
      if (command.version !== undefined) {
        if (command.version !== c.pauseVersion) return d.done();
        if (c.botPausedUntil - now > EARLY_MS) {
          d.effects.push({
            kind: "resumeBot",
            clientId: c.id,
            version: command.version,
            delayMs: c.botPausedUntil - now,
          });
          return d.done();
        }
      }
      d.touch({ botPausedUntil: undefined, pauseVersion: (c.pauseVersion ?? 0) + 1 }, false);
      const byTimer = command.version !== undefined;
      const message = d.addMessage({
        direction: "system",
        author: command.author,
        text: byTimer
          ? "The bot's pause ended; it answers again."
          : "The bot answers this client again.",
        attachments: [],
        notice: { kind: "bot_resumed" },
      });
      return d.done({ message });
    }
    case "moveToBlock": {
      const c = d.requireClient();
      if (!c) return d.done();
      const flow = state.flow;
      if (!flow) return d.fail(409, "This client's channel is not linked to a bot flow.");
      if (c.flowId !== flow.id) d.touch({ flowId: flow.id }, false);
      if (!blockOf(flow, command.block)) {
        return d.fail(404, `The flow has no block ${command.block}.`);
      }
      cancelFlowSchedule(d);
      const who = command.author.kind === "employee" ? ` by ${command.author.name}` : "";
      d.addMessage({
        direction: "system",
        author: command.author,
        text: `Moved to block ${command.block}${who}.`,
        attachments: [],
        notice: { kind: "moved", data: String(command.block) },
      });
      const sent = runFlow(d, stepsFrom(flow, command.block, true));
      return d.done({ message: sent[0] });
    }
  }
}

/** Turns a scheduled message into one being sent now; a flow block moves the client on. */
function sendScheduled(d: Draft, m: Message): Message {
  const sent = d.updateMessage(
    { ...threading(d.client!), ...m, status: "queued", attempts: 0 },
    d.state.target ?? m,
  );
  d.touch({ preview: sent });
  d.effects.push(deliver(sent, DELIVERY_FALLBACK_MS, true));
  const flow = d.state.flow;
  if (m.blockNumber !== undefined && flow && d.client!.flowId === flow.id) {
    d.touch({ position: m.blockNumber }, false);
    const block = blockOf(flow, m.blockNumber);
    const steps = block ? stepsFrom(flow, block.number, true).slice(1) : [];
    runFlow(d, steps);
  }
  return sent;
}

/** E-mail replies answer the thread: "Re:" its subject, and name its last mail and the rest. */
function threading(client: Client): Pick<Message, "subject" | "inReplyTo" | "references"> {
  const t = client.thread;
  if (!t) return {};
  return {
    subject: /^re:/i.test(t.subject) ? t.subject : `Re: ${t.subject}`,
    ...(t.messageIds.length > 0
      ? { inReplyTo: t.messageIds.at(-1), references: t.messageIds }
      : {}),
  };
}
