import type { CommitPlan } from "../../kv/committer.ts";
import { DEDUPE_TTL_MS, isCurrentInbox, keys } from "../../kv/keys.ts";
import type { Client } from "../../kv/records.ts";
import type { Mailbox, MailItem } from "../mailbox/mod.ts";
import type { Loaded } from "./actor.ts";
import type { Decision, Effect } from "./decide.ts";

/** Turns a decision into the writes of one atomic commit; null when nothing changes. */
export function planCommit(
  loaded: Loaded,
  decision: Decision,
  mailbox: Mailbox,
): CommitPlan | null {
  const { client } = decision;
  if (!client) return null;
  const before = loaded.client;
  const changed = client !== before;
  if (
    !changed && decision.messages.length === 0 && decision.deleted.length === 0 &&
    decision.effects.length === 0
  ) return null;
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
  // Messages a receipt by time updates: each was read with its versionstamp, like a target.
  for (const m of decision.messages) {
    const vs = loaded.unreadVs?.get(m.id);
    if (vs) plan.checks.push({ key: keys.message(m.clientId, m.seq), versionstamp: vs });
  }
  const dedupe = loaded.dedupeKey;
  if (dedupe) plan.checks.push({ key: dedupe, versionstamp: null });
  if (changed) {
    plan.sets.push({ key: keys.client(client.id), value: client });
    // The old inbox entry stays for the inbox sweeper (see `staleInbox`).
    const inbox = keys.inboxOf(client);
    if (!before || staleInbox(before, client)) plan.sets.push({ key: inbox, value: client.id });
  }
  for (const m of decision.deleted) {
    plan.deletes.push(keys.message(m.clientId, m.seq));
    if (m.status === "scheduled") plan.deletes.push(keys.scheduled(m.clientId, m.seq));
  }
  for (const m of decision.messages) {
    plan.sets.push({ key: keys.message(m.clientId, m.seq), value: m });
    if (m.status === "scheduled") {
      plan.sets.push({ key: keys.scheduled(m.clientId, m.seq), value: m.sendAt });
    } else if (loaded.target?.id === m.id && loaded.target.status === "scheduled") {
      plan.deletes.push(keys.scheduled(m.clientId, m.seq));
    }
    // Our own sent messages are indexed by the messenger's id, for its receipts to find them.
    if (m.direction === "out" && m.externalId && m.externalId !== loaded.target?.externalId) {
      const key = keys.messageByExternal(client.channelId, client.chatId, m.externalId);
      plan.sets.push({ key, value: m.seq });
    }
  }
  if (dedupe) {
    plan.sets.push({ key: dedupe, value: client.id, expireIn: DEDUPE_TTL_MS });
  }
  const queued = decision.effects;
  if (queued.length > 0) {
    plan.effects = (op) => {
      for (const e of queued) mailbox.addTo(op, toMailItem(e), { delayMs: e.delayMs });
      return queued.length;
    };
  }
  return plan;
}

/** The inbox entry a commit from `before` to `after` leaves behind, if it moved. */
export function staleInbox(before: Client | null, after: Client | null): Deno.KvKey | null {
  if (!before || !after) return null;
  const old = keys.inboxOf(before);
  return isCurrentInbox(old, after) ? null : old;
}

/** The queue item an effect becomes (its delay goes to the mailbox separately). */
function toMailItem(e: Effect): MailItem {
  switch (e.kind) {
    case "deliver":
      return { kind: "deliver", clientId: e.clientId, messageId: e.messageId };
    case "fire":
      return { kind: "fire", clientId: e.clientId, messageId: e.messageId, version: e.version };
    case "resumeBot":
      return { kind: "resumeBot", clientId: e.clientId, version: e.version };
    case "lookupProfile":
      return { kind: "lookupProfile", clientId: e.clientId };
  }
}
