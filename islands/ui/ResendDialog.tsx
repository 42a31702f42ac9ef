import { useState } from "preact/hooks";
import type { Client, Message } from "../../kv/records.ts";
import { channelLabel, previewLabel } from "../format.ts";
import {
  addressHint,
  knownAddress,
  resendChoices,
  resendMessage,
  startingSubject,
} from "../resend.ts";
import { useStore } from "../store.ts";
import { ChannelIcon } from "./ChannelIcon.tsx";
import { Modal } from "./Modal.tsx";

/**
 * Resend (SPEC G10): the same message again, to the client on their channel or through another
 * connected one — at an address there, and with a subject when it goes out as mail.
 */
export function ResendDialog(props: { client: Client; message: Message; onClose(): void }) {
  const store = useStore();
  const { client, message } = props;
  const choices = resendChoices(client, store.channels.value);
  const [channelId, setChannelId] = useState(client.channelId);
  const [to, setTo] = useState("");
  const [subject, setSubject] = useState(startingSubject(client, message));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const target = choices.find((c) => c.id === channelId) ?? choices[0];
  const elsewhere = target.id !== client.channelId;
  const hint = addressHint(target.type);
  const preview = message.text.trim() ||
    (message.attachments.length ? previewLabel(`[${message.attachments[0].type}]`) : "");

  const pick = (id: string) => {
    const next = choices.find((c) => c.id === id);
    setChannelId(id);
    setError("");
    if (next && next.id !== client.channelId) setTo(knownAddress(client, next.type));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    const problem = await resendMessage(store, client.id, message.id, {
      ...(elsewhere ? { channelId: target.id } : {}),
      ...(elsewhere && to.trim() ? { to: to.trim() } : {}),
      ...(target.type === "email" && subject.trim() ? { subject: subject.trim() } : {}),
    });
    setBusy(false);
    if (!problem) return props.onClose();
    setError(
      problem.code === "no_address"
        ? `${client.name}'s card has no address for ${target.name}: enter their ${hint.noun}.`
        : problem.message,
    );
  };

  return (
    <Modal
      title="Resend message"
      subtitle={<>To {client.name}</>}
      onClose={props.onClose}
      class="modal-resend"
      footer={
        <div class="resend-actions">
          {error && <p class="form-error" role="alert">{error}</p>}
          <button type="button" class="btn" onClick={props.onClose}>Cancel</button>
          <button type="submit" form="resend-form" class="btn btn-primary" disabled={busy}>
            {busy ? "Sending…" : "Resend"}
          </button>
        </div>
      }
    >
      <form id="resend-form" class="stack" onSubmit={submit}>
        {preview && <blockquote class="resend-quote">{preview}</blockquote>}
        <fieldset class="resend-channels">
          <legend>Send through</legend>
          {choices.map((c) => (
            <label key={c.id} class={`resend-choice${c.id === target.id ? " is-on" : ""}`}>
              <input
                type="radio"
                name="resend-channel"
                value={c.id}
                checked={c.id === target.id}
                onChange={() =>
                  pick(c.id)}
              />
              <ChannelIcon type={c.type} label={channelLabel(c.type)} size={20} />
              <span class="resend-choice-text">
                <span>{c.name}</span>
                {c.id === client.channelId
                  ? <span class="muted small">the client's channel</span>
                  : channelLabel(c.type) !== c.name &&
                    <span class="muted small">{channelLabel(c.type)}</span>}
              </span>
            </label>
          ))}
        </fieldset>
        {elsewhere && (
          <div class="field">
            <label for="resend-to">{hint.label}</label>
            <input
              id="resend-to"
              value={to}
              autocomplete="off"
              spellcheck={false}
              inputMode={target.type === "email" ? "email" : undefined}
              aria-describedby="resend-to-help"
              onInput={(e) => setTo(e.currentTarget.value)}
            />
            <p id="resend-to-help" class="field-help">{hint.help}</p>
          </div>
        )}
        {target.type === "email" && (
          <div class="field">
            <label for="resend-subject">Subject</label>
            <input
              id="resend-subject"
              value={subject}
              maxLength={300}
              placeholder={`Message from ${target.name}`}
              onInput={(e) => setSubject(e.currentTarget.value)}
            />
          </div>
        )}
      </form>
    </Modal>
  );
}
