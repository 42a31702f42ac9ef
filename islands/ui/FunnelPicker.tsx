import { useEffect, useMemo, useState } from "preact/hooks";
import type { BotFlow, Client, FlowBlock } from "../../kv/records.ts";
import { loadFlow, moveToBlock } from "../bot.ts";
import { errorText } from "../api.ts";
import { BLOCK_TYPES, blockColour, blockMatches, colourName, typeLabel } from "../blocks.ts";
import { useStore } from "../store.ts";
import { SearchIcon } from "./icons.tsx";
import { Modal } from "./Modal.tsx";

/**
 * Send from funnel (SPEC H5): pick a block of the client's bot flow; its message is sent and
 * the client moves there. Filter by colour and type, search by description, number or text.
 */
export function FunnelPicker(props: { client: Client; flowId: string | null; onClose(): void }) {
  const store = useStore();
  const { client, flowId } = props;
  const known = flowId ? store.flows.value.get(flowId) ?? null : null;
  const [flow, setFlow] = useState<BotFlow | null>(known);
  const [loadError, setLoadError] = useState("");
  const [query, setQuery] = useState("");
  const [colour, setColour] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  // The flow may have been edited since the page loaded: fetch it fresh on every opening.
  useEffect(() => {
    if (!flowId) return;
    loadFlow(store, flowId).then(setFlow, (err) => {
      console.error(`funnel: loading flow ${flowId} failed`, err);
      setLoadError(`Could not load the bot flow: ${errorText(err)}`);
    });
  }, [flowId]);

  const blocks = flow?.blocks ?? [];
  const colours = useMemo(() => [...new Set(blocks.map((b) => b.colour))], [flow]);
  const types = BLOCK_TYPES.filter((t) => blocks.some((b) => b.type === t));
  const shown = blocks
    .filter((b) => (!colour || b.colour === colour) && (!type || b.type === type))
    .filter((b) => blockMatches(b, query))
    .sort((a, b) => a.number - b.number);
  const picked = blocks.find((b) => b.number === chosen);

  const send = async (block: FlowBlock) => {
    setBusy(true);
    setError("");
    const problem = await moveToBlock(store, client.id, block.number);
    setBusy(false);
    if (problem) setError(problem);
    else props.onClose();
  };

  if (!flowId) {
    return (
      <Modal title="Send from funnel" onClose={props.onClose} class="modal-funnel">
        <div class="modal-note">
          <p>
            <strong>{client.name}</strong>'s channel is not linked to a bot flow, so there are no
            blocks to send.
          </p>
          <p>
            Link a flow to the channel on the <a href="/channels">Channels</a>{" "}
            page, or create one under <a href="/flows">Bot flows</a>.
          </p>
        </div>
      </Modal>
    );
  }

  return (
    <Modal
      title="Send from funnel"
      subtitle={
        <>
          {flow ? flow.name : "Loading…"}
          {client.position !== undefined && ` · ${client.name} is at block ${client.position}`}
        </>
      }
      onClose={props.onClose}
      class="modal-funnel"
      footer={
        <>
          {error && <p class="form-error" role="alert">{error}</p>}
          <p class="funnel-explain muted small">
            {picked
              ? `Sends block ${picked.number}'s message to ${client.name} and moves them there.`
              : "Pick a block: its message is sent and the client continues the flow from there."}
          </p>
          <div class="modal-actions">
            <button type="button" class="btn" onClick={props.onClose}>Cancel</button>
            <button
              type="button"
              class="btn btn-primary"
              disabled={!picked || busy}
              onClick={() => picked && send(picked)}
            >
              {busy ? "Sending…" : picked ? `Send block ${picked.number}` : "Send block"}
            </button>
          </div>
        </>
      }
    >
      {loadError && <p class="form-error" role="alert">{loadError}</p>}
      <label class="search funnel-search">
        <SearchIcon />
        <input
          type="search"
          autofocus
          aria-label="Search blocks"
          placeholder="Search text, description, number…"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      {(colours.length > 1 || types.length > 1) && (
        <div class="filters" role="group" aria-label="Filter blocks">
          {types.length > 1 && (
            <div class="filter-row">
              <span class="filters-label">Type</span>
              {types.map((t) => (
                <button
                  key={t}
                  type="button"
                  class="filter-chip"
                  aria-pressed={type === t}
                  onClick={() => setType(type === t ? null : t)}
                >
                  {typeLabel(t)}
                </button>
              ))}
            </div>
          )}
          {colours.length > 1 && (
            <div class="filter-row">
              <span class="filters-label">Colour</span>
              {colours.map((c) => (
                <button
                  key={c}
                  type="button"
                  class="filter-chip"
                  aria-pressed={colour === c}
                  onClick={() => setColour(colour === c ? null : c)}
                >
                  <span class="dot-colour" style={`background:${blockColour(c)}`} />
                  {colourName(c)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {flow && shown.length === 0 && (
        <p class="modal-note">No block matches. Clear the search or the filters.</p>
      )}
      <ul class="block-picks" role="list" aria-label="Blocks">
        {shown.map((b) => (
          <li key={b.number}>
            <button
              type="button"
              class="block-pick"
              aria-pressed={chosen === b.number}
              onClick={() => setChosen(b.number)}
              onDblClick={() => !busy && send(b)}
            >
              <span class="block-num" style={`--block:${blockColour(b.colour)}`}>{b.number}</span>
              <span class="block-pick-main">
                <span class="block-pick-top">
                  <span class="block-pick-name">{b.name || `Block ${b.number}`}</span>
                  <span class="block-type">{b.type}</span>
                  {client.position === b.number && <span class="block-here">client is here</span>}
                </span>
                <span class="block-pick-text">{b.text || b.description || "No message text"}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
