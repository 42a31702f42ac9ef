import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { CloseIcon } from "./icons.tsx";

/**
 * A modal window on the native <dialog>: it traps focus, sits above everything, and closes
 * with X, Escape or a click beside it. Rendering it opens it; the owner unmounts it on close.
 */
export function Modal(props: {
  title: string;
  /** A line under the title (the client, the flow). */
  subtitle?: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  class?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(props.onClose);
  close.current = props.onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Back to where the reader was, if that is still on the page.
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={`modal${props.class ? ` ${props.class}` : ""}`}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        // Handled here so the inbox's own Escape (close the card, leave the chat) stays put.
        if (e.key !== "Escape") return;
        e.preventDefault();
        e.stopPropagation();
        close.current();
      }}
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
      onMouseDown={(e) => {
        // The dialog element itself is only "hit" on its backdrop.
        if (e.target === ref.current) close.current();
      }}
    >
      <div class="modal-box">
        <header class="modal-head">
          <div>
            <h2 id={titleId}>{props.title}</h2>
            {props.subtitle && <p class="modal-sub">{props.subtitle}</p>}
          </div>
          <button
            type="button"
            class="icon-btn"
            aria-label="Close"
            title="Close (Esc)"
            onClick={() => close.current()}
          >
            <CloseIcon />
          </button>
        </header>
        <div class="modal-body">{props.children}</div>
        {props.footer && <footer class="modal-foot">{props.footer}</footer>}
      </div>
    </dialog>
  );
}
