import { ChatIcon, ChevronDown } from "./icons.tsx";
import { onColour } from "./format.ts";
import { Panel } from "./Panel.tsx";
import type { ChatStore } from "./store.ts";

/** The launcher bubble, its unread badge, and the chat window when open. */
export function App(props: { store: ChatStore }) {
  const { store } = props;
  const session = store.session.value;
  if (!session) return null;
  const open = store.open.value;
  const unread = store.unread.value;
  const style = `--sb-accent:${session.colour};--sb-on-accent:${onColour(session.colour)}`;
  return (
    <div class={`sb-root${open ? " is-open" : ""}`} style={style}>
      {open && <Panel store={store} />}
      <button
        type="button"
        class="sb-launcher"
        aria-label={open ? "Close chat" : unread > 0 ? `Open chat, ${unread} unread` : "Open chat"}
        aria-expanded={open}
        onClick={() => store.open.value = !open}
      >
        <span class={`sb-launcher-icon${open ? " is-hidden" : ""}`}>
          <ChatIcon />
        </span>
        <span class={`sb-launcher-icon${open ? "" : " is-hidden"}`}>
          <ChevronDown size={28} />
        </span>
        {!open && unread > 0 && (
          <span class="sb-badge" aria-hidden="true">{unread > 9 ? "9+" : unread}</span>
        )}
      </button>
    </div>
  );
}
