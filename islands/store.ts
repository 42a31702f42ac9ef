import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { batch, computed, signal } from "@preact/signals";
import { ScheduledLists } from "./scheduled_lists.ts";
import type { BotFlow, ChannelType, Client, DialogEvent, Message } from "../kv/records.ts";

/** The signed-in employee, as pages pass it to the islands. */
export interface Me {
  id: string;
  name: string;
  email: string;
}

/** A connected channel, as the client card shows it. */
export interface ChannelInfo {
  id: string;
  name: string;
  type: ChannelType;
  /** The bot flow the channel's clients go through ("Linked to a bot"). */
  flowId?: string;
}

/** A message in the chat; `pending` ones were typed here and are not confirmed yet. */
export type ChatMessage = Message & { pending?: boolean };

/** One dialog's loaded history. */
export interface Thread {
  items: ChatMessage[];
  /** Older messages exist on the server. */
  hasMore: boolean;
  /** The first page has arrived (events that came before it are kept). */
  loaded: boolean;
  loadingOlder: boolean;
  error?: string;
}

/** A window open over the inbox, for one client (and for resend, one of their messages). */
export type Modal =
  | { kind: "scheduled" | "funnel"; clientId: string }
  | { kind: "resend"; clientId: string; messageId: string };

/** What the phone layout shows: one column at a time. */
export type Pane = "list" | "chat" | "card";

export type Connection = "connecting" | "live" | "reconnecting" | "offline";

/** Initial data the server renders with; each island's props are a slice of it. */
export interface Seed {
  me?: Me;
  clients?: Client[];
  nextCursor?: string | null;
  selectedId?: string | null;
  client?: Client | null;
  messages?: Message[];
  hasMore?: boolean;
  channels?: ChannelInfo[];
  /** Bot flows the page already knows (those the channels are linked to). */
  flows?: BotFlow[];
  /** The event-log position the page was rendered at: the live stream resumes from it. */
  eventsFrom?: string;
  /** The project's time zone: every date on the page is shown in it (SPEC L2). */
  timeZone?: string;
}

const PENDING_SEQ = Number.MAX_SAFE_INTEGER;

/** Pinned first, then newest activity, then id — the server's inbox order. */
export function compareClients(a: Client, b: Client): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const t = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  if (t !== 0) return t;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function bySeq(a: ChatMessage, b: ChatMessage): number {
  return a.seq - b.seq || (a.createdAt < b.createdAt ? -1 : 1);
}

/** The page's state: the inbox, loaded chats and what is selected. Islands read its signals. */
export class InboxStore {
  me = signal<Me | null>(null);
  clients = signal<ReadonlyMap<string, Client>>(new Map());
  nextCursor = signal<string | null>(null);
  loadingMore = signal(false);
  /** The search box's text; `searchIds` holds the matching clients while it is not empty. */
  query = signal("");
  searchIds = signal<string[] | null>(null);
  searchCursor = signal<string | null>(null);
  searching = signal(false);
  threads = signal<ReadonlyMap<string, Thread>>(new Map());
  selectedId = signal<string | null>(null);
  pane = signal<Pane>("list");
  listHidden = signal(false);
  channels = signal<ChannelInfo[]>([]);
  flows = signal<ReadonlyMap<string, BotFlow>>(new Map());
  /** Scheduled messages of the clients whose window has been opened; kept live by events. */
  scheduled = new ScheduledLists((id) => this.versions.get(id) === Number.MAX_SAFE_INTEGER);
  modal = signal<Modal | null>(null);
  connection = signal<Connection>("connecting");
  /** The clock the time labels are rendered against; ticks every minute in the browser. */
  now = signal(Date.now());
  /** The project's time zone, which every time label is shown in. */
  timeZone = signal("UTC");
  eventsFrom = "";

