import type { ComponentChildren } from "preact";
import type { ChannelType } from "../../kv/records.ts";
import { channelLabel } from "../format.ts";
import { CopyButton } from "./CopyButton.tsx";

/** A channel as GET /api/channels lists it. */
export interface ChannelRow {
  id: string;
  type: ChannelType;
  name: string;
  /** What the messenger said when connecting, and what the admin must paste where. */
  info: Record<string, unknown>;
  webhookUrl: string;
  createdAt: string;
  /** The bot flow that answers this channel's clients. */
  flowId?: string;
}

function text(info: Record<string, unknown>, key: string): string | undefined {
  const v = info[key];
  return typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : undefined;
}

function list(info: Record<string, unknown>, key: string): string[] {
  const v = info[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** What the channel is in its messenger: the bot's @name, the page, the number, the address. */
export function channelSummary(ch: Pick<ChannelRow, "type" | "info">): string {
  const { info } = ch;
  const at = (s?: string) => s && (s.startsWith("@") ? s : `@${s}`);
  switch (ch.type) {
    case "telegram":
      return at(text(info, "username")) ?? "";
    case "whatsapp":
      return [text(info, "displayPhoneNumber"), text(info, "verifiedName")]
        .filter(Boolean).join(" · ") || (text(info, "phoneNumberId") ?? "");
    case "messenger":
      return text(info, "pageName") ?? text(info, "pageId") ?? "";
    case "instagram":
      return at(text(info, "username")) ?? text(info, "pageName") ?? "";
    case "vk":
      return text(info, "name") ??
        (text(info, "groupId") ? `community ${text(info, "groupId")}` : "");
    case "viber":
      return text(info, "name") ?? "";
    case "email":
      return text(info, "address") ?? "";
    case "widget":
      return list(info, "allowedOrigins").map((o) => o.replace(/^https?:\/\//, "")).join(", ");
  }
}

/** Where in the Meta app dashboard each Meta channel's webhook is set. */
const META_WHERE: Partial<Record<ChannelType, string>> = {
  whatsapp: "Meta app dashboard → WhatsApp → Configuration → Webhook → Edit",
  messenger: "Meta app dashboard → Messenger → Settings → Webhooks → Add callback URL",
  instagram: "Meta app dashboard → Messenger → Instagram settings → Webhooks → Add callback URL",
};

/** A value the admin pastes somewhere else, with a Copy button. */
function CopyField(props: { label: string; value: string; multiline?: boolean }) {
  return (
    <div class="copy-field">
      <div class="copy-head">
        <span class="copy-label">{props.label}</span>
        <CopyButton value={props.value} label={`Copy ${props.label.toLowerCase()}`} />
      </div>
      {props.multiline
        ? <pre class="copy-value copy-block">{props.value}</pre>
        : <code class="copy-value">{props.value}</code>}
    </div>
  );
}

function Steps(props: { children: ComponentChildren }) {
  return <ol class="setup-steps">{props.children}</ol>;
}

function Fields(props: { names: string[]; label: string }) {
  if (props.names.length === 0) return null;
  return (
    <ul class="setup-fields" role="list" aria-label={props.label}>
      {props.names.map((f) => (
        <li key={f}>
          <code>{f}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * What the admin must do after connecting, read from the channel's `info`: the callback URL
 * and verify token to paste at Meta, VK's manual Callback API settings, the inbound mail
 * webhook, the widget's embed snippet. Channels that registered themselves say so.
 */
export function ChannelSetup(props: { channel: ChannelRow }) {
  const { channel: ch } = props;
  const { info } = ch;
  switch (ch.type) {
    case "telegram":
    case "viber": {
      return (
        <div class="setup">
          <p>Nothing to do: {channelLabel(ch.type)} was told to deliver messages to</p>
          <code class="wrap setup-url">{ch.webhookUrl}</code>
        </div>
      );
    }
    case "whatsapp":
    case "messenger":
    case "instagram": {
      const url = text(info, "callbackUrl") ?? ch.webhookUrl;
      const token = text(info, "verifyToken");
      const fields = list(info, "webhookFields");
      return (
        <div class="setup">
          <Steps>
            <li>Open {META_WHERE[ch.type]}.</li>
            <li>
              Paste these two values and press <strong>Verify and save</strong>:
              <CopyField label="Callback URL" value={url} />
              {token && <CopyField label="Verify token" value={token} />}
            </li>
            {fields.length > 0 && (
              <li>
                Under <strong>Webhook fields</strong>, subscribe to:
                <Fields names={fields} label="Webhook fields to subscribe to" />
              </li>
            )}
            {ch.type === "messenger" && info.pageSubscribed === false && (
              <li class="setup-warn">
                The page could not be subscribed to the app by itself
                {text(info, "pageSubscribeError") ? ` (${text(info, "pageSubscribeError")})` : ""}.
                In Messenger → Settings → Webhooks, press <strong>Add subscriptions</strong>{" "}
                next to the page.
              </li>
            )}
          </Steps>
        </div>
      );
    }
    case "vk": {
      if (info.setup !== "manual") {
        return (
          <div class="setup">
            <p>Nothing to do: the community's Callback API was set up to deliver messages to</p>
            <code class="wrap setup-url">{ch.webhookUrl}</code>
          </div>
        );
      }
      const events = list(info, "events");
      return (
        <div class="setup">
          {text(info, "reason") && (
            <p class="setup-warn">VK did not let the token set it up: {text(info, "reason")}.</p>
          )}
          {text(info, "instructions") && <p>{text(info, "instructions")}</p>}
          <CopyField label="Server address" value={text(info, "callbackUrl") ?? ch.webhookUrl} />
          {text(info, "secret") && <CopyField label="Secret key" value={text(info, "secret")!} />}
          {text(info, "apiVersion") && (
            <p class="small">
              API version <code>{text(info, "apiVersion")}</code>
            </p>
          )}
          {events.length > 0 && (
            <>
              <p class="small">Event types to turn on:</p>
              <Fields names={events} label="Event types to turn on" />
            </>
          )}
        </div>
      );
    }
    case "email": {
      const inbound = text(info, "inboundWebhookUrl");
      return (
        <div class="setup">
          {inbound && <CopyField label="Inbound webhook URL" value={inbound} />}
          {text(info, "setup") && <p>{text(info, "setup")}</p>}
          {info.provider === "smtp" && (
            <p class="small muted">
              The SMTP receiver runs when the server is started with <code>SMTP_PORT</code>{" "}
              set (25 when it is the domain's MX).
            </p>
          )}
          {text(info, "smtpHost") && (
            <p class="small muted">
              Replies go out through <code>{text(info, "smtpHost")}</code>.
            </p>
          )}
        </div>
      );
    }
    case "widget": {
      const embed = text(info, "embed");
      const origins = list(info, "allowedOrigins");
      return (
        <div class="setup">
          {embed && (
            <>
              <p>Paste this tag into your site, just before the closing body tag:</p>
              <CopyField label="Embed snippet" value={embed} multiline />
            </>
          )}
          {origins.length > 0 && (
            <p class="small muted">
              Shown on: {origins.map((o, i) => (
                <span key={o}>
                  {i > 0 && ", "}
                  <code>{o}</code>
                </span>
              ))}
            </p>
          )}
        </div>
      );
    }
  }
}
