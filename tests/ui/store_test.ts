import assert from "node:assert/strict";
import type { Client, DialogEvent, Message } from "../../kv/records.ts";
import { compareClients, createStore } from "../../islands/store.ts";

const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 9, min)).toISOString();

function client(id: string, patch: Partial<Client> = {}): Client {
  return {
    id,
    channelId: "CH",
    channelType: "telegram",
    platformId: `p-${id}`,
    chatId: `p-${id}`,
    name: `Client ${id}`,
    createdAt: at(0),
    lastActivityAt: at(0),
    unread: 0,
    pinned: false,
    botBlocked: false,
    seq: 1,
    ...patch,
  };
}

function message(clientId: string, seq: number, patch: Partial<Message> = {}): Message {
  return {
    id: `${clientId}-${seq}`,
    clientId,
    seq,
    direction: "in",
    author: { kind: "client" },
    text: `text ${seq}`,
    attachments: [],
    createdAt: at(seq),
    ...patch,
  };
}

const me = { id: "E1", name: "Dana", email: "dana@example.com" };

function event(type: DialogEvent["type"], seq: number, extra: Partial<DialogEvent>): DialogEvent {
  return { type, clientId: "A", seq, at: at(seq), ...extra };
}

Deno.test("an event applied twice changes nothing", () => {
  const store = createStore({ me, clients: [client("A", { seq: 1 })] });
  const e = event("client.updated", 2, { client: client("A", { seq: 2, unread: 3 }) });
  assert.equal(store.applyEvent(e), true);
  const after = store.clients.value;
  assert.equal(store.applyEvent(e), false);
  assert.equal(store.clients.value, after);
  assert.equal(store.clients.value.get("A")?.unread, 3);
});

Deno.test("events the server-rendered page already shows are skipped", () => {
  const store = createStore({ clients: [client("A", { seq: 5, name: "Fresh" })] });
  const stale = event("client.updated", 4, { client: client("A", { seq: 4, name: "Old" }) });
  assert.equal(store.applyEvent(stale), false);
  assert.equal(store.clients.value.get("A")?.name, "Fresh");
});

Deno.test("an older copy of a client never replaces a newer one", () => {
  const store = createStore({ clients: [client("A", { seq: 7, name: "New" })] });
  store.putClient(client("A", { seq: 6, name: "Old" }));
  assert.equal(store.clients.value.get("A")?.name, "New");
});

Deno.test("the list is pinned first, then newest activity", () => {
  const rows = [
    client("old", { lastActivityAt: at(1) }),
    client("pin", { lastActivityAt: at(0), pinned: true }),
    client("new", { lastActivityAt: at(9) }),
  ].sort(compareClients);
  assert.deepEqual(rows.map((c) => c.id), ["pin", "new", "old"]);
});

Deno.test("a live message joins an open thread in seq order; unopened threads ignore it", () => {
  const store = createStore({
    clients: [client("A"), client("B")],
    client: client("A"),
    selectedId: "A",
    messages: [message("A", 1), message("A", 3)],
  });
  store.applyEvent(event("message.created", 2, { message: message("A", 2) }));
  store.applyEvent(event("message.created", 4, { message: message("B", 4), clientId: "B" }));
  assert.deepEqual(store.threads.value.get("A")?.items.map((m) => m.seq), [1, 2, 3]);
  assert.equal(store.threads.value.get("B"), undefined);
});

Deno.test("a sent message shows once: optimistic copy, live echo and the 202", () => {
  const store = createStore({ me, clients: [client("A")], client: client("A"), messages: [] });
  const pending = store.addPending("A", "hello")!;
  const real = message("A", 2, {
    direction: "out",
    author: { kind: "employee", id: "E1", name: "Dana" },
    text: "hello",
    status: "queued",
  });
  // The live event can beat the HTTP answer.
  store.applyEvent(event("message.created", 2, { message: real }));
  store.applyEvent(event("message.updated", 3, { message: { ...real, status: "sent" } }));
  store.settlePending("A", pending.id, real);
  const items = store.threads.value.get("A")!.items;
  assert.deepEqual(items.map((m) => [m.id, m.status]), [[real.id, "sent"]]);
});

Deno.test("the 202 first, then the live events: still one message, at its latest status", () => {
  const store = createStore({ me, clients: [client("A")], client: client("A"), messages: [] });
  const pending = store.addPending("A", "hi")!;
  assert.equal(store.threads.value.get("A")!.items[0].pending, true);
  const real = message("A", 2, { direction: "out", text: "hi", status: "queued" });
  store.settlePending("A", pending.id, real);
  store.applyEvent(event("message.created", 2, { message: real }));
  store.applyEvent(event("message.updated", 3, { message: { ...real, status: "sent" } }));
  const items = store.threads.value.get("A")!.items;
  assert.deepEqual(items.map((m) => [m.id, m.status]), [[real.id, "sent"]]);
});

