import type { Inbound, Profile } from "../../connectors/types.ts";
import type { Author, ChannelType } from "../../kv/records.ts";

/** How a command names its dialog: by client id, or by the messenger's id for the client. */
export type DialogRef =
  | { clientId: string }
  | { channelId: string; channelType: ChannelType; platformId: string };

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
  }
  /** An employee (or the API) writes to the client. */
  | { kind: "reply"; clientId: string; author: Author; text: string }
  /** A sender wants to deliver an outgoing message: granted only if nobody else holds it. */
  | { kind: "claimDelivery"; clientId: string; messageId: string; leaseMs: number }
  /** What the messenger answered to a send. */
  | { kind: "deliveryResult"; clientId: string; messageId: string; outcome: DeliveryOutcome }
  /** An employee asks to send a failed message again. */
  | { kind: "retry"; clientId: string; messageId: string }
  /** An employee opened the dialog. */
  | { kind: "markRead"; clientId: string };

export type DeliveryOutcome =
  | { ok: true; externalId: string }
  | { ok: false; retryAfterMs: number; reason: string }
  | { ok: false; reason: string; clientBlocked?: boolean };

export type { Profile };

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

/** The message a command acts on, if any (loaded with the state and checked at commit). */
export function messageIdOf(command: Command): string | undefined {
  return "messageId" in command ? command.messageId : undefined;
}
