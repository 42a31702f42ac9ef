import type { ComponentChildren } from "preact";

/**
 * Each messenger's mark, drawn small on its own colour (no network, no icon font). Flat
 * colours only: a gradient defined inside one inline SVG breaks when that copy is hidden.
 */
const GLYPHS: Record<string, () => ComponentChildren> = {
  telegram: () => (
    <>
      <circle cx="12" cy="12" r="12" fill="#2AABEE" />
      <path
        fill="#fff"
        d="M5.43 11.87 16.9 7.45c.53-.19 1 .13.83.94l-1.95 9.2c-.15.65-.53.81-1.08.5l-2.98-2.2-1.44 1.39c-.16.16-.3.3-.6.3l.21-3.03 5.52-4.99c.24-.21-.05-.33-.37-.12l-6.82 4.3-2.94-.92c-.64-.2-.65-.64.13-.95Z"
      />
    </>
  ),
  whatsapp: () => (
    <>
      <circle cx="12" cy="12" r="12" fill="#25D366" />
      <path
        fill="none"
        stroke="#fff"
        stroke-width="1.5"
        stroke-linejoin="round"
        d="M12 5.6a6.4 6.4 0 0 0-5.5 9.7l-.8 3 3.1-.8A6.4 6.4 0 1 0 12 5.6Z"
      />
      <path fill="#fff" d={HANDSET} />
    </>
  ),
  messenger: () => (
    <>
      <circle cx="12" cy="12" r="12" fill="#0A7CFF" />
      <path
        fill="#fff"
        d="M12 5.5c-3.8 0-6.8 2.8-6.8 6.5 0 2 .8 3.7 2.2 4.9v2.5l2.2-1.2c.8.2 1.6.3 2.4.3 3.8 0 6.8-2.8 6.8-6.5S15.8 5.5 12 5.5Z"
      />
      <path fill="#0A7CFF" d="m7.9 14.1 2.4-3.7 2 1.5 2.7-1.5-2.4 3.7-2-1.5Z" />
    </>
  ),
  instagram: () => (
    <>
      <rect width="24" height="24" rx="7" fill="#E1306C" />
      <g fill="none" stroke="#fff" stroke-width="1.7">
        <rect x="6" y="6" width="12" height="12" rx="3.6" />
        <circle cx="12" cy="12" r="2.9" />
      </g>
      <circle cx="15.6" cy="8.4" r="0.95" fill="#fff" />
    </>
  ),
  vk: () => (
    <>
      <rect width="24" height="24" rx="7" fill="#0077FF" />
      <text
        x="12"
        y="15.7"
        fill="#fff"
        font-family="Arial, Helvetica, sans-serif"
        font-size="10"
        font-weight="700"
        text-anchor="middle"
      >
        VK
      </text>
    </>
  ),
  viber: () => (
    <>
      <circle cx="12" cy="12" r="12" fill="#7360F2" />
      <g transform="translate(-1.2 1) scale(1.12)">
        <path fill="#fff" d={HANDSET} />
      </g>
      <g fill="none" stroke="#fff" stroke-width="1.3" stroke-linecap="round">
        <path d="M12.6 6.6a4.8 4.8 0 0 1 4.8 4.8" />
        <path d="M12.6 8.9a2.5 2.5 0 0 1 2.5 2.5" />
      </g>
    </>
  ),
  email: () => (
    <>
      <circle cx="12" cy="12" r="12" fill="#5C6B82" />
      <g fill="none" stroke="#fff" stroke-width="1.5" stroke-linejoin="round">
        <rect x="6" y="7.7" width="12" height="8.6" rx="1.4" />
        <path d="m6.6 8.6 5.4 4 5.4-4" />
      </g>
    </>
  ),
  widget: () => (
    <>
      <circle cx="12" cy="12" r="12" fill="#4F5BD5" />
      <path fill="#fff" d={BUBBLE} />
      <g fill="#4F5BD5">
        <circle cx="9.6" cy="11" r="0.9" />
        <circle cx="12" cy="11" r="0.9" />
        <circle cx="14.4" cy="11" r="0.9" />
      </g>
    </>
  ),
};

/** A phone handset, shared by the WhatsApp and Viber marks. */
const HANDSET =
  "M9.7 8.9c.2-.3.5-.3.7-.1l.8 1.2c.1.2.1.4 0 .6l-.4.5c.4.9 1.2 1.7 2.1 2.1l.5-.4c.2-.1.4-.1.6 0l1.2.8c.2.2.2.5-.1.7l-.6.6c-.4.4-1 .5-1.5.3-1.8-.7-3.2-2.1-3.9-3.9-.2-.5-.1-1.1.3-1.5l.3-.3Z";

/** A speech bubble: the website widget, and any channel without its own mark. */
const BUBBLE =
  "M6.5 8.2A1.7 1.7 0 0 1 8.2 6.5h7.6a1.7 1.7 0 0 1 1.7 1.7v5.6a1.7 1.7 0 0 1-1.7 1.7H11l-2.8 2.3c-.36.28-.88.03-.88-.42V15.5h-.1a1.7 1.7 0 0 1-.72-1.55V8.2Z";

function generic() {
  return (
    <>
      <circle cx="12" cy="12" r="12" fill="#8a94a6" />
      <path fill="#fff" d={BUBBLE} />
    </>
  );
}

/** A messenger's mark alone, decorative (the caller names it). */
export function ChannelGlyph(props: { type: string; size?: number }) {
  const size = props.size ?? 16;
  return (
    <svg
      class="glyph"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      {(GLYPHS[props.type] ?? generic)()}
    </svg>
  );
}

/** The channel's mark, labelled with its name for screen readers and tooltips. */
export function ChannelIcon(props: { type: string; label: string; size?: number }) {
  return (
    <span class="channel-icon" title={props.label} role="img" aria-label={props.label}>
      <ChannelGlyph type={props.type} size={props.size} />
    </span>
  );
}
