import { useEffect, useRef, useState } from "preact/hooks";
import type { BotFlow, Client, Message } from "../../kv/records.ts";
import { cancelScheduled, loadScheduled, reschedule, sendNow } from "../scheduled.ts";
import { dateInput, dateTime, fromInputs, timeInput, zoneLabel } from "../time.ts";
import { type InboxStore, useStore } from "../store.ts";
import { CancelIcon, ClockIcon, MailIcon } from "./icons.tsx";
import { Modal } from "./Modal.tsx";

/**
 * The scheduled-messages window (SPEC B9): every message waiting for its time, soonest first.
 * A new date and time take effect only with Confirm; each row also sends now or cancels.
 * The list is live: what another employee changes shows here at once.
 */
export function ScheduledWindow(props: { client: Client; flow: BotFlow | null; onClose(): void }) {
  const store = useStore();
  const { client } = props;
  const list = store.scheduled.get(client.id);

  // Fetched on opening (and again if a reconnect dropped the list); events keep it current.
  const missing = list === undefined;
  const fetchedFor = useRef("");
  useEffect(() => {
    if (fetchedFor.current === client.id && !missing) return;
    fetchedFor.current = client.id;
    loadScheduled(store, client.id);
  }, [client.id, missing]);

  const items = list?.items ?? [];
  return (
    <Modal
      title="Scheduled messages"
      subtitle={
        <>
          {client.name} · times in {zoneLabel(store.timeZone.value, store.now.value)}
        </>
      }
      onClose={props.onClose}
      class="modal-scheduled"
    >
      {list?.error && <p class="form-error" role="alert">{list.error}</p>}
      {!list?.loaded && items.length === 0 && !list?.error && (
        <p class="modal-note" role="status">Loading…</p>
      )}
      {list?.loaded && items.length === 0 && !list.error && (
        <p class="modal-note" role="status">No messages are waiting to be sent.</p>
      )}
      {items.length > 0 && (
        <ul class="sched-list" role="list" aria-label="Scheduled messages">
          {items.map((m) => (
            // A new send time from anyone resets the row's inputs to it.
            <ScheduledRow key={`${m.id}@${m.sendAt}`} store={store} message={m} flow={props.flow} />
          ))}
        </ul>
      )}
    </Modal>
  );
}

function ScheduledRow(props: { store: InboxStore; message: Message; flow: BotFlow | null }) {
  const { store, message: m } = props;
  const zone = store.timeZone.value;
  const at = Date.parse(m.sendAt ?? m.createdAt);
  const [date, setDate] = useState(dateInput(at, zone));
  const [time, setTime] = useState(timeInput(at, zone));
  const [busy, setBusy] = useState<"" | "confirm" | "send" | "cancel">("");
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState("");
  const picked = fromInputs(date, time, zone);
  const changed = date !== dateInput(at, zone) || time !== timeInput(at, zone);
  const block = m.blockNumber === undefined
    ? undefined
    : props.flow?.blocks.find((b) => b.number === m.blockNumber);
  const label = m.text.trim() || block?.name || (m.blockNumber ? `Block ${m.blockNumber}` : "");

  const run = async (kind: typeof busy, action: () => Promise<string | null>) => {
    setBusy(kind);
    setError("");
    const problem = await action();
    // A success removes or re-keys this row; only a failure leaves it here to update.
    if (problem) {
      setError(problem);
      setBusy("");
    }
  };

  const confirm = () => {
    if (!changed || busy) return;
    if (Number.isNaN(picked)) return setError("Pick both a date and a time.");
    run("confirm", () => reschedule(store, m, picked));
  };

  const ids = `sched-${m.id}`;
  return (
    <li class="sched-row" data-message-id={m.id}>
      <div class="sched-what">
        {m.blockNumber !== undefined && (
          <span class="block-tag" title={block?.name || undefined}>Block {m.blockNumber}</span>
        )}
        <p class="sched-text">{label}</p>
      </div>
      <p class="sched-when">
        <ClockIcon size={14} />
        <span>
          Sends{" "}
          <time dateTime={m.sendAt}>
            {dateTime(m.sendAt ?? m.createdAt, store.now.value, zone)}
          </time>
        </span>
      </p>
      <div class="sched-actions">
        <label class="sr-only" for={`${ids}-date`}>New date</label>
        <input
          id={`${ids}-date`}
          type="date"
          value={date}
          min={dateInput(store.now.value, zone)}
          onInput={(e) => {
            setDate(e.currentTarget.value);
            setError("");
          }}
          onKeyDown={(e) => e.key === "Enter" && confirm()}
        />
        <label class="sr-only" for={`${ids}-time`}>New time</label>
        <input
          id={`${ids}-time`}
          type="time"
          value={time}
          onInput={(e) => {
            setTime(e.currentTarget.value);
            setError("");
          }}
          onKeyDown={(e) => e.key === "Enter" && confirm()}
        />
        <button
          type="button"
          class="btn btn-small btn-primary"
          disabled={!changed || !!busy}
          title={changed ? "Move the message to this time" : "Pick a new date or time first"}
          onClick={confirm}
        >
          {busy === "confirm" ? "Saving…" : "Confirm"}
        </button>
        <span class="sched-icons">
          <button
            type="button"
            class="icon-btn"
            aria-label="Send now"
            title="Send now"
            disabled={!!busy}
            onClick={() => run("send", () => sendNow(store, m))}
          >
            <MailIcon />
          </button>
          <button
            type="button"
            class="icon-btn icon-btn-danger"
            aria-label="Cancel message"
            title="Cancel message"
            aria-expanded={asking}
            disabled={!!busy}
            onClick={() => setAsking(!asking)}
          >
            <CancelIcon />
          </button>
        </span>
      </div>
      {asking && (
        <div class="sched-ask" role="group" aria-label="Cancel this message?">
          <span>Cancel this message? It will not be sent.</span>
          <button
            type="button"
            class="btn btn-small btn-danger"
            disabled={!!busy}
            onClick={() => run("cancel", () => cancelScheduled(store, m))}
          >
            {busy === "cancel" ? "Cancelling…" : "Yes, cancel it"}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setAsking(false)}>
            Keep
          </button>
        </div>
      )}
      {error && <p class="sched-error" role="alert">{error}</p>}
    </li>
  );
}
