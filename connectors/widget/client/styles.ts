/**
 * The widget's stylesheet, injected into its shadow root. Pixel units throughout: the host page's
 * root font size must not scale the widget. `:host` resets everything the page might set.
 */
export const CSS = `
:host {
  all: initial !important;
  display: contents !important;
}
*, *::before, *::after { box-sizing: border-box; }
.sb-root {
  --sb-text: #0f172a;
  --sb-muted: #64748b;
  --sb-line: #e6e8ee;
  --sb-soft: #f1f3f7;
  --sb-radius: 18px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue",
    "Liberation Sans", Arial, sans-serif;
  font-size: 14px;
  line-height: 1.45;
  color: var(--sb-text);
  -webkit-font-smoothing: antialiased;
  text-align: left;
  direction: ltr;
}
button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; background: none; border: 0; padding: 0; }
:focus-visible { outline: 2px solid var(--sb-accent); outline-offset: 2px; }
.sb-hidden { display: none !important; }

.sb-launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border-radius: 50%;
  background: var(--sb-accent); color: var(--sb-on-accent);
  display: grid; place-items: center;
  box-shadow: 0 8px 24px rgba(15, 23, 42, .22), 0 2px 6px rgba(15, 23, 42, .12);
  transition: transform .18s ease, box-shadow .18s ease;
}
.sb-launcher:hover { transform: scale(1.06); box-shadow: 0 10px 28px rgba(15, 23, 42, .26); }
.sb-launcher:active { transform: scale(.97); }
.sb-launcher-icon {
  grid-area: 1 / 1; display: grid; place-items: center;
  transition: opacity .18s ease, transform .22s ease;
}
.sb-launcher-icon.is-hidden { opacity: 0; transform: rotate(-60deg) scale(.6); }
.sb-badge {
  position: absolute; top: -3px; right: -3px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #ef4444; color: #fff; border: 2px solid #fff;
  font-size: 11px; font-weight: 700; line-height: 18px; text-align: center;
  animation: sb-pop .3s cubic-bezier(.3, 1.6, .5, 1);
}

.sb-panel {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
  width: 380px; height: min(660px, calc(100vh - 112px)); max-height: calc(100vh - 112px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 20px;
  box-shadow: 0 16px 48px rgba(15, 23, 42, .2), 0 2px 8px rgba(15, 23, 42, .08);
  transform-origin: bottom right;
  animation: sb-in .22s cubic-bezier(.2, .9, .3, 1.05);
}
.sb-header {
  display: flex; align-items: center; gap: 12px; padding: 18px 14px 18px 18px;
  background: linear-gradient(135deg, var(--sb-accent),
    color-mix(in srgb, var(--sb-accent) 72%, #000));
  color: var(--sb-on-accent);
}
.sb-avatar {
  flex: none; width: 40px; height: 40px; border-radius: 50%;
  display: grid; place-items: center; font-weight: 700; font-size: 15px; letter-spacing: .02em;
  background: color-mix(in srgb, var(--sb-on-accent) 20%, transparent);
  border: 2px solid color-mix(in srgb, var(--sb-on-accent) 35%, transparent);
}
.sb-heading { flex: 1; min-width: 0; }
.sb-title {
  margin: 0; font-size: 17px; font-weight: 700; line-height: 1.25;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.sb-subtitle { margin: 2px 0 0; font-size: 13px; opacity: .85; }
.sb-icon-btn {
  flex: none; width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center;
  color: inherit; opacity: .85; transition: background .15s, opacity .15s;
}
.sb-icon-btn:hover { opacity: 1; background: color-mix(in srgb, currentColor 12%, transparent); }

.sb-log {
  flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 18px 16px 8px;
  display: flex; flex-direction: column; gap: 10px;
}
.sb-day {
  align-self: center; margin: 6px 0 2px; font-size: 12px; font-weight: 600; color: var(--sb-muted);
}
.sb-run { display: flex; gap: 8px; align-items: flex-end; max-width: 100%; }
.sb-run-in { justify-content: flex-end; }
.sb-run-body { display: flex; flex-direction: column; gap: 3px; min-width: 0; max-width: 78%; }
.sb-run-in .sb-run-body { align-items: flex-end; }
.sb-run-out .sb-run-body { align-items: flex-start; }
.sb-avatar-small {
  width: 28px; height: 28px; font-size: 11px; margin-bottom: 20px; border: 0;
  background: var(--sb-accent); color: var(--sb-on-accent);
}
.sb-run-plain .sb-avatar-small { margin-bottom: 0; }
.sb-author { margin: 0 0 1px 12px; font-size: 12px; font-weight: 600; color: var(--sb-muted); }
.sb-bubble-wrap { display: flex; flex-direction: column; gap: 4px; max-width: 100%; }
.sb-run-in .sb-bubble-wrap { align-items: flex-end; }
.sb-bubble {
  padding: 9px 13px; border-radius: var(--sb-radius); white-space: pre-wrap;
  overflow-wrap: anywhere; max-width: 100%;
}
.sb-run-out .sb-bubble { background: var(--sb-soft); color: var(--sb-text); }
.sb-run-out .sb-bubble-wrap:not(:last-of-type) .sb-bubble { border-bottom-left-radius: 6px; }
.sb-run-out .sb-bubble-wrap + .sb-bubble-wrap .sb-bubble { border-top-left-radius: 6px; }
.sb-run-in .sb-bubble { background: var(--sb-accent); color: var(--sb-on-accent); }
.sb-run-in .sb-bubble-wrap:not(:last-of-type) .sb-bubble { border-bottom-right-radius: 6px; }
.sb-run-in .sb-bubble-wrap + .sb-bubble-wrap .sb-bubble { border-top-right-radius: 6px; }
.sb-bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.sb-bubble.is-pressed {
  background: #fff; color: var(--sb-accent); border: 1.5px solid var(--sb-accent); font-weight: 600;
}
.is-sending { opacity: .65; }
.is-failed .sb-bubble { background: #fee2e2; color: #991b1b; }
.sb-meta { margin: 1px 12px 0; font-size: 11px; color: var(--sb-muted); }
.sb-meta-failed { color: #b91c1c; }
.sb-link { color: inherit; font-weight: 600; text-decoration: underline; }

.sb-photo {
  display: block; width: 220px; max-width: 100%; border-radius: 14px; overflow: hidden;
  border: 1px solid var(--sb-line); background: var(--sb-soft);
}
.sb-photo img { display: block; width: 100%; min-height: 60px; max-height: 260px; object-fit: cover; }
.sb-file {
  display: flex; align-items: center; gap: 10px; padding: 10px 12px; max-width: 260px;
  border-radius: 14px; border: 1px solid var(--sb-line); background: #fff;
  color: var(--sb-text); text-decoration: none;
}
.sb-file:hover { border-color: var(--sb-accent); }
.sb-file-icon {
  flex: none; width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center;
  background: color-mix(in srgb, var(--sb-accent) 12%, #fff); color: var(--sb-accent);
}
.sb-file-text { display: flex; flex-direction: column; min-width: 0; }
.sb-file-name {
  font-weight: 600; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.sb-file-size { font-size: 12px; color: var(--sb-muted); }

.sb-quick { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; padding-left: 36px; }
.sb-chip {
  padding: 7px 14px; border-radius: 999px; border: 1.5px solid var(--sb-accent);
  color: var(--sb-accent); background: #fff; font-weight: 600; font-size: 13px;
  transition: background .15s, color .15s;
}
.sb-chip:hover { background: var(--sb-accent); color: var(--sb-on-accent); }

.sb-intro {
  margin: 4px 0 0 36px; padding: 14px; border-radius: 16px; border: 1px solid var(--sb-line);
  background: #fff; box-shadow: 0 1px 3px rgba(15, 23, 42, .06);
  display: flex; flex-direction: column; gap: 8px;
}
.sb-intro-title { margin: 0 0 2px; font-size: 13px; font-weight: 600; }
.sb-intro-title span { font-weight: 400; color: var(--sb-muted); }
.sb-field {
  width: 100%; padding: 9px 11px; border-radius: 10px; border: 1px solid var(--sb-line);
  background: #fafbfc; font-size: 14px; outline: none; transition: border-color .15s, background .15s;
}
.sb-field:focus { border-color: var(--sb-accent); background: #fff; }

.sb-problem {
  display: flex; align-items: center; gap: 8px; margin: 0 12px 8px; padding: 8px 6px 8px 12px;
  border-radius: 12px; background: #fef2f2; color: #991b1b; font-size: 13px;
}
.sb-problem span { flex: 1; }
.sb-problem .sb-icon-btn { width: 28px; height: 28px; }

.sb-composer {
  display: flex; align-items: flex-end; gap: 4px; margin: 0 12px; padding: 6px 6px 6px 14px;
  border: 1px solid var(--sb-line); border-radius: 22px; background: #fff;
  transition: border-color .15s, box-shadow .15s;
}
.sb-composer:focus-within {
  border-color: var(--sb-accent);
  box-shadow: 0 0 0 3px color-mix(in srgb, var(--sb-accent) 15%, transparent);
}
.sb-input {
  flex: 1; min-height: 34px; max-height: 120px; padding: 7px 0; border: 0; outline: none;
  resize: none; background: transparent; font-size: 14px; line-height: 20px;
}
.sb-input::placeholder { color: #94a3b8; }
.sb-attach { color: var(--sb-muted); width: 34px; height: 34px; }
.sb-attach:hover { color: var(--sb-accent); }
.sb-send {
  flex: none; width: 34px; height: 34px; border-radius: 50%; display: grid; place-items: center;
  background: var(--sb-accent); color: var(--sb-on-accent); transition: opacity .15s, transform .15s;
}
.sb-send:disabled { opacity: .35; cursor: default; }
.sb-send:not(:disabled):hover { transform: scale(1.06); }
.sb-foot { margin: 0; padding: 8px 0 10px; text-align: center; font-size: 11px; color: #94a3b8; }

@keyframes sb-in { from { opacity: 0; transform: translateY(14px) scale(.97); } }
@keyframes sb-pop { from { transform: scale(.4); } }

@media (max-width: 480px) {
  .sb-panel {
    inset: 0; width: auto; height: auto; max-height: none; border-radius: 0;
    animation-name: sb-up;
  }
  .sb-root.is-open .sb-launcher { display: none; }
  .sb-header { padding-top: max(14px, env(safe-area-inset-top)); }
  .sb-foot { padding-bottom: max(10px, env(safe-area-inset-bottom)); }
  .sb-input, .sb-field { font-size: 16px; }
  .sb-run-body { max-width: 82%; }
}
@keyframes sb-up { from { transform: translateY(24px); opacity: 0; } }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
