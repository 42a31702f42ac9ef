import { useState } from "preact/hooks";
import { api, errorText } from "./api.ts";
import { channelLabel } from "./format.ts";
import { dateTime } from "./time.ts";
import { ChannelIcon } from "./ui/ChannelIcon.tsx";
import { type ChannelRow, ChannelSetup, channelSummary } from "./ui/ChannelSetup.tsx";
import { ConnectChannel } from "./ui/ConnectChannel.tsx";

export interface ChannelSettingsProps {
  channels: ChannelRow[];
  /** The bot flows a channel can be linked to. */
  flowChoices: { id: string; name: string }[];
  now: number;
  /** The project's time zone, which dates are shown in. */
  timeZone: string;
}

/** Connected channels (each linkable to a bot flow, each removable), and connecting a new one. */
export function ChannelSettings(props: ChannelSettingsProps) {
  const [channels, setChannels] = useState(props.channels);
  const [removedNote, setRemovedNote] = useState("");

  return (
    <div class="settings">
      <section class="panel" aria-labelledby="channels-title">
        <h2 id="channels-title">Connected channels</h2>
        {removedNote && <p class="form-inline-error" role="alert">{removedNote}</p>}
        {channels.length === 0
          ? <p class="muted">No channels yet. Connect one below.</p>
          : (
            <ul class="channel-list" role="list">
              {channels.map((ch) => (
                <ChannelItem
                  key={ch.id}
                  channel={ch}
                  flows={props.flowChoices}
                  now={props.now}
                  zone={props.timeZone}
                  onSaved={(next) => setChannels(channels.map((c) => c.id === next.id ? next : c))}
                  onRemoved={(note) => {
                    setChannels(channels.filter((c) => c.id !== ch.id));
                    setRemovedNote(note ? `${ch.name} is removed. ${note}` : "");
                  }}
                />
              ))}
            </ul>
          )}
      </section>
      <section class="panel" aria-labelledby="connect-title">
        <div>
          <h2 id="connect-title">Connect a channel</h2>
          <p class="muted">
            Pick the messenger your clients write from. Each connected channel feeds this inbox.
          </p>
        </div>
        <ConnectChannel
          onConnected={(channel) => setChannels([...channels, channel])}
        />
      </section>
    </div>
  );
}

/** One connected channel: what it is, its bot flow, how it is set up, and Remove. */
function ChannelItem(props: {
  channel: ChannelRow;
  flows: { id: string; name: string }[];
  now: number;
  zone: string;
  onSaved: (channel: ChannelRow) => void;
  /** `note`: the messenger could not be told to stop sending, and why. */
  onRemoved: (note?: string) => void;
}) {
  const { channel: ch } = props;
  const summary = channelSummary(ch);
  const label = channelLabel(ch.type);
  return (
    <li class="channel-item" data-channel-id={ch.id}>
      <ChannelIcon type={ch.type} label={label} size={32} />
      <div class="channel-main">
        <div class="channel-top">
          <div class="channel-title">
            <p class="channel-name">{ch.name}</p>
            <p class="muted small">
              {summary && <span class="channel-what">{summary} ·</span>} {label} · connected{" "}
              <time dateTime={ch.createdAt}>{dateTime(ch.createdAt, props.now, props.zone)}</time>
            </p>
          </div>
          <RemoveChannel channel={ch} onRemoved={props.onRemoved} />
        </div>
        <FlowLink channel={ch} flows={props.flows} onSaved={props.onSaved} />
        <details class="channel-setup">
          <summary>Setup</summary>
          <ChannelSetup channel={ch} />
        </details>
      </div>
    </li>
  );
}

/** Remove, asked once: the channel's clients and their history stay in the inbox. */
function RemoveChannel(props: { channel: ChannelRow; onRemoved: (note?: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  if (!asking) {
    return (
      <button
        type="button"
        class="btn btn-small btn-ghost btn-danger-text"
        aria-label={`Remove ${props.channel.name}`}
        onClick={() => setAsking(true)}
      >
        Remove
      </button>
    );
  }
  return (
    <div class="remove-ask" role="group" aria-label={`Remove ${props.channel.name}?`}>
      <span>
        Remove{" "}
        <strong>{props.channel.name}</strong>? Its clients and history stay; new messages stop
        arriving.
      </span>
      {error && <span class="form-inline-error" role="alert">{error}</span>}
      <span class="remove-actions">
        <button
          type="button"
          class="btn btn-small btn-danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError("");
            try {
              const done = await api<{ webhook: string; note?: string }>(
                `/api/channels/${encodeURIComponent(props.channel.id)}`,
                { method: "DELETE" },
              );
              props.onRemoved(done.webhook === "left" ? done.note : undefined);
            } catch (err) {
              setError(errorText(err));
              setBusy(false);
            }
          }}
        >
          {busy ? "Removing…" : "Yes, remove"}
        </button>
        <button type="button" class="btn btn-small" onClick={() => setAsking(false)}>
          Keep
        </button>
      </span>
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
