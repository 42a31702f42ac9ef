import { type Config, isRemoteKv } from "./config.ts";
import { Delivery } from "./actors/delivery.ts";
import { DialogActor } from "./actors/dialog/actor.ts";
import { inboundCommand } from "./actors/dialog/commands.ts";
import { mimeToInbound, routeMail, startSmtpReceiver } from "./connectors/email/mod.ts";
import type { Mailbox, MailItem } from "./actors/mailbox/mod.ts";
import { AppError } from "./errors.ts";
import { QueueMailbox } from "./actors/mailbox/queue.ts";
import { TableMailbox } from "./actors/mailbox/table.ts";
import { connectors } from "./connectors/mod.ts";
import type { ApiBases } from "./connectors/types.ts";
import { Channels } from "./kv/channels.ts";
import { Clients } from "./kv/clients.ts";
import { keys } from "./kv/keys.ts";
import type { Client } from "./kv/records.ts";
import { InboxSweeper } from "./kv/inbox_sweeper.ts";
import { Committer } from "./kv/committer.ts";
import { Employees } from "./kv/employees.ts";
import { Flows } from "./kv/flows.ts";
import { storeInboundFiles } from "./kv/inbound_files.ts";
import { Project } from "./kv/project.ts";
import { EventLog, EventWaker } from "./kv/events.ts";
import { Sessions } from "./kv/sessions.ts";

/** Everything the routes and handlers use, built once per process. */
export interface Services {
  config: Config;
  kv: Deno.Kv;
  api: ApiBases;
  actor: DialogActor;
  mailbox: Mailbox;
  delivery: Delivery;
  events: EventLog;
  waker: EventWaker;
  employees: Employees;
  flows: Flows;
  project: Project;
  sessions: Sessions;
  channels: Channels;
  clients: Clients;
  /** Where the built-in SMTP receiver listens, when it runs. */
  smtpPort: number | null;
  close(): Promise<void>;
}

/** Opens the store and wires the services together; starts the queue listener. */
export async function openServices(config: Config): Promise<Services> {
  if (config.kvPath && !/^(:memory:|https?:\/\/)/.test(config.kvPath)) {
    const dir = config.kvPath.replace(/[^/]*$/, "");
    if (dir) await Deno.mkdir(dir, { recursive: true });
  }
  const kv = await Deno.openKv(config.kvPath || undefined);
  const api: ApiBases = {
    telegram: config.TELEGRAM_API_BASE.replace(/\/+$/, ""),
    metaGraph: config.META_GRAPH_BASE.replace(/\/+$/, ""),
    vk: config.VK_API_BASE.replace(/\/+$/, ""),
    viber: config.VIBER_API_BASE.replace(/\/+$/, ""),
  };
  const committer = new Committer(kv);
  const useTable = (config.MAILBOX ?? (isRemoteKv(config) ? "table" : "queue")) === "table";
  const mailbox: Mailbox = useTable
    ? new TableMailbox(kv, config.MAILBOX_CONCURRENCY)
    : new QueueMailbox(kv, config.MAILBOX_CONCURRENCY);
  const stopCron = new AbortController();
  if (mailbox instanceof TableMailbox) {
    // The safety net: an instance that slept through its timers catches up within a minute.
    Deno.cron(
      "switchboard mailbox",
      "* * * * *",
      { signal: stopCron.signal },
      () => mailbox.tick(),
    );
  }
  const flows = new Flows(kv);
  const actor = new DialogActor(kv, committer, mailbox, flows);
  const sweeper = new InboxSweeper(kv);
  actor.onStaleInbox = (key) => sweeper.add(key);
  const delivery = new Delivery(kv, actor, mailbox, connectors, api);
  actor.onEager = (effects) => {
    for (const e of effects) {
      if (e.kind !== "deliver") continue;
      delivery.deliver({ kind: "deliver", clientId: e.clientId, messageId: e.messageId }).catch((
        err,
      ) =>
        console.error(`delivery: eager send of ${e.messageId} (client ${e.clientId}) failed`, err)
      );
    }
  };
  mailbox.listen((item) =>
    runItem(item).catch((e) => {
      // A timer for a client or message deleted since: nothing is left to do.
      if (e instanceof AppError && e.status === 404) return;
      throw e;
    })
  );
  async function runItem(item: MailItem): Promise<void> {
    switch (item.kind) {
      case "deliver":
        return await delivery.deliver(item);
      case "fire":
        await actor.run({ ...item, kind: "fire" });
        return;
      case "resumeBot":
        await actor.run({ ...item, kind: "resumeBot", author: { kind: "system" } });
        return;
      case "lookupProfile":
        return await lookupProfile(item.clientId);
    }
  }
  /** Best effort: a lookup the messenger refuses leaves the stand-in name, and is not retried. */
  async function lookupProfile(clientId: string): Promise<void> {
    const client = (await kv.get<Client>(keys.client(clientId))).value;
    if (!client?.nameProvisional) return;
    const channel = await channels.get(client.channelId);
    const lookup = channel && connectors[channel.type]?.profile;
    const found = lookup ? await lookup(channel, client.platformId, api) : null;
    if (found) await actor.run({ kind: "profileFound", clientId, ...found });
  }
  const channels = new Channels(kv);
  // E-mail channels also take mail directly, as an MX: each mail is stored before the 250.
  const smtp = config.SMTP_PORT === undefined ? null : await startSmtpReceiver({
    port: config.SMTP_PORT,
    accepts: async (address) => routeMail(await channels.list(), { rcptTo: [address] }) !== null,
    onMessage: async (raw, envelope) => {
      const channel = routeMail(await channels.list(), envelope);
      if (!channel) throw new Error(`no e-mail channel for ${envelope.rcptTo.join(", ")}`);
      const events = await storeInboundFiles(kv, channel.id, await mimeToInbound(raw, channel));
      for (const event of events) {
        await actor.run(inboundCommand(channel, event));
      }
    },
  });
  const waker = new EventWaker(kv);
  const windowMs = config.EVENT_WINDOW_MS ?? (isRemoteKv(config) ? 5_000 : 250);
  return {
    config,
    kv,
    api,
    actor,
    mailbox,
    delivery,
    events: new EventLog(kv, windowMs),
    waker,
    employees: new Employees(kv, config.PASSWORD_ITERATIONS),
    flows,
    project: new Project(kv),
    sessions: new Sessions(kv),
    channels,
    smtpPort: smtp?.port ?? null,
    clients: new Clients(kv, sweeper),
    async close() {
      stopCron.abort();
      await smtp?.close();
      mailbox.stop();
      waker.stop();
      await sweeper.close();
      kv.close();
      await Promise.resolve();
    },
  };
}
