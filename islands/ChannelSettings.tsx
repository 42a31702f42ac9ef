import { useState } from "preact/hooks";
import type { ChannelType } from "../kv/records.ts";
import { api, errorText } from "./api.ts";
import { channelLabel, dateTime } from "./format.ts";
import { ChannelIcon } from "./ui/icons.tsx";

/** A channel as GET /api/channels lists it. */
export interface ChannelRow {
  id: string;
  type: ChannelType;
  name: string;
  info: Record<string, unknown>;
  webhookUrl: string;
  createdAt: string;
  /** The bot flow that answers this channel's clients. */
  flowId?: string;
}

export interface ChannelSettingsProps {
  channels: ChannelRow[];
  /** The bot flows a channel can be linked to. */
  flowChoices: { id: string; name: string }[];
  now: number;
}

/** Connected channels (each linkable to a bot flow), and the form that connects a Telegram bot. */
export function ChannelSettings(props: ChannelSettingsProps) {
  const [channels, setChannels] = useState(props.channels);
  const [error, setError] = useState("");
  const [connected, setConnected] = useState<ChannelRow | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <div class="settings">
      <section class="panel" aria-labelledby="channels-title">
        <h2 id="channels-title">Connected channels</h2>
        {channels.length === 0
          ? <p class="muted">No channels yet. Connect a Telegram bot below.</p>
          : (
            <ul class="channel-list" role="list">
              {channels.map((ch) => (
                <li key={ch.id} class="channel-item">
                  <ChannelIcon type={ch.type} label={channelLabel(ch.type)} size={28} />
                  <div>
                    <p class="channel-name">
                      {ch.name}
                      {typeof ch.info.username === "string" && (
                        <span class="muted">@{ch.info.username}</span>
                      )}
                    </p>
                    <p class="muted small">
                      {channelLabel(ch.type)} · connected {dateTime(ch.createdAt, props.now)}
                    </p>
                    <p class="small">
                      Webhook <code class="wrap">{ch.webhookUrl}</code>
                    </p>
                    <FlowLink
                      channel={ch}
                      flows={props.flowChoices}
                      onSaved={(next) =>
                        setChannels(channels.map((c) => c.id === next.id ? next : c))}
                    />
                  </div>
                </li>
              ))}
            </ul>
          )}
      </section>
      <section class="panel" aria-labelledby="connect-title">
        <h2 id="connect-title">Connect a Telegram bot</h2>
        <p class="muted">
          Create a bot with @BotFather, paste its token here, and Switchboard registers its webhook.
        </p>
        <form
          class="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            const formEl = e.currentTarget;
            const form = new FormData(formEl);
            setBusy(true);
            setError("");
            setConnected(null);
            try {
              const channel = await api<ChannelRow>("/api/channels", {
                body: {
                  type: "telegram",
                  name: String(form.get("name")),
                  config: { token: String(form.get("token")).trim() },
                },
              });
              setChannels([...channels, channel]);
              setConnected(channel);
              formEl.reset();
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <div class="field">
            <label for="channel-name">Name</label>
            <input id="channel-name" name="name" required maxLength={100} placeholder="Support" />
          </div>
          <div class="field">
            <label for="channel-token">Bot token</label>
            <input
              id="channel-token"
              name="token"
              required
              autocomplete="off"
              spellcheck={false}
              placeholder="123456789:AAE…"
              class="mono"
            />
          </div>
          {error && <p class="form-error" role="alert">{error}</p>}
          {connected && (
            <p class="form-ok" role="status">
              Connected {connected.name}. Telegram now delivers messages to{" "}
              <code class="wrap">{connected.webhookUrl}</code>
            </p>
          )}
          <div>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? "Connecting…" : "Connect"}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

/** "Linked to a bot": which flow answers the channel's clients (PATCH /api/channels/:id). */
function FlowLink(props: {
  channel: ChannelRow;
  flows: { id: string; name: string }[];
  onSaved: (channel: ChannelRow) => void;
}) {
  const { channel } = props;
  const [state, setState] = useState<{ busy?: boolean; ok?: string; error?: string }>({});
  const id = `flow-of-${channel.id}`;
  return (
    <div class="flow-link">
      <label for={id}>Linked to a bot</label>
      <select
        id={id}
        value={channel.flowId ?? ""}
        disabled={state.busy}
        onChange={async (e) => {
          const flowId = e.currentTarget.value || null;
          setState({ busy: true });
          try {
            const saved = await api<ChannelRow>(`/api/channels/${channel.id}`, {
              method: "PATCH",
              body: { flowId },
            });
            props.onSaved(saved);
            setState({ ok: flowId ? "Linked." : "Unlinked." });
          } catch (err) {
            setState({ error: errorText(err) });
          }
        }}
      >
        <option value="">— Not linked —</option>
        {props.flows.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
      </select>
      {state.ok && <span class="form-inline-ok" role="status">{state.ok}</span>}
      {state.error && <span class="form-inline-error" role="alert">{state.error}</span>}
      {props.flows.length === 0 && <a class="small" href="/flows/new">Create a bot flow</a>}
    </div>
  );
}
