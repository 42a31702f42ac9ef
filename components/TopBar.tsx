import { Logo } from "./Logo.tsx";

/** The thin bar over every signed-in page: product, navigation, who is signed in. */
export function TopBar(props: {
  me: { name: string; email: string } | null;
  current: "inbox" | "channels" | "flows" | "settings" | "docs";
}) {
  const link = (href: string, key: typeof props.current, label: string, wideOnly = false) => (
    <a
      href={href}
      class={wideOnly ? "only-wide" : undefined}
      aria-current={props.current === key ? "page" : undefined}
    >
      {label}
    </a>
  );
  return (
    <header class="topbar">
      <a class="brand" href="/" aria-label="Switchboard">
        <Logo />
        <span>Switchboard</span>
      </a>
      <nav class="topnav" aria-label="Main">
        {link("/", "inbox", "Inbox")}
        {link("/channels", "channels", "Channels")}
        {link("/flows", "flows", "Bot flows")}
        {link("/settings", "settings", "Settings")}
        {/* A developers' page: on a phone the bar keeps room for what operators use. */}
        {link("/docs", "docs", "API docs", props.current !== "docs")}
      </nav>
      <div class="me">
        {props.me
          ? (
            <>
              <span class="me-name" title={props.me.email}>{props.me.name}</span>
              <form method="post" action="/logout">
                <button type="submit" class="btn btn-ghost btn-small">Sign out</button>
              </form>
            </>
          )
          : <a class="btn btn-small" href="/login">Sign in</a>}
      </div>
    </header>
  );
}
