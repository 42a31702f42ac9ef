import type { Command } from "./commands.ts";
import type { Decision, Draft } from "./draft.ts";
import { answerWithFlow } from "./flow.ts";

type InboundCommand = Extract<Command, { kind: "inbound" }>;

const STATUS_ORDER: Record<string, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** Whether a receipt "up to" a time or a messenger id covers one of our messages. */
function coveredBy(
  r: { upTo?: string; upToId?: string },
  m: { createdAt: string; externalId?: string },
): boolean {
  if (r.upTo !== undefined) return Date.parse(m.createdAt) <= Date.parse(r.upTo);
  const id = m.externalId ?? "";
  if (r.upToId === undefined || !/^\d{1,20}$/.test(id)) return false;
  // Ids as digit strings: shorter is smaller, then by digits (past 2^53 without rounding).
  return id.length !== r.upToId.length ? id.length < r.upToId.length : id <= r.upToId;
}

/** What the messenger told us: the client writes, edits, presses a button, blocks the bot. */
export function onInbound(d: Draft, command: InboundCommand): Decision {
  const { event } = command;
  const p = event.profile;
  // Receipts, unsends and reactions are about an existing dialog; they never start one.
  if (
    !d.client &&
    (event.kind === "status" || event.kind === "receiptsUpTo" || event.kind === "unsent" ||
      event.kind === "reaction")
  ) {
    return d.done();
  }
  if (!d.client) {
    d.client = {
      id: command.newClientId,
      channelId: command.channelId,
      channelType: command.channelType,
      platformId: p.platformId,
      chatId: p.chatId,
      name: p.name || p.username || p.platformId,
      username: p.username,
      phone: p.phone,
      ...(p.email ? { email: p.email } : {}),
      avatarUrl: p.avatarUrl,
      languageCode: p.languageCode,
      createdAt: d.iso,
      lastActivityAt: d.iso,
      unread: 0,
      pinned: false,
      botBlocked: false,
      seq: 0,
      ...(command.flowId ? { flowId: command.flowId } : {}),
      ...(p.provisional ? { nameProvisional: true } : {}),
    };
    d.created = true;
    if (p.provisional) d.effects.push({ kind: "lookupProfile", clientId: d.client.id, delayMs: 0 });
  } else {
    if (p.phone && !d.client.phone) d.client = { ...d.client, phone: p.phone };
    if (p.email && !d.client.email) d.client = { ...d.client, email: p.email };
    // A channel linked to a flow after the client arrived brings them into it now.
    if (!d.client.flowId && command.flowId) d.client = { ...d.client, flowId: command.flowId };
  }
  const client = d.client;
  switch (event.kind) {
    case "message": {
      const message = d.addMessage({
        direction: "in",
        author: { kind: "client" },
        text: event.text,
        attachments: event.attachments,
        externalId: event.externalId,
        ...(event.subject !== undefined ? { subject: event.subject } : {}),
      });
      d.touch({ unread: client.unread + 1, preview: message, botBlocked: false });
      if (event.subject !== undefined) {
        d.touch({
          thread: extendThread(client.thread, event.subject, event.references, event.externalId),
        }, false);
      }
      answerWithFlow(d, { kind: "text", text: event.text });
      return d.done({ message });
    }
    case "edited": {
      const original = d.state.target;
      if (original) {
        const message = d.updateMessage({
          ...original,
          text: event.text,
          attachments: event.attachments,
          editedAt: d.iso,
        }, original);
        if (client.preview?.at === original.createdAt) d.touch({ preview: message }, false);
        return d.done({ message });
      }
      // The original never reached us (sent before the channel was connected): keep the new text.
      const message = d.addMessage({
        direction: "in",
        author: { kind: "client" },
        text: event.text,
        attachments: event.attachments,
        externalId: event.externalId,
        editedAt: d.iso,
      });
      d.touch({ unread: client.unread + 1, preview: message });
      return d.done({ message });
    }
    case "button": {
      const toBlock = event.data.match(/^block:(\d+)$/)?.[1];
      const message = d.addMessage({
        direction: "system",
        author: { kind: "client" },
        text: toBlock
          ? `Pressed a button (to block ${toBlock}).`
          : `Pressed a button: ${event.data}`,
        attachments: [],
        notice: { kind: "button", data: event.data },
      });
      d.touch({ unread: client.unread + 1, preview: message });
      answerWithFlow(d, { kind: "button", data: event.data });
      return d.done({ message });
    }
    case "status": {
      const m = d.state.target;
      if (!m || m.direction !== "out") return d.done();
      const next = STATUS_ORDER[event.status];
      const now = STATUS_ORDER[m.status ?? "queued"] ?? 0;
      // Receipts arrive out of order; a later state never goes back ("read" before "delivered").
      if (event.status !== "failed" && next <= now) return d.done();
      if (event.status === "failed" && (m.status === "read" || m.status === "failed")) {
        return d.done();
      }
      const updated = d.updateMessage({
        ...m,
        status: event.status,
        ...(event.status === "failed"
          ? { error: event.reason ?? "The messenger could not deliver it." }
          : {}),
        leaseUntil: undefined,
      }, m);
      return d.done({ message: updated });
    }
    case "receiptsUpTo": {
      for (const m of d.state.unread ?? []) {
        if (!coveredBy(event, m)) continue;
        if (STATUS_ORDER[event.status] <= (STATUS_ORDER[m.status ?? "queued"] ?? 0)) continue;
        if (m.status !== "sent" && m.status !== "delivered") continue;
        d.updateMessage({ ...m, status: event.status }, m);
      }
      return d.done();
    }
    case "unsent": {
      const m = d.state.target;
      if (!m || m.unsentAt) return d.done();
      return d.done({ message: d.updateMessage({ ...m, unsentAt: d.iso }, m) });
    }
    case "reaction": {
      const m = d.state.target;
      if (!m || (m.reaction ?? "") === event.emoji) return d.done();
      const { reaction: _, ...rest } = m;
      const updated = event.emoji ? { ...rest, reaction: event.emoji } : rest;
      return d.done({ message: d.updateMessage(updated, m) });
    }
    case "botBlocked": {
      if (!d.created && client.botBlocked === event.blocked) return d.done();
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

const THREAD_IDS = 20;

/** The e-mail thread after one more mail: its subject (without "Re:") and Message-IDs. */
export function extendThread(
  thread: { subject: string; messageIds: string[] } | undefined,
  subject: string,
  references: string[] = [],
  messageId?: string,
): { subject: string; messageIds: string[] } {
  const ids = [...(thread?.messageIds ?? [])];
  for (const id of [...references, ...(messageId ? [messageId] : [])]) {
    if (id && !ids.includes(id)) ids.push(id);
  }
  return {
    subject: thread?.subject || subject.replace(/^\s*((re|fwd?|aw|ответ)\s*:\s*)+/i, "").trim(),
    messageIds: ids.slice(-THREAD_IDS),
  };
}
