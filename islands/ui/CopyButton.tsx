import { useEffect, useState } from "preact/hooks";
import { CopyIcon } from "./icons.tsx";

/** Copies with the Clipboard API, or by selecting a hidden field where that is unavailable. */
async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** A small "Copy" button for an id, a URL or a snippet; says "Copied" for a moment. */
export function CopyButton(props: { value: string; label: string; text?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1600);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      class="btn btn-small btn-ghost copy"
      aria-label={props.label}
      onClick={async () => setState(await copyText(props.value) ? "copied" : "failed")}
    >
      <CopyIcon />
      <span aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : props.text ?? "Copy"}
      </span>
    </button>
  );
}
