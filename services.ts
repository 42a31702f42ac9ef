import { type Config, isRemoteKv } from "./config.ts";
import { Delivery } from "./actors/delivery.ts";
import { DialogActor } from "./actors/dialog/actor.ts";
import { type Mailbox, QueueMailbox } from "./actors/mailbox.ts";
import { connectors } from "./connectors/mod.ts";
import type { ApiBases } from "./connectors/types.ts";
import { Channels } from "./kv/channels.ts";
import { Clients } from "./kv/clients.ts";
import { Committer } from "./kv/committer.ts";
import { Employees } from "./kv/employees.ts";
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
  sessions: Sessions;
  channels: Channels;
  clients: Clients;
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
  const mailbox = new QueueMailbox(kv, config.MAILBOX_CONCURRENCY);
  const actor = new DialogActor(kv, committer, mailbox);
  const delivery = new Delivery(kv, actor, mailbox, connectors, api);
  actor.onEager = (effects) => {
    for (const e of effects) {
      delivery.deliver(e).catch((err) =>
        console.error(`delivery: eager send of ${e.messageId} (client ${e.clientId}) failed`, err)
      );
    }
  };
  mailbox.listen(async (item) => {
    if (item.kind === "deliver") await delivery.deliver(item);
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
    sessions: new Sessions(kv),
    channels: new Channels(kv),
    clients: new Clients(kv),
    async close() {
      waker.stop();
      kv.close();
      await Promise.resolve();
    },
  };
}
