import { ulid } from "ulid";
import type { CommitPlan, Committer } from "../../kv/committer.ts";
import { DEDUPE_TTL_MS, keys } from "../../kv/keys.ts";
import type { Client, Message } from "../../kv/records.ts";
import { AppError } from "../../errors.ts";
import type { Mailbox } from "../mailbox.ts";
import { type Command, type DialogRef, messageIdOf, refOf } from "./commands.ts";
import { decide, type Decision, type DialogState, type Effect } from "./decide.ts";

/** What the actor loaded, with the versionstamps its commit will check. */
interface Loaded extends DialogState {
  clientVs: string | null;
  targetVs: string | null;
  /** Already stored under this messenger update id: the command is a retry. */
  duplicate: boolean;
  dedupeKey: Deno.KvKey | null;
}

export interface ActorResult {
  /** False when the command was a duplicate of one already stored. */
  applied: boolean;
  client: Client | null;
  message?: Message;
  granted?: boolean;
}

/** Mints fresh ids for a command that may create a client or a message. */
export function newIds() {
  return { clientId: ulid(), messageId: ulid() };
}

const MAX_TRIES = 64;

/**
 * The dialog actor: load the dialog, decide purely, commit state + messages + events + effects
 * in one atomic operation checked on the versionstamps read; on conflict, load and decide again.
 */
export class DialogActor {
  /** Called after each commit with the effects to run now in this process. */
  onEager: (effects: Effect[]) => void = () => {};

  constructor(
    readonly kv: Deno.Kv,
    readonly committer: Committer,
    readonly mailbox: Mailbox,
    readonly clock: () => number = Date.now,
  ) {}

  /** Runs a command to completion; throws AppError for commands the dialog refuses. */
  async run(command: Command): Promise<ActorResult> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const loaded = await this.#load(command);
      if (loaded.duplicate) return { applied: false, client: loaded.client };
      const decision = decide(loaded, command, this.clock());
      if (decision.reply.error) {
        throw new AppError(
          decision.reply.error.status,
          decision.reply.error.status === 404 ? "not_found" : "conflict",
          decision.reply.error.message,
        );
      }
      const plan = this.#plan(loaded, decision);
      if (!plan) return { applied: true, client: decision.client, ...decision.reply };
      const result = await this.committer.commit(plan);
      if (!result.ok) continue;
      const eager = decision.effects.filter((e) => e.eager);
      if (eager.length > 0) this.onEager(eager);
      return { applied: true, client: decision.client, ...decision.reply };
    }
    throw new Error(
      `Dialog ${JSON.stringify(refOf(command))} kept conflicting; gave up after ${MAX_TRIES} tries`,
    );
  }

  async #load(command: Command): Promise<Loaded> {
    const ref: DialogRef = refOf(command);
    let clientId: string | null = null;
    let dedupeKey: Deno.KvKey | null = null;
    if ("clientId" in ref) {
      clientId = ref.clientId;
    } else if (command.kind === "inbound") {
      dedupeKey = keys.dedupe(
        command.channelId,
        `${command.event.kind}:${command.event.updateKey}`,
      );
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
        };
      }
      clientId = byPlatform.value;
    }
    const clientEntry = clientId ? await this.kv.get<Client>(keys.client(clientId)) : null;
    const client = clientEntry?.value ?? null;
    let target: Deno.KvEntryMaybe<Message> | null = null;
    const messageId = messageIdOf(command);
    if (client && messageId) {
      const at = await this.kv.get<[string, number]>(keys.messageById(messageId));
      if (at.value && at.value[0] === client.id) {
        target = await this.kv.get<Message>(keys.message(...at.value));
      }
    } else if (client && command.kind === "inbound" && command.event.kind === "edited") {
      const at = await this.kv.get<[string, number]>(
        keys.messageByExternal(client.channelId, client.chatId, command.event.externalId),
      );
      if (at.value && at.value[0] === client.id) {
        target = await this.kv.get<Message>(keys.message(...at.value));
      }
    }
    return {
      client,
      target: target?.value ?? null,
      clientVs: clientEntry?.versionstamp ?? null,
      targetVs: target?.versionstamp ?? null,
      duplicate: false,
      dedupeKey,
    };
  }

  /** Turns a decision into the writes of one atomic commit; null when nothing changes. */
  #plan(loaded: Loaded, decision: Decision): CommitPlan | null {
    const { client } = decision;
    if (!client) return null;
    const before = loaded.client;
    const changed = client !== before;
    if (!changed && decision.messages.length === 0 && !loaded.dedupeKey) return null;
    const plan: CommitPlan = {
      checks: [{ key: keys.client(client.id), versionstamp: loaded.clientVs }],
      sets: [],
      deletes: [],
      events: decision.events,
    };
    if (!before) {
      plan.checks.push({
        key: keys.clientByPlatform(client.channelId, client.platformId),
        versionstamp: null,
      });
      plan.sets.push({
        key: keys.clientByPlatform(client.channelId, client.platformId),
        value: client.id,
      });
    }
    if (loaded.target) {
      plan.checks.push({
        key: keys.message(loaded.target.clientId, loaded.target.seq),
        versionstamp: loaded.targetVs,
      });
    }
    if (loaded.dedupeKey) {
      plan.checks.push({ key: loaded.dedupeKey, versionstamp: null });
      plan.sets.push({ key: loaded.dedupeKey, value: client.id, expireIn: DEDUPE_TTL_MS });
    }
    if (changed) {
      plan.sets.push({ key: keys.client(client.id), value: client });
      const oldInbox = before &&
        keys.inbox(before.pinned, Date.parse(before.lastActivityAt), before.id);
      const newInbox = keys.inbox(client.pinned, Date.parse(client.lastActivityAt), client.id);
      if (oldInbox && JSON.stringify(oldInbox) !== JSON.stringify(newInbox)) {
        plan.deletes.push(oldInbox);
      }
      plan.sets.push({ key: newInbox, value: client.id });
    }
    for (const m of decision.messages) {
      plan.sets.push({ key: keys.message(m.clientId, m.seq), value: m });
      if (!loaded.target || loaded.target.id !== m.id) {
        plan.sets.push({ key: keys.messageById(m.id), value: [m.clientId, m.seq] });
      }
      if (m.externalId && m.externalId !== loaded.target?.externalId) {
        plan.sets.push({
          key: keys.messageByExternal(client.channelId, client.chatId, m.externalId),
          value: [m.clientId, m.seq],
        });
      }
    }
    const queued = decision.effects;
    if (queued.length > 0) {
      plan.effects = (op) => {
        for (const e of queued) {
          this.mailbox.addTo(op, { kind: e.kind, clientId: e.clientId, messageId: e.messageId }, {
            delayMs: e.delayMs,
          });
        }
        return queued.length;
      };
    }
    return plan;
  }
}
