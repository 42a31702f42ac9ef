import type { Inbound } from "../../connectors/types.ts";
import { newUlid } from "../../kv/ids.ts";
import type { Attachment, Author, Channel, ChannelType } from "../../kv/records.ts";

/** How a command names its dialog: by client id, or by the messenger's id for the client. */
export type DialogRef =
  | { clientId: string }
  | { channelId: string; channelType: ChannelType; platformId: string };

type ByClient = { clientId: string };
type AboutMessage = ByClient & { messageId: string };

/** Everything that changes a dialog is one of these. */
export type Command =
  /** Something the messenger told us about the client (a message, an edit, a button press…). */
  | {
    kind: "inbound";
    channelId: string;
    channelType: ChannelType;
    event: Inbound;
    /** The id a new client gets, minted outside so `decide` stays pure. */
    newClientId: string;
    /** The bot flow the channel links new clients to. */
    flowId?: string;
  }
  /** An employee (or the API) writes to the client, now or at `sendAt` (epoch ms). */
  | ByClient & {
    kind: "reply";
    author: Author;
    text: string;
    attachments?: Attachment[];
    sendAt?: number;
  }
  /** A sender wants to deliver an outgoing message: granted only if nobody else holds it. */
  | AboutMessage & { kind: "claimDelivery"; leaseMs: number }
  /** What the messenger answered to a send. */
  | AboutMessage & { kind: "deliveryResult"; outcome: DeliveryOutcome }
  /** Send a message again, maybe through another channel to the client's address there (G10). */
  | AboutMessage & {
    kind: "resend";
    author: Author;
    via?: { channelId: string; to: string };
    subject?: string;
  }
  /** An employee asks to send a failed message again. */
  | AboutMessage & { kind: "retry" }
  /** An employee opened the dialog. */
  | ByClient & { kind: "markRead" }
  /** A scheduled message's timer went off. */
  | AboutMessage & { kind: "fire"; version: number }
  /** Move a scheduled message to another time. */
  | AboutMessage & { kind: "reschedule"; sendAt: number }
  /** Send a scheduled message at once. */
  | AboutMessage & { kind: "sendNow" }
  /** Drop a scheduled message. */
  | AboutMessage & { kind: "cancelScheduled" }
  /** Stop the bot answering this client until `until` (epoch ms). */
  | ByClient & { kind: "pauseBot"; until: number; author: Author }
  /** Let the bot answer again: an employee's button, or the pause's own timer (with its version). */
  | ByClient & { kind: "resumeBot"; author: Author; version?: number }
  /** Send a block of the client's bot flow and move them there ("send from funnel"). */
  | ByClient & { kind: "moveToBlock"; block: number; author: Author; flowId?: string }
  /** The messenger's profile lookup answered for a client whose name was a stand-in. */
  | ByClient & { kind: "profileFound"; name?: string; username?: string; avatarUrl?: string };

export type DeliveryOutcome =
  | { ok: true; externalId: string }
  | { ok: false; retryAfterMs: number; reason: string }
  | { ok: false; reason: string; clientBlocked?: boolean };

/** The dialog a command is addressed to. */
export function refOf(command: Command): DialogRef {
  if (command.kind === "inbound") {
    return {
      channelId: command.channelId,
      channelType: command.channelType,
      platformId: command.event.profile.platformId,
    };
  }
  return { clientId: command.clientId };
}

/** A fresh id for a client the command may create. */
export function newClientId(): string {
  return newUlid();
}

/** The command for something a channel's messenger (or the widget) reported. */
export function inboundCommand(
  channel: Pick<Channel, "id" | "type" | "flowId">,
  event: Inbound,
): Command {
  return {
    kind: "inbound",
    channelId: channel.id,
    channelType: channel.type,
    event,
    newClientId: newClientId(),
    flowId: channel.flowId,
  };
}
