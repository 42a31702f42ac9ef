import { useRef, useState } from "preact/hooks";
import { api, errorText } from "../api.ts";
import {
  type ChannelKind,
  configFrom,
  type FieldSpec,
  type FormValues,
  initialValues,
  visibleFields,
} from "../channel_forms.ts";
import { CHANNEL_KINDS } from "../channel_kinds.ts";
import { ChannelGlyph } from "./ChannelIcon.tsx";
import { type ChannelRow, ChannelSetup } from "./ChannelSetup.tsx";

/**
 * "Connect a channel" (SPEC J8): pick the messenger, fill in what its connector needs, and see
 * what is left to do on the messenger's side. The server's own message explains a refusal.
 */
export function ConnectChannel(props: { onConnected: (channel: ChannelRow) => void }) {
  const [kind, setKind] = useState<ChannelKind | null>(null);
  const [values, setValues] = useState<FormValues>({});
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [connected, setConnected] = useState<ChannelRow | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const choose = (next: ChannelKind) => {
    setKind(next);
    setValues(initialValues(next));
    setName("");
    setError("");
    setConnected(null);
    // The form opens below the cards: bring its first field into view on a small screen.
    requestAnimationFrame(() => {
      const first = form.current?.querySelector<HTMLElement>("input, select, textarea");
      first?.focus({ preventScroll: true });
      form.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!kind) return;
    setBusy(true);
    setError("");
    try {
      const channel = await api<ChannelRow>("/api/channels", {
        body: { type: kind.type, name: name.trim(), config: configFrom(kind, values) },
      });
      setConnected(channel);
      props.onConnected(channel);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="connect">
      <div class="kind-grid" role="group" aria-label="Channel type">
        {CHANNEL_KINDS.map((k) => (
          <button
            key={k.type}
            type="button"
            class="kind-card"
            aria-pressed={kind?.type === k.type}
            onClick={() => choose(k)}
          >
            <ChannelGlyph type={k.type} size={30} />
            <span class="kind-text">
              <span class="kind-name">{k.label}</span>
              <span class="kind-blurb">{k.blurb}</span>
            </span>
          </button>
        ))}
      </div>

      {kind && connected && (
        <div class="connected">
          <p class="form-ok" role="status">Connected {connected.name}.</p>
          <h3>What to do next</h3>
          <ChannelSetup channel={connected} />
          <div>
            <button type="button" class="btn" onClick={() => choose(kind)}>
              Connect another {kind.label} channel
            </button>
          </div>
        </div>
      )}

      {kind && !connected && (
        <form ref={form} class="stack connect-form" onSubmit={submit}>
          <div class="connect-intro">
            <h3>Connect {kind.label}</h3>
            <p class="muted">{kind.intro}</p>
          </div>
          <div class="field">
            <label for="channel-name">Name</label>
            <input
              id="channel-name"
              name="name"
              required
              maxLength={100}
              placeholder={kind.namePlaceholder}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              aria-describedby="channel-name-help"
            />
            <p id="channel-name-help" class="field-help">
              How the inbox names this channel; only your team sees it.
            </p>
          </div>
          {visibleFields(kind, values).map((f) => (
            <Field
              key={`${kind.type}-${f.key}`}
              field={f}
              id={`channel-${kind.type}-${f.key.replace(/\W/g, "-")}`}
              value={values[f.key]}
              onChange={(v) => setValues({ ...values, [f.key]: v })}
            />
          ))}
          {error && <p class="form-error" role="alert">{error}</p>}
          <div>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? "Connecting…" : `Connect ${kind.label}`}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** One field of the connect form, with where to find its value under it. */
function Field(props: {
  field: FieldSpec;
  id: string;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const { field: f, id } = props;
  const helpId = `${id}-help`;
  const text = typeof props.value === "string" ? props.value : "";
  const common = {
    id,
    name: f.key,
    required: f.required,
    placeholder: f.placeholder,
    "aria-describedby": helpId,
    class: f.code ? "mono" : undefined,
    spellcheck: f.code ? false : undefined,
    autocomplete: "off" as const,
  };
  const help = <p id={helpId} class="field-help">{f.help}</p>;
  const onText = (e: { currentTarget: { value: string } }) => props.onChange(e.currentTarget.value);

  if (f.kind === "checkbox") {
    return (
      <div class="field field-check">
        <label for={id}>
          <input
            id={id}
            name={f.key}
            type="checkbox"
            checked={props.value === true}
            aria-describedby={helpId}
            onChange={(e) => props.onChange(e.currentTarget.checked)}
          />
          <span>{f.label}</span>
        </label>
        {help}
      </div>
    );
  }

  let control;
  if (f.kind === "select") {
    control = (
      <select
        id={id}
        name={f.key}
        aria-describedby={helpId}
        value={text}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    );
  } else if (f.kind === "lines" || f.kind === "textarea") {
    control = (
      <textarea
        {...common}
        rows={f.kind === "lines" ? 2 : 3}
        value={text}
        onInput={onText}
      />
    );
  } else {
    const input = { ...common, value: text, onInput: onText };
    control = f.kind === "secret"
      ? <input {...input} type="password" />
      : f.kind === "number"
      ? <input {...input} type="number" inputMode="numeric" min={1} />
      : f.kind === "colour"
      ? <input {...input} type="color" />
      : <input {...input} type="text" />;
  }
  return (
    <div class="field">
      <label for={id}>{f.label}</label>
      {control}
      {help}
    </div>
  );
}
