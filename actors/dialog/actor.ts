import type { Committer } from "../../kv/committer.ts";
import { keys } from "../../kv/keys.ts";
import { scheduledOf } from "../../kv/clients.ts";
import type { Flows } from "../../kv/flows.ts";
import type { BotFlow, Client, Message } from "../../kv/records.ts";
import { AppError } from "../../errors.ts";
import type { Mailbox } from "../mailbox/mod.ts";
import { type Command, refOf } from "./commands.ts";
import { planCommit, staleInbox } from "./plan.ts";
import { decide, type DialogState, type Effect, parseMessageId } from "./decide.ts";

/** What the actor loaded, with the versionstamps its commit will check. */
export interface Loaded extends DialogState {
  clientVs: string | null;
  targetVs: string | null;
  /** Already stored under this messenger update id: the command is a retry. */
  duplicate: boolean;
  /** The versionstamps of the `unread` messages, by message id. */
  unreadVs?: Map<string, string>;
  dedupeKey: Deno.KvKey | null;
}

export interface ActorResult {
  /** False when the command was a duplicate of one already stored. */
  applied: boolean;
  client: Client | null;
  message?: Message;
  granted?: boolean;
}

/** The in-process key of a dialog named by the messenger's id for the client. */
function platformKey(r: { channelId: string; platformId: string }): string {
  return `${r.channelId}\u0000${r.platformId}`;
}

export { newClientId } from "./commands.ts";

const MAX_TRIES = 64;
const CACHE_SIZE = 20_000;
const EDIT_LOOKBACK = 500;
// A receipt by time updates at most this many of the latest messages, each checked in the commit.
const UNREAD_LOOKBACK = 200;
const UNREAD_MAX = 40;

/**
 * The dialog actor: load the dialog, decide purely, commit state + messages + events + effects
 * in one atomic operation checked on the versionstamps read; on conflict, load and decide again.
 *
 * Dialog states this process committed are kept in a small cache with their versionstamps. KV
 * stays the truth: a cached state another process has since changed fails the commit's check,
 * and the retry reads KV. Likewise duplicate updates are caught by the dedupe key's check, and
 * only a failed commit reads it.
 */
export class DialogActor {
  /** Called after each commit with the effects to run now in this process. */
  onEager: (effects: Effect[]) => void = () => {};
  /** Called after a commit that moved the client's inbox entry, with the entry left behind. */
  onStaleInbox: (key: Deno.KvKey) => void = () => {};
  #cache = new Map<string, { client: Client; vs: string }>();
  #byPlatform = new Map<string, string>();
  #running = new Map<string, Promise<void>>();

  constructor(
    readonly kv: Deno.Kv,
    readonly committer: Committer,
    readonly mailbox: Mailbox,
    readonly flows: Flows,
    readonly clock: () => number = Date.now,
  ) {}

