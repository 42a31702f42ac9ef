import { render } from "preact";
import { type Boot, WidgetApi } from "./api.ts";
import { App } from "./App.tsx";
import { ChatStore } from "./store.ts";
import { CSS } from "./styles.ts";

// Baked in by the embed script (routes/widget/script.ts), which wraps this bundle.
declare const __switchboard: Boot | undefined;

/** Puts the widget on the host page, inside a shadow root the page's CSS cannot reach. */
async function mount(boot: Boot) {
  if (document.getElementById("switchboard-chat")) return;
  const host = document.createElement("div");
  host.id = "switchboard-chat";
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = CSS;
  const root = document.createElement("div");
  shadow.append(style, root);
  const store = new ChatStore(new WidgetApi(boot));
  if (!(await store.start())) return;
  document.body.append(host);
  render(<App store={store} />, root);
}

const boot = typeof __switchboard !== "undefined" ? __switchboard : undefined;
if (boot) {
  if (document.body) void mount(boot);
  else document.addEventListener("DOMContentLoaded", () => void mount(boot), { once: true });
}
