import type { ApiBases, Connector } from "../connectors/types.ts";
import { keys } from "../kv/keys.ts";
import type { Channel } from "../kv/records.ts";
import type { DialogActor } from "./dialog/actor.ts";
import type { Mailbox, MailItem } from "./mailbox/mod.ts";

/** How long one send may hold a message before another sender may take it over. */
export const DELIVERY_LEASE_MS = 15_000;
const SEND_TIMEOUT_MS = 12_000;

/**
 * Sends outgoing messages to the messenger. Runs eagerly right after a reply commits and again
 * from the queue as a fallback; the claim (a lease on the message, taken through the actor)
 * makes sure only one of them sends.
 */
export class Delivery {
  constructor(
    readonly kv: Deno.Kv,
    readonly actor: DialogActor,
    readonly mailbox: Mailbox,
    readonly connectors: Partial<Record<Channel["type"], Connector>>,
    readonly api: ApiBases,
  ) {}

  /** Delivers one message if it still waits to be delivered; safe to call any number of times. */
  async deliver(item: Extract<MailItem, { kind: "deliver" }>): Promise<void> {
    const claim = await this.actor.run({
      kind: "claimDelivery",
      clientId: item.clientId,
      messageId: item.messageId,
      leaseMs: DELIVERY_LEASE_MS,
    });
    const client = claim.client;
    const message = claim.message;
    if (!client || !message) return;
    if (!claim.granted) {
      // Someone holds the lease: look again when it runs out, in case they died.
      if (message.status === "queued" && message.leaseUntil) {
        await this.mailbox.send(item, {
          delayMs: Math.max(0, message.leaseUntil - Date.now()) + 250,
        });
      }
      return;
    }
    // A message resent through another channel goes to the client's address there.
    const channelId = message.via?.channelId ?? client.channelId;
    const channel = (await this.kv.get<Channel>(keys.channel(channelId))).value;
    const to = message.via
      ? {
        ...client,
        channelId,
        channelType: channel?.type ?? client.channelType,
        chatId: message.via.to,
        platformId: message.via.to,
      }
      : client;
    const connector = channel && this.connectors[channel.type];
    const outcome = !channel
      ? { ok: false as const, reason: "The client's channel was removed." }
      : !connector
      ? { ok: false as const, reason: `Sending to ${channel.type} is not supported yet.` }
      : await withTimeout(connector.send(channel, to, message, this.api), SEND_TIMEOUT_MS)
        .catch((e) => {
          console.error(`delivery: send failed for client ${client.id} message ${message.id}`, e);
          return {
            ok: false as const,
            retryAfterMs: 5_000,
            reason: `Could not reach the messenger: ${e instanceof Error ? e.message : e}`,
          };
        });
    await this.actor.run({
      kind: "deliveryResult",
      clientId: client.id,
      messageId: message.id,
      outcome,
    });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
