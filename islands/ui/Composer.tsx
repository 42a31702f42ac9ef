import { useEffect, useRef, useState } from "preact/hooks";
import { sendMessage } from "../actions.ts";
import { useStore } from "../store.ts";
import { ClockIcon, FunnelIcon, SendIcon } from "./icons.tsx";
import { TimerPopover } from "./TimerPopover.tsx";

/** Drafts survive switching dialogs (for the life of the page). */
const drafts = new Map<string, string>();

/**
 * The reply field: Enter sends, Shift+Enter breaks the line; shown at once, confirmed later.
 * Beside it: send a block from the bot flow (H5) and the timer that sends later (H7).
 */
export function Composer(props: { clientId: string; warning?: string }) {
  const store = useStore();
  const field = useRef<HTMLTextAreaElement>(null);
  const clock = useRef<HTMLButtonElement>(null);
  const [text, setText] = useState(drafts.get(props.clientId) ?? "");
  const [error, setError] = useState("");
  const [timer, setTimer] = useState(false);
  // The dialog on screen now; a send that fails after a switch must not touch another draft.
  const shown = useRef(props.clientId);
  shown.current = props.clientId;

  useEffect(() => {
    setText(drafts.get(props.clientId) ?? "");
    setError("");
    setTimer(false);
    // On a laptop the operator types next; on a phone the keyboard would cover the chat.
    if (matchMedia("(min-width: 761px)").matches) field.current?.focus({ preventScroll: true });
  }, [props.clientId]);

  const update = (value: string) => {
    setText(value);
    drafts.set(props.clientId, value);
  };

  /** Sends the text now, or at `sendAt`; resolves with the error shown, or null. */
  const submit = async (sendAt?: number): Promise<string | null> => {
    const body = text.trim();
    if (!body) return null;
    const clientId = props.clientId;
    update("");
    setError("");
    const result = await sendMessage(store, clientId, body, sendAt);
    if (result.ok) {
      if (sendAt !== undefined && shown.current === clientId) setTimer(false);
      return null;
    }
    // Give the text back unless something new has been typed meanwhile.
    const restore = !(drafts.get(clientId) ?? "");
    if (restore) drafts.set(clientId, body);
    if (shown.current !== clientId) return result.message;
    // The timer shows its own error beside the time that was picked.
    if (sendAt === undefined) setError(result.message);
    if (restore) setText(body);
    return result.message;
  };

  return (
    <div class="composer">
      {props.warning && <p class="composer-warning">{props.warning}</p>}
      {error && <p class="composer-error" role="alert">{error}</p>}
      {timer && (
        <TimerPopover
          ready={!!text.trim()}
          anchor={clock.current}
          onSchedule={(at) => submit(at)}
          onClose={() => setTimer(false)}
        />
      )}
      <form
        class="composer-row"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          ref={field}
          aria-label="Message"
          placeholder="Write a message…"
          rows={2}
          maxLength={4096}
          value={text}
          onInput={(e) => update(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter" || e.shiftKey || e.altKey || e.isComposing) return;
            e.preventDefault();
            submit();
          }}
        />
        <div class="composer-tools">
          <button
            type="button"
            class="icon-btn tool"
            aria-label="Send from funnel"
            title="Send a block of the bot flow"
            onClick={() => store.modal.value = { kind: "funnel", clientId: props.clientId }}
          >
            <FunnelIcon />
          </button>
          <button
            ref={clock}
            type="button"
            class={`icon-btn tool${timer ? " is-on" : ""}`}
            aria-label="Schedule message"
            title="Send later"
            aria-haspopup="dialog"
            aria-expanded={timer}
            onClick={() => setTimer(!timer)}
          >
            <ClockIcon />
          </button>
        </div>
        <button
          type="submit"
          class="btn btn-primary send"
          aria-label="Send"
          title="Send (Enter)"
          disabled={!text.trim()}
        >
          <SendIcon />
        </button>
      </form>
      <p class="composer-hint only-wide">
        <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
      </p>
    </div>
  );
}
