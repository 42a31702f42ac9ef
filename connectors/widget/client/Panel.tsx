import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { Composer } from "./Composer.tsx";
import { initials } from "./format.ts";
import { ChevronDown, CloseIcon } from "./icons.tsx";
import { Messages } from "./Messages.tsx";
import type { ChatStore } from "./store.ts";

/** The small form a visitor may fill before writing: how to call them and how to reach them. */
function Intro(props: { store: ChatStore }) {
  const { store } = props;
  const d = store.details.value;
  return (
    <form class="sb-intro" onSubmit={(e) => e.preventDefault()} aria-label="About you">
      <p class="sb-intro-title">
        Introduce yourself <span>(optional)</span>
      </p>
      <input
        class="sb-field"
        name="name"
        autoComplete="name"
        placeholder="Your name"
        aria-label="Your name"
        maxLength={100}
        value={d.name}
        onInput={(e) => store.setDetails({ ...d, name: e.currentTarget.value })}
      />
      <input
        class="sb-field"
        name="contact"
        autoComplete="email"
        placeholder="E-mail or phone, so we can reply later"
        aria-label="E-mail or phone"
        maxLength={200}
        value={d.contact}
        onInput={(e) => store.setDetails({ ...d, contact: e.currentTarget.value })}
      />
    </form>
  );
}

/** The chat window: header, conversation, and the composer. */
export function Panel(props: { store: ChatStore }) {
  const { store } = props;
  const session = store.session.value!;
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const stick = useRef(true);
  const count = store.items.value.length;

  useEffect(() => {
    // On a touch screen focusing would throw the keyboard over the conversation.
    if (matchMedia("(pointer: fine)").matches) input.current?.focus({ preventScroll: true });
  }, []);
  const follow = () => {
    const el = log.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  };
  // Follow new messages, unless the visitor scrolled up to read older ones.
  useLayoutEffect(follow, [count, store.items.value.at(-1)?.id]);

  return (
    <section
      class="sb-panel"
      role="dialog"
      aria-label={`Chat with ${session.title}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") store.open.value = false;
      }}
    >
      <header class="sb-header">
        <span class="sb-avatar" aria-hidden="true">{initials(session.title)}</span>
        <div class="sb-heading">
          <h2 class="sb-title">{session.title}</h2>
          <p class="sb-subtitle">
            {store.live.value || !store.started.value
              ? "We reply here as soon as we can"
              : "Connecting…"}
          </p>
        </div>
        <button
          type="button"
          class="sb-icon-btn sb-close"
          aria-label="Close chat"
          onClick={() => store.open.value = false}
        >
          <ChevronDown />
        </button>
      </header>
      <div
        ref={log}
        class="sb-log"
        role="log"
        aria-label="Messages"
        aria-live="polite"
        // A picture that finishes loading makes the conversation taller.
        onLoadCapture={follow}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
        }}
      >
        <Messages store={store} title={session.title} greeting={session.greeting} />
        {!store.started.value && <Intro store={store} />}
      </div>
      {store.problem.value && (
        <div class="sb-problem" role="alert">
          <span>{store.problem.value}</span>
          <button
            type="button"
            class="sb-icon-btn"
            aria-label="Dismiss"
            onClick={() => store.problem.value = null}
          >
            <CloseIcon />
          </button>
        </div>
      )}
      <Composer store={store} inputRef={input} />
      <p class="sb-foot">Powered by Switchboard</p>
    </section>
  );
}
