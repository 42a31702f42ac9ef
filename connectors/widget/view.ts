import type { Attachment, DialogEvent, Message } from "../../kv/records.ts";

/** A file as the visitor sees it. */
export interface VisitorAttachment {
  type: Attachment["type"];
  url?: string;
  fileName?: string;
  mimeType?: string;
  size?: number;
  width?: number;
  height?: number;
}

/** A message as the visitor's widget sees it: internal fields left out. */
export interface VisitorMessage {
  id: string;
  /** Orders the chat. */
  seq: number;
  /** "in" is the visitor's own; "out" is the business's (an employee or the bot). */
  direction: "in" | "out";
  author: { kind: "visitor" } | { kind: "employee"; name: string } | { kind: "bot" };
  text: string;
  attachments: VisitorAttachment[];
  /** Quick replies under a bot message. */
  buttons?: { text: string; data: string }[];
  /** The button the visitor pressed (its data); the widget shows the button's label. */
  pressed?: string;
  /** The widget's own id for a message it sent, to match it with its optimistic copy. */
  ref?: string;
  status?: "queued" | "sent" | "delivered" | "read";
  createdAt: string;
  editedAt?: string;
}

/** What the visitor's event stream carries. */
export type VisitorEvent =
  | { event: "message"; data: VisitorMessage }
  | { event: "message.removed"; data: { id: string } };

function attachmentView(a: Attachment): VisitorAttachment {
  const { type, url, fileName, mimeType, size, width, height } = a;
  return Object.fromEntries(
    Object.entries({ type, url, fileName, mimeType, size, width, height })
      .filter(([, v]) => v !== undefined),
  ) as unknown as VisitorAttachment;
}

/** The visitor's view of a message, or null for what only employees see. */
export function toVisitorMessage(m: Message): VisitorMessage | null {
  const base = {
    id: m.id,
    seq: m.seq,
    text: m.text,
    attachments: m.attachments.map(attachmentView),
    createdAt: m.createdAt,
    ...(m.editedAt ? { editedAt: m.editedAt } : {}),
  };
  if (m.direction === "in") {
    if (m.unsentAt) return null;
    return {
      ...base,
      direction: "in",
      author: { kind: "visitor" },
      ...(m.externalId ? { ref: m.externalId } : {}),
    };
  }
  if (m.direction === "system") {
    if (m.notice?.kind !== "button" || m.author.kind !== "client") return null;
    return {
      ...base,
      text: "",
      attachments: [],
      direction: "in",
      author: { kind: "visitor" },
      pressed: m.notice.data ?? "",
    };
  }
  const status = m.status ?? "sent";
  if (status === "scheduled" || status === "failed") return null;
  return {
    ...base,
    direction: "out",
    author: m.author.kind === "employee" ? { kind: "employee", name: m.author.name } : {
      kind: "bot",
    },
    ...(m.buttons?.length ? { buttons: m.buttons.map(({ text, data }) => ({ text, data })) } : {}),
    status,
  };
}

/** What a dialog event means to the visitor, or null when it is nothing of theirs to see. */
export function toVisitorEvent(e: DialogEvent): VisitorEvent | null {
  if (!e.message || e.type === "message.deleted") return null;
  const view = toVisitorMessage(e.message);
  if (view) return { event: "message", data: view };
  // An employee's message shown while queued disappears if it could not be delivered.
  if (e.message.direction === "out" && e.message.status === "failed") {
    return { event: "message.removed", data: { id: e.message.id } };
  }
  return null;
}