Deno.test("a failed send leaves nothing behind in the thread", () => {
  const store = createStore({ me, clients: [client("A")], client: client("A"), messages: [] });
  const pending = store.addPending("A", "lost")!;
  store.settlePending("A", pending.id, null);
  assert.deepEqual(store.threads.value.get("A")!.items, []);
});

Deno.test("fetched history does not roll back what live events brought", () => {
  const store = createStore({ clients: [client("A")] });
  store.startThread("A");
  const m = message("A", 2, { direction: "out", status: "queued" });
  store.applyEvent(event("message.updated", 3, { message: { ...m, status: "sent" } }));
  store.mergeHistory("A", [message("A", 1), m], false);
  const items = store.threads.value.get("A")!.items;
  assert.deepEqual(items.map((x) => [x.seq, x.status]), [[1, undefined], [2, "sent"]]);
  assert.equal(store.threads.value.get("A")!.loaded, true);
});

Deno.test("a deleted message leaves the thread and stays out", () => {
  const store = createStore({
    clients: [client("A")],
    client: client("A"),
    messages: [message("A", 1), message("A", 2)],
  });
  store.applyEvent(event("message.deleted", 3, { message: message("A", 2) }));
  store.mergeHistory("A", [message("A", 2)]);
  assert.deepEqual(store.threads.value.get("A")!.items.map((m) => m.seq), [1]);
});

Deno.test("a deleted client leaves the list and the selection", () => {
  const store = createStore({ clients: [client("A")], selectedId: "A" });
  store.applyEvent(event("client.deleted", 9, {}));
  assert.equal(store.clients.value.size, 0);
  assert.equal(store.selectedId.value, null);
});

/** A scheduled message of client A, due `min` minutes into the test day. */
function later(seq: number, min: number, patch: Partial<Message> = {}): Message {
  return message("A", seq, {
    direction: "out",
    status: "scheduled",
    sendAt: at(min),
    timerVersion: 1,
    ...patch,
  });
}

Deno.test("a scheduled list is soonest first and follows live events", () => {
  const store = createStore({ clients: [client("A")] });
  store.scheduled.start("A");
  store.scheduled.merge("A", [later(2, 50), later(3, 40)]);
  const ids = () => store.scheduled.get("A")!.items.map((m) => m.seq);
  assert.deepEqual(ids(), [3, 2]);
  store.applyEvent(event("message.created", 4, { message: later(4, 45) }));
  assert.deepEqual(ids(), [3, 4, 2]);
  store.applyEvent(event("message.updated", 5, { message: later(2, 30, { timerVersion: 2 }) }));
  assert.deepEqual(ids(), [2, 3, 4]);
  // Sent at its time: it leaves the list.
  store.applyEvent(event("message.updated", 6, { message: later(3, 40, { status: "queued" }) }));
  assert.deepEqual(ids(), [2, 4]);
  store.applyEvent(event("message.deleted", 7, { message: later(4, 45) }));
  assert.deepEqual(ids(), [2]);
});

Deno.test("a scheduled list fetched while events arrive keeps what the events said", () => {
  const store = createStore({ clients: [client("A")] });
  store.scheduled.start("A");
  store.applyEvent(event("message.updated", 5, { message: later(2, 30, { timerVersion: 2 }) }));
  store.applyEvent(event("message.deleted", 6, { message: later(3, 40) }));
  // The answer was read before those events.
  store.scheduled.merge("A", [later(2, 50), later(3, 40), later(4, 60)]);
  const list = store.scheduled.get("A")!;
  assert.equal(list.loaded, true);
  assert.deepEqual(list.items.map((m) => [m.seq, m.sendAt]), [[2, at(30)], [4, at(60)]]);
});

Deno.test("a late answer to a reschedule does not undo a newer one", () => {
  const store = createStore({ clients: [client("A")] });
  store.scheduled.start("A");
  store.scheduled.merge("A", [later(2, 50)]);
  store.applyEvent(event("message.updated", 5, { message: later(2, 20, { timerVersion: 3 }) }));
  store.scheduled.put(later(2, 35, { timerVersion: 2 }));
  assert.equal(store.scheduled.get("A")!.items[0].sendAt, at(20));
  // Lists nobody opened are not kept.
  store.applyEvent(event("message.created", 6, { clientId: "B", message: later(6, 10) }));
  assert.equal(store.scheduled.get("B"), undefined);
});

Deno.test("a message scheduled here shows at once and its echo replaces it", () => {
  const store = createStore({ me, clients: [client("A")], client: client("A"), messages: [] });
  const pending = store.addPending("A", "later", { sendAt: at(90) })!;
  assert.equal(pending.status, "scheduled");
  assert.equal(pending.sendAt, at(90));
  const real = later(2, 90, { text: "later" });
  store.applyEvent(event("message.created", 2, { message: real }));
  store.settlePending("A", pending.id, real);
  assert.deepEqual(store.threads.value.get("A")!.items.map((m) => m.id), [real.id]);
});
