import { useEffect, useRef, useState } from "preact/hooks";
import { sendMessage } from "../actions.ts";
import { useStore } from "../store.ts";
import { SendIcon } from "./icons.tsx";

/** Drafts survive switching dialogs (for the life of the page). */
const drafts = new Map<string, string>();

/** The reply field: Enter sends, Shift+Enter breaks the line; shown at once, confirmed later. */
export function Composer(props: { clientId: string; warning?: string }) {
  const store = useStore();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(drafts.get(props.clientId) ?? "");
  const [error, setError] = useState("");
  // The dialog on screen now; a send that fails after a switch must not touch another draft.
  const shown = useRef(props.clientId);
  shown.current = props.clientId;

  useEffect(() => {
    setText(drafts.get(props.clientId) ?? "");
    setError("");
    // On a laptop the operator types next; on a phone the keyboard would cover the chat.
    if (matchMedia("(min-width: 761px)").matches) field.current?.focus({ preventScroll: true });
  }, [props.clientId]);

  const update = (value: string) => {
    setText(value);
    drafts.set(props.clientId, value);
  };

  const submit = async () => {
    const body = text.trim();
    if (!body) return;
    const clientId = props.clientId;
    update("");
    setError("");
    const result = await sendMessage(store, clientId, body);
    if (result.ok) return;
    // Give the text back unless something new has been typed meanwhile.
    const restore = !(drafts.get(clientId) ?? "");
    if (restore) drafts.set(clientId, body);
    if (shown.current !== clientId) return;
    setError(result.message);
    if (restore) setText(body);
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {props.warning && <p class="composer-warning">{props.warning}</p>}
      {error && <p class="composer-error" role="alert">{error}</p>}
      <div class="composer-row">
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
        <button
          type="submit"
          class="btn btn-primary send"
          aria-label="Send"
          title="Send (Enter)"
          disabled={!text.trim()}
        >
          <SendIcon />
        </button>
      </div>
      <p class="composer-hint only-wide">
        <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
      </p>
    </form>
  );
}
