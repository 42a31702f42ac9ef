import type { JSX } from "preact";

/** Small inline icons (no icon font, no network). Decorative: labels live on the buttons. */
function Svg(props: { children: JSX.Element | JSX.Element[]; size?: number; class?: string }) {
  return (
    <svg
      class={props.class ?? "icon"}
      width={props.size ?? 18}
      height={props.size ?? 18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}

export const SearchIcon = () => (
  <Svg size={16}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m20 20-4.2-4.2" />
  </Svg>
);
export const BackIcon = () => (
  <Svg>
    <path d="M15 18 9 12l6-6" />
  </Svg>
);
export const PanelIcon = () => (
  <Svg>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2.5" />
    <path d="M9.5 4.5v15" />
  </Svg>
);
export const InfoIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 11v5" />
    <path d="M12 8h.01" />
  </Svg>
);
export const CloseIcon = () => (
  <Svg>
    <path d="M6 6l12 12M18 6 6 18" />
  </Svg>
);
export const CopyIcon = () => (
  <Svg size={15}>
    <rect x="8.5" y="8.5" width="11" height="11" rx="2" />
    <path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5" />
  </Svg>
);
export const SendIcon = () => (
  <Svg>
    <path d="M5 12h13" />
    <path d="m12 5 7 7-7 7" />
  </Svg>
);
export const PinIcon = () => (
  <Svg size={13}>
    <path d="M9 4h6l-1 6 3 3v1H7v-1l3-3-1-6Z" />
    <path d="M12 14v6" />
  </Svg>
);
export const InboxIcon = () => (
  <Svg size={40} class="icon icon-empty">
    <path d="M4 13.5 6.5 6A1.5 1.5 0 0 1 7.9 5h8.2a1.5 1.5 0 0 1 1.4 1l2.5 7.5" />
    <path d="M4 13.5V18a1.5 1.5 0 0 0 1.5 1.5h13A1.5 1.5 0 0 0 20 18v-4.5h-4.5a3.5 3.5 0 0 1-7 0H4Z" />
  </Svg>
);
export const ClockIcon = (props: { size?: number }) => (
  <Svg size={props.size}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Svg>
);
export const FunnelIcon = () => (
  <Svg>
    <path d="M4 5h16l-6 7.5V18l-4 2v-7.5L4 5Z" />
  </Svg>
);
export const PauseIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 16}>
    <path d="M9 6v12M15 6v12" />
  </Svg>
);
export const PlayIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 16}>
    <path d="M8 5.5v13l10-6.5-10-6.5Z" />
  </Svg>
);
/** The letter: "send now". */
export const MailIcon = () => (
  <Svg>
    <rect x="3.5" y="5.5" width="17" height="13" rx="2" />
    <path d="m4 7 8 6 8-6" />
  </Svg>
);
/** The crossed circle: "cancel". */
export const CancelIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M6 6l12 12" />
  </Svg>
);
export const PlusIcon = () => (
  <Svg size={16}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);
export const TrashIcon = () => (
  <Svg size={16}>
    <path d="M4.5 7h15M10 4h4M6.5 7l.8 11.5A1.5 1.5 0 0 0 8.8 20h6.4a1.5 1.5 0 0 0 1.5-1.5L17.5 7" />
  </Svg>
);
export const DownloadIcon = () => (
  <Svg size={16}>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </Svg>
);
export const UploadIcon = () => (
  <Svg size={16}>
    <path d="M12 16V5M7 10l5-5 5 5M5 20h14" />
  </Svg>
);
export const ChevronIcon = () => (
  <Svg size={16}>
    <path d="m9 6 6 6-6 6" />
  </Svg>
);
