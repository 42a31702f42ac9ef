/** The Switchboard mark: two overlapping speech bubbles. */
export function Logo(props: { size?: number }) {
  const size = props.size ?? 22;
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#4f5bd5" />
      <path
        d="M8 10.5A2.5 2.5 0 0 1 10.5 8h8a2.5 2.5 0 0 1 2.5 2.5v5a2.5 2.5 0 0 1-2.5 2.5H13l-3.2 2.6c-.4.3-.8 0-.8-.4V18a2.5 2.5 0 0 1-1-2v-5.5Z"
        fill="#fff"
      />
      <path
        d="M23 13.5h.5A2.5 2.5 0 0 1 26 16v5a2.5 2.5 0 0 1-1 2v2.2c0 .4-.4.7-.8.4L21 23h-4.5a2.5 2.5 0 0 1-2.5-2.5V20h4.5a4.5 4.5 0 0 0 4.5-4.5v-2Z"
        fill="#c9cdf6"
      />
    </svg>
  );
}
