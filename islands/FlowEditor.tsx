import { useEffect, useMemo, useState } from "preact/hooks";
import type { BotFlow } from "../kv/records.ts";
import { api, errorText } from "./api.ts";
import {
  addBlock,
  addButton,
  downloadFlow,
  fromDraft,
  patchBlock,
  removeBlock,
  renumber,
  toDraft,
} from "./flow_draft.ts";
import type { ChannelInfo } from "./store.ts";
import { BlockCard } from "./ui/BlockCard.tsx";
import { DownloadIcon, PlusIcon, TrashIcon } from "./ui/icons.tsx";

export interface FlowEditorProps {
  /** The flow being edited; null for a new one. */
  flow: BotFlow | null;
  /** Channels, to say which ones answer with this flow. */
  channels: ChannelInfo[];
}

/**
 * Edits a bot flow (SPEC K1) as a list of block cards. Save writes it whole (PUT, or POST for a
 * new flow); the server checks the links and its message is shown as it is.
 */
export function FlowEditor(props: FlowEditorProps) {
  const [flow, setFlow] = useState(props.flow);
  const [draft, setDraft] = useState(() => toDraft(props.flow));
  const [saved, setSaved] = useState(() => JSON.stringify(fromDraft(toDraft(props.flow))));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [note, setNote] = useState("");

  const body = useMemo(() => fromDraft(draft), [draft]);
  const dirty = JSON.stringify(body) !== saved || !flow;
  const linked = flow ? props.channels.filter((ch) => ch.flowId === flow.id) : [];
  const options = [...draft.blocks].sort((a, b) => a.number - b.number)
    .map((b) => ({ number: b.number, name: b.name.trim() }));
  const counts = new Map<number, number>();
  for (const b of draft.blocks) counts.set(b.number, (counts.get(b.number) ?? 0) + 1);

  useEffect(() => {
    if (!dirty || !flow) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", warn);
    return () => removeEventListener("beforeunload", warn);
  }, [dirty, !!flow]);

  // An edit outdates "Saved."; back to what is saved, an old complaint no longer applies.
  useEffect(() => {
    if (dirty) setNote("");
    else setError("");
  }, [dirty]);

  useEffect(() => {
    if (!note) return;
    const t = setTimeout(() => setNote(""), 2_500);
    return () => clearTimeout(t);
  }, [note]);

  const save = async () => {
    setBusy(true);
    setError("");
    try {
      const result = await api<BotFlow>(flow ? `/api/flows/${flow.id}` : "/api/flows", {
        method: flow ? "PUT" : "POST",
        body,
      });
      if (!flow) history.replaceState(null, "", `/flows/${result.id}`);
      document.title = `${result.name} · Switchboard`;
      setFlow(result);
      setSaved(JSON.stringify(body));
      setNote(flow ? "Saved." : "Created.");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!flow) return;
    const also = linked.length > 0
      ? ` ${linked.map((c) => c.name).join(", ")} will stop answering with it.`
      : "";
    if (!confirm(`Delete the flow "${flow.name}"?${also}`)) return;
    try {
      await api(`/api/flows/${flow.id}`, { method: "DELETE" });
      location.assign("/flows");
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form
      class="flow-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <header class="page-head">
        <p class="crumbs">
          <a href="/flows">Bot flows</a>
        </p>
        <h1>{flow ? flow.name : "New bot flow"}</h1>
      </header>
      <section class="panel flow-meta">
        <div class="field">
          <label for="flow-name">Flow name</label>
          <input
            id="flow-name"
            required
            maxLength={200}
            placeholder="Welcome"
            value={draft.name}
            onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="flow-start">Start block</label>
          <select
            id="flow-start"
            value={String(draft.startBlock)}
            onChange={(e) => setDraft({ ...draft, startBlock: Number(e.currentTarget.value) })}
          >
            {options.map((o) => (
              <option key={o.number} value={String(o.number)}>
                {o.number}
                {o.name ? ` · ${o.name}` : ""}
              </option>
            ))}
          </select>
        </div>
        <p class="muted small flow-linked">
          {!flow
            ? "Link the flow to a channel on the Channels page once it is saved."
            : linked.length > 0
            ? `Answers clients of ${linked.map((c) => c.name).join(", ")}.`
            : "Not linked to a channel yet: link it on the Channels page."}
        </p>
      </section>

      <div class="flow-blocks">
        {draft.blocks.map((b) => (
          <BlockCard
            key={b.key}
            block={b}
            options={options}
            isStart={b.number === draft.startBlock}
            duplicate={(counts.get(b.number) ?? 0) > 1}
            canRemove={draft.blocks.length > 1}
            onChange={(patch) => setDraft(patchBlock(draft, b.key, patch))}
            onRenumber={(n) => setDraft(renumber(draft, b.key, n))}
            onAddButton={() => setDraft(addButton(draft, b.key))}
            onRemove={() => setDraft(removeBlock(draft, b.key))}
          />
        ))}
        <button
          type="button"
          class="btn add-block"
          disabled={draft.blocks.length >= 500}
          onClick={() => setDraft(addBlock(draft))}
        >
          <PlusIcon /> Add block
        </button>
      </div>
      {flow && (
        <p class="flow-delete">
          <button type="button" class="btn btn-small btn-ghost btn-danger-text" onClick={remove}>
            <TrashIcon /> Delete this flow
          </button>
        </p>
      )}

      <div class="savebar">
        <div class="savebar-inner">
          {error && <p class="form-error savebar-error" role="alert">{error}</p>}
          <p class="savebar-state" role="status">
            {note || (dirty ? "Unsaved changes" : "All changes saved")}
          </p>
          <button type="button" class="btn" onClick={() => downloadFlow(body)}>
            <DownloadIcon /> Export JSON
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || (!dirty && !!flow)}>
            {busy ? "Saving…" : flow ? "Save" : "Create flow"}
          </button>
        </div>
      </div>
    </form>
  );
}
