import type { Inbound } from "../../connectors/types.ts";
import type { Client, DialogEvent, EventType, Message } from "../../kv/records.ts";
import type { Command } from "./commands.ts";

/** What the actor knows before deciding: the dialog's state and the message a command targets. */
export interface DialogState {
  client: Client | null;
  target: Message | null;
}

/** A queued follow-up: deliver this message (now in this process, and later from the queue). */
export interface Effect {
  kind: "deliver";
  clientId: string;
  messageId: string;
  /** When the queue should run it (ms from now). */
  delayMs: number;
  /** Run it in this process right after the commit; the queued copy is then the fallback. */
  eager: boolean;
}

/** Everything a command changes, committed together or not at all. */
export interface Decision {
  client: Client | null;
  messages: Message[];
  events: DialogEvent[];
  effects: Effect[];
  /** The command's answer to its caller. */
  reply: { message?: Message; granted?: boolean; error?: { status: 404 | 409; message: string } };
}

/** The queue copy of an eagerly dispatched send waits this long before it checks on it. */
export const DELIVERY_FALLBACK_MS = 5_000;
/** A failing send is tried this many times before it is marked failed. */
export const MAX_ATTEMPTS = 8;

/** Decides what a command does to a dialog. Pure: no I/O, no clock, no randomness. */
export function decide(state: DialogState, command: Command, now: number): Decision {
  const d = new Draft(state, now);
  switch (command.kind) {
    case "inbound":
      return onInbound(
        d,
        command.channelId,
        command.channelType,
        command.event,
        command.newClientId,
      );
    case "reply": {
      const client = d.requireClient();
      if (!client) return d.done();
      const message = d.addMessage({
        direction: "out",
        author: command.author,
        text: command.text,
        attachments: [],
        status: "queued",
        attempts: 0,
      });
      d.touch({ unread: 0, preview: message });
      d.effects.push(deliver(message, DELIVERY_FALLBACK_MS, true));
      return d.done({ message });
    }
    case "claimDelivery": {
      const m = state.target;
      if (!d.requireClient() || !m) return d.done();
      const free = m.status === "queued" && (m.leaseUntil ?? 0) <= now;
      if (!free) return d.done({ message: m, granted: false });
      const claimed = { ...m, leaseUntil: now + command.leaseMs, attempts: (m.attempts ?? 0) + 1 };
      d.messages.push(claimed);
      return d.done({ message: claimed, granted: true });
    }
    case "deliveryResult": {
      const m = state.target;
      if (!d.requireClient() || !m || m.status !== "queued") {
        return d.done({ message: m ?? undefined });
      }
      const o = command.outcome;
      if (o.ok) {
        return d.done({
          message: d.updateMessage({
            ...m,
            status: "sent",
            externalId: o.externalId,
            leaseUntil: undefined,
            error: undefined,
          }),
        });
      }
      if ("retryAfterMs" in o && (m.attempts ?? 0) < MAX_ATTEMPTS) {
        const again = { ...m, leaseUntil: undefined };
        d.messages.push(again);
        d.effects.push(deliver(again, o.retryAfterMs, false));
        return d.done({ message: again });
      }
      const failed = d.updateMessage({
        ...m,
        status: "failed",
        error: o.reason,
        leaseUntil: undefined,
      });
      if ("clientBlocked" in o && o.clientBlocked && !d.client!.botBlocked) {
        d.touch({ botBlocked: true }, false);
      }
      return d.done({ message: failed });
    }
    case "retry": {
      const m = state.target;
      if (!d.requireClient()) return d.done();
      if (!m) return d.fail(404, "No such message in this dialog.");
      if (m.status !== "failed") {
        return d.fail(409, `Only a failed message can be retried; this one is ${m.status}.`);
      }
      const again = d.updateMessage({ ...m, status: "queued", error: undefined, attempts: 0 });
      d.effects.push(deliver(again, DELIVERY_FALLBACK_MS, true));
      return d.done({ message: again });
    }
    case "markRead": {
      const client = d.requireClient();
      if (client && client.unread > 0) d.touch({ unread: 0 }, false);
      return d.done();
    }
  }
}