  /** The last event seq applied per dialog: an event at or below it changes nothing. */
  readonly lastSeq = new Map<string, number>();
  /** The seq of the event that last wrote each message, so a replay cannot roll it back. */
  readonly versions = new Map<string, number>();

  rows = computed(() => {
    const all = this.clients.value;
    const ids = this.searchIds.value;
    const list = ids
      ? ids.map((id) => all.get(id)).filter((c): c is Client => !!c)
      : [...all.values()];
    return list.sort(compareClients);
  });
  selected = computed(() => {
    const id = this.selectedId.value;
    return id ? this.clients.value.get(id) ?? null : null;
  });
  /** The bot flow of the open client: their own, else their channel's. */
  selectedFlowId = computed(() => {
    const c = this.selected.value;
    if (!c) return null;
    return c.flowId ?? this.channels.value.find((ch) => ch.id === c.channelId)?.flowId ?? null;
  });
  thread = computed(() => {
    const id = this.selectedId.value;
    return id ? this.threads.value.get(id) ?? null : null;
  });
  totalUnread = computed(() => {
    let n = 0;
    for (const c of this.clients.value.values()) n += c.unread;
    return n;
  });

  /** Takes in server-rendered data. Dialogs seen here start their event count at their seq. */
  seed(data: Seed): void {
    batch(() => {
      if (data.me) this.me.value = data.me;
      if (data.timeZone) this.timeZone.value = data.timeZone;
      if (data.channels) this.channels.value = data.channels;
      for (const f of data.flows ?? []) this.putFlow(f);
      if (data.eventsFrom !== undefined) this.eventsFrom = data.eventsFrom;
      if (data.nextCursor !== undefined) this.nextCursor.value = data.nextCursor;
      for (const c of [...(data.clients ?? []), ...(data.client ? [data.client] : [])]) {
        this.putClient(c);
        if (!this.lastSeq.has(c.id)) this.lastSeq.set(c.id, c.seq);
      }
      if (data.selectedId !== undefined) {
        this.selectedId.value = data.selectedId;
        this.pane.value = data.selectedId ? "chat" : "list";
      }
      if (data.client && data.messages) {
        this.startThread(data.client.id);
        this.mergeHistory(data.client.id, data.messages, data.hasMore ?? false);
      }
    });
  }

  /** Adds or refreshes a client row; an older copy never replaces a newer one. */
  putClient(c: Client): void {
    const old = this.clients.value.get(c.id);
    if (old && old.seq > c.seq) return;
    const next = new Map(this.clients.value);
    next.set(c.id, c);
    this.clients.value = next;
  }

  removeClient(id: string): void {
    const next = new Map(this.clients.value);
    next.delete(id);
    this.clients.value = next;
    if (this.selectedId.value === id) this.selectedId.value = null;
  }

  /** Applies a live event once: replays and duplicates are ignored by the dialog's seq. */
  applyEvent(e: DialogEvent): boolean {
    if (e.seq <= (this.lastSeq.get(e.clientId) ?? -1)) return false;
    this.lastSeq.set(e.clientId, e.seq);
    batch(() => {
      if (e.type === "client.deleted") return this.removeClient(e.clientId);
      if (e.client) this.putClient(e.client);
      if (e.type === "message.deleted" && e.message) this.dropMessage(e.message);
      else if (e.message) this.putMessage(e.message, e.seq);
      if (e.message) this.scheduled.track(e.message, e.type === "message.deleted");
    });
    return true;
  }

