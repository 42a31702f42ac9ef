import type { BotFlow, Client, DialogEvent, EventType, Message } from "../../kv/records.ts";

/** What the actor knows before deciding. */
export interface DialogState {
  client: Client | null;
  /** The message the command is about, if any. */
  target: Message | null;
  /** The client's bot flow, when they have one. */
  flow: BotFlow | null;
  /** The client's messages waiting for their send time (loaded when there are any). */
  scheduled: Message[];
  /** Our recent sent messages not yet read, newest first (loaded for `receiptsUpTo`). */
  unread?: Message[];
}

/** A queued follow-up, run by the mailbox after the commit. */
export type Effect =
  | {
    kind: "deliver";
    clientId: string;
    messageId: string;
    delayMs: number;
    /** Run it in this process right after the commit; the queued copy is then the fallback. */
    eager: boolean;
  }
  /** A scheduled message's time has come (if its timer version still matches). */
  | { kind: "fire"; clientId: string; messageId: string; version: number; delayMs: number }
  /** A paused bot's pause ends (if the pause version still matches). */
  | { kind: "resumeBot"; clientId: string; version: number; delayMs: number }
  /** Ask the messenger who a new client is: its webhook carried only an id. */
  | { kind: "lookupProfile"; clientId: string; delayMs: number };

export type DecisionError = { status: 404 | 409; message: string };

/** Everything a command changes, committed together or not at all. */
export interface Decision {
  client: Client | null;
  messages: Message[];
  /** Messages removed from the dialog (a cancelled scheduled message). */
  deleted: Message[];
  events: DialogEvent[];
  effects: Effect[];
  /** The command's answer to its caller. */
  reply: { message?: Message; granted?: boolean; error?: DecisionError };
}

/** The queue copy of an eagerly dispatched send waits this long before it checks on it. */
export const DELIVERY_FALLBACK_MS = 5_000;

export function deliver(message: Message, delayMs: number, eager: boolean): Effect {
  return { kind: "deliver", clientId: message.clientId, messageId: message.id, delayMs, eager };
}

export function fire(message: Message, delayMs: number): Effect {
  return {
    kind: "fire",
    clientId: message.clientId,
    messageId: message.id,
    version: message.timerVersion ?? 1,
    delayMs,
  };
}

/** Accumulates a decision: numbers events with the dialog's sequence and keeps the client current. */
export class Draft {
  client: Client | null;
  created = false;
  messages: Message[] = [];
  deleted: Message[] = [];
  events: DialogEvent[] = [];
  effects: Effect[] = [];
  #clientChanged = false;
  #error: DecisionError | undefined;

  constructor(readonly state: DialogState, readonly now: number) {
    this.client = state.client;
  }

  get iso(): string {
    return new Date(this.now).toISOString();
  }

  requireClient(): Client | null {
    if (!this.client) this.#error = { status: 404, message: "No such client." };
    return this.client;
  }

  /** The target message, or a 404 when the command names none of this dialog's messages. */
  requireTarget(): Message | null {
    if (!this.requireClient()) return null;
    if (!this.state.target) {
      this.#error = { status: 404, message: "No such message in this dialog." };
    }
    return this.state.target;
  }

  fail(status: 404 | 409, message: string): Decision {
    this.#error = { status, message };
    return this.done();
  }

  #event(type: EventType, extra: Partial<DialogEvent>) {
    const client = this.client!;
    this.client = { ...client, seq: client.seq + 1 };
    this.events.push({ type, clientId: client.id, seq: client.seq + 1, at: this.iso, ...extra });
  }

  addMessage(m: Omit<Message, "id" | "clientId" | "seq" | "createdAt">): Message {
    const seq = this.client!.seq + 1;
    const message: Message = {
      ...m,
      id: messageIdFor(this.client!.id, seq),
      clientId: this.client!.id,
      seq,
      createdAt: this.iso,
    };
    this.#event("message.created", { message });
    this.messages.push(message);
    if (message.status === "scheduled") this.#countScheduled(+1);
    return message;
  }

  /** Adds a message to be sent at `sendAt` (epoch ms), and the timer that sends it. */
  schedule(
    m: Omit<
      Message,
      "id" | "clientId" | "seq" | "createdAt" | "status" | "sendAt" | "timerVersion"
    >,
    sendAt: number,
  ): Message {
    const message = this.addMessage({
      ...m,
      status: "scheduled",
      sendAt: new Date(sendAt).toISOString(),
      timerVersion: 1,
    });
    this.effects.push(fire(message, sendAt - this.now));
    return message;
  }

  updateMessage(m: Message, before: Message): Message {
    this.#event("message.updated", { message: m });
    this.messages = [...this.messages.filter((x) => x.id !== m.id), m];
    const was = before.status === "scheduled", is = m.status === "scheduled";
    if (was !== is) this.#countScheduled(is ? +1 : -1);
    return m;
  }

  /** Changes a message without telling anyone (a delivery lease). */
  quietlyUpdate(m: Message) {
    this.messages = [...this.messages.filter((x) => x.id !== m.id), m];
  }

  deleteMessage(m: Message) {
    this.#event("message.deleted", { message: m });
    this.deleted.push(m);
    if (m.status === "scheduled") this.#countScheduled(-1);
  }

  #countScheduled(by: number) {
    this.touch({ scheduled: Math.max(0, (this.client!.scheduled ?? 0) + by) }, false);
  }

  /** Changes client fields; activity (the default) also moves the dialog up the inbox. */
  touch(patch: Partial<Omit<Client, "preview">> & { preview?: Message }, activity = true) {
    const { preview, ...rest } = patch;
    this.client = {
      ...this.client!,
      ...rest,
      ...(activity ? { lastActivityAt: this.iso } : {}),
      ...(preview
        ? {
          preview: {
            text: previewText(preview),
            direction: preview.direction,
            author: preview.author.kind,
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
      deleted: this.deleted,
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