function onInbound(
  d: Draft,
  channelId: string,
  channelType: Client["channelType"],
  event: Inbound,
  newClientId: string,
): Decision {
  const p = event.profile;
  if (!d.client) {
    const at = new Date(d.now).toISOString();
    d.client = {
      id: newClientId,
      channelId,
      channelType,
      platformId: p.platformId,
      chatId: p.chatId,
      name: p.name || p.username || p.platformId,
      username: p.username,
      phone: p.phone,
      avatarUrl: p.avatarUrl,
      languageCode: p.languageCode,
      createdAt: at,
      lastActivityAt: at,
      unread: 0,
      pinned: false,
      botBlocked: false,
      seq: 0,
    };
    d.created = true;
  } else if (p.phone && !d.client.phone) {
    d.client = { ...d.client, phone: p.phone };
  }
  switch (event.kind) {
    case "message": {
      const message = d.addMessage({
        direction: "in",
        author: { kind: "client" },
        text: event.text,
        attachments: event.attachments,
        externalId: event.externalId,
      });
      d.touch({ unread: d.client.unread + 1, preview: message, botBlocked: false });
      return d.done({ message });
    }
    case "edited": {
      const original = d.state.target;
      if (original) {
        const message = d.updateMessage({
          ...original,
          text: event.text,
          attachments: event.attachments,
          editedAt: new Date(d.now).toISOString(),
        });
        if (d.client.preview?.at === original.createdAt) d.touch({ preview: message }, false);
        return d.done({ message });
      }
      // The original never reached us (sent before the channel was connected): keep the new text.
      const message = d.addMessage({
        direction: "in",
        author: { kind: "client" },
        text: event.text,
        attachments: event.attachments,
        externalId: event.externalId,
        editedAt: new Date(d.now).toISOString(),
      });
      d.touch({ unread: d.client.unread + 1, preview: message });
      return d.done({ message });
    }
    case "button": {
      const message = d.addMessage({
        direction: "system",
        author: { kind: "client" },
        text: `Pressed a button: ${event.data}`,
        attachments: [],
        notice: { kind: "button", data: event.data },
      });
      d.touch({ unread: d.client.unread + 1, preview: message });
      return d.done({ message });
    }
    case "botBlocked": {
      if (!d.created && d.client.botBlocked === event.blocked) return d.done();
      const message = d.addMessage({
        direction: "system",
        author: { kind: "system" },
        text: event.blocked ? "The client blocked the bot." : "The client unblocked the bot.",
        attachments: [],
        notice: { kind: event.blocked ? "bot_blocked" : "bot_unblocked" },
      });
      d.touch({ botBlocked: event.blocked, preview: message });
      return d.done({ message });
    }
  }
}

function deliver(message: Message, delayMs: number, eager: boolean): Effect {
  return { kind: "deliver", clientId: message.clientId, messageId: message.id, delayMs, eager };
}

/** Accumulates a decision: numbers events with the dialog's sequence and keeps the client current. */
class Draft {
  client: Client | null;
  created = false;
  messages: Message[] = [];
  events: DialogEvent[] = [];
  effects: Effect[] = [];
  #clientChanged = false;
  #error: Decision["reply"]["error"];

  constructor(readonly state: DialogState, readonly now: number) {
    this.client = state.client;
  }

  requireClient(): Client | null {
    if (!this.client) this.#error = { status: 404, message: "No such client." };
    return this.client;
  }

  fail(status: 404 | 409, message: string): Decision {
    this.#error = { status, message };
    return this.done();
  }

  #event(type: EventType, extra: Partial<DialogEvent>) {
    const client = this.client!;
    this.client = { ...client, seq: client.seq + 1 };
    this.events.push({
      type,
      clientId: client.id,
      seq: client.seq + 1,
      at: new Date(this.now).toISOString(),
      ...extra,
    });
  }

  addMessage(m: Omit<Message, "id" | "clientId" | "seq" | "createdAt">): Message {
    const seq = this.client!.seq + 1;
    const message: Message = {
      ...m,
      id: messageIdFor(this.client!.id, seq),
      clientId: this.client!.id,
      seq,
      createdAt: new Date(this.now).toISOString(),
    };
    this.#event("message.created", { message });
    this.messages.push(message);
    return message;
  }

  updateMessage(m: Message): Message {
    this.#event("message.updated", { message: m });
    this.messages.push(m);
    return m;
  }

  /** Changes client fields; activity (the default) also moves the dialog up the inbox. */
  touch(patch: Partial<Omit<Client, "preview">> & { preview?: Message }, activity = true) {
    const { preview, ...rest } = patch;
    const at = new Date(this.now).toISOString();
    this.client = {
      ...this.client!,
      ...rest,
      ...(activity ? { lastActivityAt: at } : {}),
      ...(preview
        ? {
          preview: {
            text: previewText(preview),
            direction: preview.direction,
            at: preview.createdAt,
          },
        }
        : {}),
    };
    this.#clientChanged = true;
  }

  done(reply: Omit<Decision["reply"], "error"> = {}): Decision {
    if (this.client && (this.created || this.#clientChanged)) {
      const carrier = this.events.findLast((e) => e.message);
      if (carrier && !this.created) {
        // The list row rides on the message event: one event, one write.
        carrier.client = this.client;
      } else {
        this.#event(this.created ? "client.created" : "client.updated", {});
        this.events.at(-1)!.client = this.client;
      }
    }
    return {
      client: this.client,
      messages: this.messages,
      events: this.events,
      effects: this.effects,
      reply: { ...reply, error: this.#error },
    };
  }
}

/** One line for the inbox row: the text, or what kind of attachment it is. */
export function previewText(m: Pick<Message, "text" | "attachments">): string {
  const text = m.text.replace(/\s+/g, " ").trim();
  if (text) return text.slice(0, 140);
  const kind = m.attachments[0]?.type;
  return kind ? `[${kind.replace("_", " ")}]` : "";
}

/** A message's id names its dialog and place in it, so it is found without an index. */
export function messageIdFor(clientId: string, seq: number): string {
  return `${clientId}-${seq}`;
}

/** The dialog and sequence number a message id names; null for ids that are not ours. */
export function parseMessageId(id: string): { clientId: string; seq: number } | null {
  const m = id.match(/^([0-9A-HJKMNP-TV-Z]{26})-(\d{1,15})$/);
  return m ? { clientId: m[1], seq: Number(m[2]) } : null;
}
