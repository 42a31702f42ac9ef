import { useEffect, useRef, useState } from "preact/hooks";
import { useStore } from "../store.ts";
import { dateInput, fromInputs, suggestedSendTime, timeInput, zoneLabel } from "../time.ts";

/**
 * The composer's timer (SPEC H7): a date and a time to send the message at. It starts an hour
 * from now; the message itself stays in the composer until it is scheduled.
 */
export function TimerPopover(props: {
  /** There is text to schedule. */
  ready: boolean;
  /** Schedules the composer's text; resolves with an error text, or null once done. */
  onSchedule: (sendAt: number) => Promise<string | null>;
  onClose: () => void;
  /** The button that opened it: clicks on it toggle rather than count as "outside". */
  anchor: HTMLElement | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLInputElement>(null);
  // Dates are typed in the project's time zone, the one every time in the inbox is shown in.
  const zone = useStore().timeZone.value;
  const [initial] = useState(() => suggestedSendTime(Date.now()));
  const [date, setDate] = useState(dateInput(initial, zone));
  const [time, setTime] = useState(timeInput(initial, zone));
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    first.current?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (box.current?.contains(target) || props.anchor?.contains(target)) return;
      props.onClose();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, []);

  return (
    <div
      ref={box}
      class="timer"
      role="dialog"
      aria-label="Schedule message"
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        // The inbox's own Escape (close the card, leave the chat) stays put.
        e.preventDefault();
        e.stopPropagation();
        props.onClose();
        props.anchor?.focus();
      }}
    >
      <form
        // Checked below, so the reason shows in words rather than in a browser bubble.
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const at = fromInputs(date, time, zone);
          if (Number.isNaN(at)) return setError("Pick a date and a time.");
          if (at <= Date.now()) return setError("Pick a time in the future.");
          setBusy(true);
          setError("");
          const problem = await props.onSchedule(at);
          setBusy(false);
          if (problem) setError(problem);
        }}
      >
        <p class="timer-title">Send later</p>
        <div class="timer-fields">
          <label>
            <span>Date</span>
            <input
              ref={first}
              type="date"
              required
              value={date}
              min={dateInput(Date.now(), zone)}
              onInput={(e) => {
                setDate(e.currentTarget.value);
                setError("");
              }}
            />
          </label>
          <label>
            <span>Time</span>
            <input
              type="time"
              required
              value={time}
              onInput={(e) => {
                setTime(e.currentTarget.value);
                setError("");
              }}
            />
          </label>
        </div>
        <p class="timer-zone">Time zone: {zoneLabel(zone)}</p>
        {error && <p class="timer-error" role="alert">{error}</p>}
        {!props.ready && !busy && (
          <p class="timer-hint">
            Write the message first, then schedule it.
          </p>
        )}
        <div class="timer-actions">
          <button type="button" class="btn btn-small btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn-small btn-primary" disabled={!props.ready || busy}>
            {busy ? "Scheduling…" : "Schedule"}
          </button>
        </div>
      </form>
    </div>
  );
}