  #setThread(clientId: string, patch: Partial<Thread>): void {
    const old = this.threads.value.get(clientId);
    if (!old) return;
    const next = new Map(this.threads.value);
    next.set(clientId, { ...old, ...patch });
    this.threads.value = next;
  }

  /** Opens an empty thread that collects live messages until its first page arrives. */
  startThread(clientId: string): void {
    if (this.threads.value.has(clientId)) return;
    const next = new Map(this.threads.value);
    next.set(clientId, { items: [], hasMore: false, loaded: false, loadingOlder: false });
    this.threads.value = next;
  }

  patchThread(clientId: string, patch: Partial<Thread>): void {
    this.#setThread(clientId, patch);
  }

  /** A message from a live event (`version` = the event's seq) into an open thread. */
  putMessage(m: Message, version: number): void {
    const thread = this.threads.value.get(m.clientId);
    if (!thread) return;
    if ((this.versions.get(m.id) ?? -1) > version) return;
    this.versions.set(m.id, version);
    const known = thread.items.some((x) => x.id === m.id);
    let items = thread.items.filter((x) => x.id !== m.id);
    // The echo of a message typed here replaces its optimistic copy.
    if (m.direction === "out" && !known) {
      const twin = items.find((x) => x.pending && x.text === m.text);
      if (twin) items = items.filter((x) => x !== twin);
    }
    items.push(m);
    this.#setThread(m.clientId, { items: items.sort(bySeq) });
  }

  putFlow(flow: BotFlow): void {
    const next = new Map(this.flows.value);
    next.set(flow.id, flow);
    this.flows.value = next;
  }

  /** A deleted message leaves the thread; its id is remembered so a late copy stays out. */
  dropMessage(m: Message): void {
    this.versions.set(m.id, Number.MAX_SAFE_INTEGER);
    const thread = this.threads.value.get(m.clientId);
    if (!thread) return;
    this.#setThread(m.clientId, { items: thread.items.filter((x) => x.id !== m.id) });
  }

  /** Fetched history: fills in what live events have not already brought. */
  mergeHistory(clientId: string, messages: Message[], hasMore?: boolean): void {
    const thread = this.threads.value.get(clientId);
    if (!thread) return;
    const have = new Set(thread.items.map((m) => m.id));
    const fresh = messages.filter((m) => !have.has(m.id) && !this.versions.has(m.id));
    for (const m of fresh) this.versions.set(m.id, m.seq);
    this.#setThread(clientId, {
      items: [...thread.items, ...fresh].sort(bySeq),
      loaded: true,
      ...(hasMore === undefined ? {} : { hasMore }),
    });
  }

  /** Shows a message the employee just typed (or scheduled), before the server has it. */
  addPending(
    clientId: string,
    text: string,
    later?: { sendAt: string },
  ): ChatMessage | null {
    const me = this.me.value;
    if (!me || !this.threads.value.get(clientId)) return null;
    const m: ChatMessage = {
      id: `pending-${crypto.randomUUID()}`,
      clientId,
      seq: PENDING_SEQ,
      direction: "out",
      author: { kind: "employee", id: me.id, name: me.name },
      text,
      attachments: [],
      createdAt: new Date().toISOString(),
      status: later ? "scheduled" : "queued",
      ...(later ? { sendAt: later.sendAt } : {}),
      pending: true,
    };
    const thread = this.threads.value.get(clientId)!;
    this.#setThread(clientId, { items: [...thread.items, m] });
    return m;
  }

  /** Replaces an optimistic message with the server's (or drops it when `real` is null). */
  settlePending(clientId: string, pendingId: string, real: Message | null): void {
    const thread = this.threads.value.get(clientId);
    if (!thread) return;
    const items = thread.items.filter((m) => m.id !== pendingId);
    if (real && !items.some((m) => m.id === real.id)) {
      this.versions.set(real.id, Math.max(this.versions.get(real.id) ?? -1, real.seq));
      items.push(real);
    }
    this.#setThread(clientId, { items: items.sort(bySeq) });
  }
}

/** A store with the server's data in it. */
export function createStore(seed: Seed = {}): InboxStore {
  const store = new InboxStore();
  store.seed(seed);
  return store;
}

/** The page's store, provided around every island (on the server and in the browser). */
export const StoreContext = createContext<InboxStore | null>(null);

/** The store of the page this island is on. */
export function useStore(): InboxStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("An island rendered outside StoreContext.");
  return store;
}
