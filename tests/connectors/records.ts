import type { Client, Message } from "../../kv/records.ts";

const AT = "2025-03-01T12:00:00.000Z";

/** A client record as the actor stores it, for connector tests; fields may be overridden. */
export function sampleClient(
  fields: Pick<Client, "id" | "channelId" | "channelType" | "chatId" | "name"> & Partial<Client>,
): Client {
  return {
    platformId: fields.chatId,
    createdAt: AT,
    lastActivityAt: AT,
    unread: 0,
    pinned: false,
    botBlocked: false,
    seq: 3,
    ...fields,
  };
}

/** An employee's reply waiting to be sent, for connector tests. */
export function sampleOutgoing(
  fields: Pick<Message, "id" | "clientId" | "text"> & Partial<Message>,
): Message {
  return {
    seq: 4,
    direction: "out",
    author: { kind: "employee", id: "emp_01", name: "Iris" },
    attachments: [],
    createdAt: "2025-03-01T12:01:00.000Z",
    status: "queued",
    ...fields,
  };
}
