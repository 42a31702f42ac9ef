import type { Command } from "./commands.ts";
import type { Decision, Draft } from "./draft.ts";
import { answerWithFlow } from "./flow.ts";

type InboundCommand = Extract<Command, { kind: "inbound" }>;

/** What the messenger told us: the client writes, edits, presses a button, blocks the bot. */
export function onInbound(d: Draft, command: InboundCommand): Decision {
  const { event } = command;
  const p = event.profile;
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
      avatarUrl: p.avatarUrl,
      languageCode: p.languageCode,
      createdAt: d.iso,
      lastActivityAt: d.iso,
      unread: 0,
      pinned: false,
      botBlocked: false,
      seq: 0,
      ...(command.flowId ? { flowId: command.flowId } : {}),
    };
    d.created = true;
  } else {
    if (p.phone && !d.client.phone) d.client = { ...d.client, phone: p.phone };
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
      });
      d.touch({ unread: client.unread + 1, preview: message, botBlocked: false });
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
