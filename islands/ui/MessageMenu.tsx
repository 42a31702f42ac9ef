import { useEffect, useRef, useState } from "preact/hooks";

/** One thing the message's menu offers. */
export interface MenuAction {
  label: string;
  run: () => void;
}

/**
 * A message's context menu (SPEC G9, G10): a "⋯" button that shows on hover or focus, and a
 * small menu under it. Arrow keys move, Escape closes and gives the focus back to the button.
 */
export function MessageMenu(props: { actions: MenuAction[]; label: string }) {
  const [open, setOpen] = useState(false);
  // Near the bottom of the chat the menu opens upwards, so the stream does not have to scroll.
  const [up, setUp] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const at = button.current?.getBoundingClientRect();
    const frame = button.current?.closest("[role=log]")?.getBoundingClientRect();
    const bottom = frame?.bottom ?? innerHeight;
    setUp(!!at && at.bottom + (menu.current?.offsetHeight ?? 48) + 8 > bottom);
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (menu.current?.contains(target) || button.current?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div class={`msg-menu${open ? " is-open" : ""}`}>
      <button
        ref={button}
        type="button"
        class="msg-menu-btn"
        aria-label={props.label}
        title="More"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        ⋯
      </button>
      {open && (
        <div
          ref={menu}
          class={`msg-menu-list${up ? " is-up" : ""}`}
          role="menu"
          aria-label={props.label}
          onKeyDown={(e) => {
            const items = [
              ...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ??
                []),
            ];
            const at = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === "Escape" || e.key === "Tab") {
              // The inbox's own Escape (leave the chat on a phone) stays put.
              if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
              }
              close();
            } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              const step = e.key === "ArrowDown" ? 1 : -1;
              items[(at + step + items.length) % items.length]?.focus();
            }
          }}
        >
          {props.actions.map((a) => (
            <button
              key={a.label}
              type="button"
              role="menuitem"
              class="msg-menu-item"
              onClick={() => {
                setOpen(false);
                // A window it opens gives the focus back here when it closes.
                button.current?.focus();
                a.run();
              }}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