  /** Runs a command to completion; throws AppError for commands the dialog refuses. */
  run(command: Command): Promise<ActorResult> {
    // One command at a time per dialog in this process: the next one starts from the state the
    // previous one committed, instead of failing its check against it.
    const ref = refOf(command);
    const key = "clientId" in ref
      ? ref.clientId
      : this.#byPlatform.get(platformKey(ref)) ?? platformKey(ref);
    const previous = this.#running.get(key);
    const current = previous ? previous.then(() => this.#run(command)) : this.#run(command);
    const settled = current.then(() => {}, () => {});
    this.#running.set(key, settled);
    settled.then(() => {
      if (this.#running.get(key) === settled) this.#running.delete(key);
    });
    return current;
  }

  async #run(command: Command): Promise<ActorResult> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const loaded = await this.#load(command, attempt > 0);
      if (loaded.duplicate) return { applied: false, client: loaded.client };
      const decision = decide(loaded, command, this.clock());
      const error = decision.reply.error;
      if (error) {
        throw new AppError(
          error.status,
          error.status === 404 ? "not_found" : "conflict",
          error.message,
        );
      }
      const plan = planCommit(loaded, decision, this.mailbox);
      if (!plan) return { applied: true, client: decision.client, ...decision.reply };
      const result = await this.committer.commit(plan);
      if (!result.ok) {
        this.#forget(decision.client ?? loaded.client);
        continue;
      }
      const stale = staleInbox(loaded.client, decision.client);
      if (stale) this.onStaleInbox(stale);
      if (decision.client) {
        this.#remember(
          decision.client,
          decision.client !== loaded.client ? result.versionstamp : loaded.clientVs!,
        );
      }
      const eager = decision.effects.filter((e) => e.kind === "deliver" && e.eager);
      if (eager.length > 0) this.onEager(eager);
      return { applied: true, client: decision.client, ...decision.reply };
    }
    throw new Error(
      `Dialog ${JSON.stringify(refOf(command))} kept conflicting; gave up after ${MAX_TRIES} tries`,
    );
  }

  #remember(client: Client, vs: string) {
    this.#cache.delete(client.id);
    this.#cache.set(client.id, { client, vs });
    this.#byPlatform.set(platformKey(client), client.id);
    if (this.#cache.size > CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value!;
      const gone = this.#cache.get(oldest)!.client;
      this.#cache.delete(oldest);
      this.#byPlatform.delete(platformKey(gone));
    }
  }

  #forget(client: Client | null) {
    if (!client) return;
    this.#cache.delete(client.id);
    this.#byPlatform.delete(platformKey(client));
  }

  async #load(command: Command, fresh: boolean): Promise<Loaded> {
    const ref = refOf(command);
    let clientId: string | null = null;
    let dedupeKey: Deno.KvKey | null = null;
    if ("clientId" in ref) {
      clientId = ref.clientId;
    } else if (command.kind === "inbound") {
      dedupeKey = keys.dedupe(command.channelId, command.event.updateKey);
      clientId = this.#byPlatform.get(platformKey(ref)) ?? null;
      if (fresh || !clientId) {
        const [byPlatform, seen] = await this.kv.getMany<[string, string]>([
          keys.clientByPlatform(ref.channelId, ref.platformId),
          dedupeKey,
        ]);
        if (seen.value !== null) {
          return {
            client: null,
            target: null,
            clientVs: null,
            targetVs: null,
            duplicate: true,
            dedupeKey,
            flow: null,
            scheduled: [],
          };
        }
        clientId = byPlatform.value;
      }
    }
    let client: Client | null = null;
    let clientVs: string | null = null;
    const cached = clientId && !fresh ? this.#cache.get(clientId) : undefined;
    if (cached) {
      ({ client, vs: clientVs } = cached);
    } else if (clientId) {
      const entry = await this.kv.get<Client>(keys.client(clientId));
      client = entry.value;
      clientVs = entry.versionstamp;
      if (client && clientVs) this.#remember(client, clientVs);
    }
    let target: Deno.KvEntryMaybe<Message> | null = null;
    if (client && "messageId" in command) {
      const at = parseMessageId(command.messageId);
      if (at && at.clientId === client.id) {
        target = await this.kv.get<Message>(keys.message(client.id, at.seq));
      }
    } else if (client && command.kind === "inbound") {
      const e = command.event;
      if (e.kind === "status" || e.kind === "reaction") {
        // Our own sent messages are indexed by the messenger's id.
        const at = await this.kv.get<number>(
          keys.messageByExternal(client.channelId, client.chatId, e.externalId),
        );
        if (at.value !== null) {
          target = await this.kv.get<Message>(keys.message(client.id, at.value));
        }
      }
      if (!target?.value && (e.kind === "edited" || e.kind === "unsent" || e.kind === "reaction")) {
        target = await this.#recentByExternal(client.id, e.externalId);
      }
    }
    const unread = client && command.kind === "inbound" && command.event.kind === "receiptsUpTo"
      ? await this.#unreadOut(client.id)
      : null;
    const mayMoveInFlow = command.kind === "inbound" || command.kind === "moveToBlock";
    // Only these commands can walk the flow; the rest (deliveries above all) skip its read.
    const flowId = mayMoveInFlow
      ? client?.flowId ?? command.flowId
      : command.kind === "fire" || command.kind === "sendNow"
      ? client?.flowId
      : undefined;
    const flow: BotFlow | null = flowId ? await this.flows.get(flowId) : null;
    const scheduled = client && mayMoveInFlow && (client.scheduled ?? 0) > 0
      ? await scheduledOf(this.kv, client.id)
      : [];
    return {
      client,
      target: target?.value ?? null,
      clientVs,
      targetVs: target?.versionstamp ?? null,
      duplicate: false,
      dedupeKey,
      flow,
      scheduled,
      ...(unread
        ? {
          unread: unread.map((e) => e.value),
          unreadVs: new Map(unread.map((e) => [e.value.id, e.versionstamp])),
        }
        : {}),
    };
  }

  /** Our latest sent messages that are not yet read (a receipt by time may cover them). */
  async #unreadOut(clientId: string): Promise<Deno.KvEntry<Message>[]> {
    const out: Deno.KvEntry<Message>[] = [];
    const recent = this.kv.list<Message>({ prefix: keys.messagesOf(clientId) }, {
      reverse: true,
      limit: UNREAD_LOOKBACK,
    });
    for await (const e of recent) {
      if (
        e.value.direction === "out" && (e.value.status === "sent" || e.value.status === "delivered")
      ) {
        out.push(e);
        if (out.length >= UNREAD_MAX) break;
      }
    }
    return out;
  }

  /**
   * The client's message with this messenger id, among the recent ones. Edits are of recent
   * messages, and leaving inbound messages unindexed saves a random write on every one of them.
   */
  async #recentByExternal(clientId: string, externalId: string) {
    const recent = this.kv.list<Message>({ prefix: keys.messagesOf(clientId) }, {
      reverse: true,
      limit: EDIT_LOOKBACK,
    });
    for await (const e of recent) {
      if (e.value.direction === "in" && e.value.externalId === externalId) return e;
    }
    return null;
  }
}
