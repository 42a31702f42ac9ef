/** Resending a message to the client, on their channel or through another one (SPEC G10). */
import type { ChannelType, Client, Message } from "../kv/records.ts";
import { api, ApiError, errorText } from "./api.ts";
import type { ChannelInfo, InboxStore } from "./store.ts";

/** What the resend window sends: no `channelId` means the client's own channel. */
export interface ResendRequest {
  channelId?: string;
  to?: string;
  subject?: string;
}

/** The client's address on a channel of this type, as far as their card knows it. */
export function knownAddress(client: Client, type: ChannelType): string {
  if (type === "email") return client.email ?? "";
  if (type === "whatsapp" || type === "viber") return client.phone?.replace(/\D/g, "") ?? "";
  return "";
}

/** What the address field asks for on a channel of this type, and what it is called in a sentence. */
export function addressHint(type: ChannelType): { label: string; help: string; noun: string } {
  switch (type) {
    case "email":
      return {
        label: "E-mail address",
        help: "The client's address; the mail starts a thread.",
        noun: "e-mail address",
      };
    case "whatsapp":
      return {
        label: "Phone number",
        help: "With the country code, digits only (4915112345678).",
        noun: "phone number",
      };
    case "viber":
      return {
        label: "Viber user ID",
        help: "The client's ID in that Viber bot.",
        noun: "Viber user ID",
      };
    case "telegram":
      return {
        label: "Telegram chat ID",
        help: "The client's chat ID with that bot; they must have written to it once.",
        noun: "Telegram chat ID",
      };
    default:
      return {
        label: "Client's ID there",
        help: "The client's ID on that channel.",
        noun: "ID on that channel",
      };
  }
}

/** The channels a message can be resent through: the client's own first, then the others. */
export function resendChoices(client: Client, channels: ChannelInfo[]): ChannelInfo[] {
  const own = channels.find((c) => c.id === client.channelId) ??
    { id: client.channelId, name: "The client's channel", type: client.channelType };
  return [own, ...channels.filter((c) => c.id !== client.channelId)];
}

/** The subject to start from when the message goes out as mail. */
export function startingSubject(client: Client, message: Message): string {
  return message.subject ?? client.thread?.subject ?? "";
}

/** Why a resend was refused: the server's code ("no_address") and its message. */
export interface ResendProblem {
  code: string;
  message: string;
}

/**
 * Sends the message again; the copy shows in the chat at once and the live stream moves its
 * state on. Resolves with why the server refused, or null.
 */
export async function resendMessage(
  store: InboxStore,
  clientId: string,
  messageId: string,
  request: ResendRequest,
): Promise<ResendProblem | null> {
  const e = encodeURIComponent;
  try {
    const copy = await api<Message>(
      `/api/clients/${e(clientId)}/messages/${e(messageId)}/resend`,
      { body: request },
    );
    // The live event may have brought it already, perhaps further along: that copy stays.
    const shown = store.threads.value.get(clientId)?.items.some((m) => m.id === copy.id);
    if (!shown) store.putMessage(copy, copy.seq);
    return null;
  } catch (err) {
    return { code: err instanceof ApiError ? err.code : "error", message: errorText(err) };
  }
}
