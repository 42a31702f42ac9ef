import type { JSX } from "preact";

function Svg(props: { children: JSX.Element | JSX.Element[]; size?: number }) {
  const size = props.size ?? 24;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}

/** A speech bubble: the launcher's face. */
export function ChatIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 3C6.9 3 3 6.6 3 11c0 2.3 1.1 4.4 2.9 5.9-.2 1.5-.9 2.9-2 3.9 2.1-.1 4-.8 5.5-1.9 1 .3 1.9.4 2.6.4 5.1 0 9-3.6 9-8.3S17.1 3 12 3Z"
      />
      <circle cx="8" cy="11" r="1.2" fill="var(--sb-accent)" />
      <circle cx="12" cy="11" r="1.2" fill="var(--sb-accent)" />
      <circle cx="16" cy="11" r="1.2" fill="var(--sb-accent)" />
    </svg>
  );
}

export function ChevronDown(props: { size?: number }) {
  return (
    <Svg size={props.size}>
      <path d="m6 9 6 6 6-6" />
    </Svg>
  );
}

export function SendIcon() {
  return (
    <Svg size={18}>
      <path d="M5 12h13" />
      <path d="m12 5 7 7-7 7" />
    </Svg>
  );
}

export function ClipIcon() {
  return (
    <Svg size={20}>
      <path d="m21.4 11.1-8.5 8.5a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6l7.8-7.8" />
    </Svg>
  );
}

export function FileIcon() {
  return (
    <Svg size={20}>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5" />
    </Svg>
  );
}

export function CloseIcon() {
  return (
    <Svg size={16}>
      <path d="M18 6 6 18M6 6l12 12" />
    </Svg>
  );
}
