import { useRef, useState } from "preact/hooks";
import { ClipIcon, SendIcon } from "./icons.tsx";
import type { ChatStore } from "./store.ts";

/** The text box, the attach button and send: Enter sends, Shift+Enter breaks the line. */
export function Composer(
  props: { store: ChatStore; inputRef: { current: HTMLTextAreaElement | null } },
) {
  const [text, setText] = useState("");
  const file = useRef<HTMLInputElement>(null);

  const grow = (el: HTMLTextAreaElement) => {
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  };
  const submit = () => {
    if (!text.trim()) return;
    void props.store.send(text);
    setText("");
    const box = props.inputRef.current;
    if (box) {
      box.value = "";
      grow(box);
    }
  };

  return (
    <form
      class="sb-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={props.inputRef}
        class="sb-input"
        rows={1}
        placeholder="Write a message…"
        aria-label="Message"
        maxLength={4000}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          grow(e.currentTarget);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <input
        ref={file}
        type="file"
        class="sb-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept="image/*,application/pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.txt,.csv,.zip"
        onChange={(e) => {
          const chosen = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (chosen) void props.store.send(text, chosen).then(() => setText(""));
        }}
      />
      <button
        type="button"
        class="sb-icon-btn sb-attach"
        aria-label="Attach a file"
        title="Attach a file (10 MB at most)"
        onClick={() => file.current?.click()}
      >
        <ClipIcon />
      </button>
      <button type="submit" class="sb-send" aria-label="Send" disabled={!text.trim()}>
        <SendIcon />
      </button>
    </form>
  );
}
