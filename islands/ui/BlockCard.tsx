import { useId } from "preact/hooks";
import { BLOCK_COLOURS, BLOCK_TYPES, blockColour, colourName, typeLabel } from "../blocks.ts";
import type { BlockType, DraftBlock, DraftButton } from "../flow_draft.ts";
import { delayLabel } from "../format.ts";
import { CloseIcon, PlusIcon, TrashIcon } from "./icons.tsx";

/** A block another one can lead to, as the link selects list it. */
export interface BlockOption {
  number: number;
  name: string;
}

/** One editable block of a bot flow (SPEC K1): its message, buttons, links and triggers. */
export function BlockCard(props: {
  block: DraftBlock;
  options: BlockOption[];
  isStart: boolean;
  /** Another block has the same number. */
  duplicate: boolean;
  canRemove: boolean;
  onChange: (patch: Partial<DraftBlock>) => void;
  onRenumber: (number: number) => void;
  onAddButton: () => void;
  onRemove: () => void;
}) {
  const { block: b } = props;
  const id = useId();
  const others = props.options.filter((o) => o.number !== b.number);
  const setButton = (key: string, patch: Partial<DraftButton>) =>
    props.onChange({ buttons: b.buttons.map((x) => x.key === key ? { ...x, ...patch } : x) });
  const colours = BLOCK_COLOURS[b.colour]
    ? Object.keys(BLOCK_COLOURS)
    : [b.colour, ...Object.keys(BLOCK_COLOURS)];

  return (
    <fieldset
      class="block-card"
      aria-label={`Block ${b.number}`}
      style={`--block:${blockColour(b.colour)}`}
      data-block={b.number}
    >
      <div class="block-card-head">
        <label class="block-field block-field-number">
          <span>No.</span>
          <input
            type="number"
            min={1}
            max={99999}
            step={1}
            required
            value={b.number}
            aria-invalid={props.duplicate}
            onChange={(e) => props.onRenumber(e.currentTarget.valueAsNumber)}
          />
        </label>
        <label class="block-field block-field-name">
          <span>Name</span>
          <input
            maxLength={200}
            placeholder="What this step is"
            value={b.name}
            onInput={(e) => props.onChange({ name: e.currentTarget.value })}
          />
        </label>
        <label class="block-field">
          <span>Colour</span>
          <span class="select-colour">
            <span class="dot-colour" style={`background:${blockColour(b.colour)}`} />
            <select
              value={b.colour}
              onChange={(e) => props.onChange({ colour: e.currentTarget.value })}
            >
              {colours.map((c) => <option key={c} value={c}>{colourName(c)}</option>)}
            </select>
          </span>
        </label>
        <label class="block-field">
          <span>Type</span>
          <select
            value={b.type}
            onChange={(e) => props.onChange({ type: e.currentTarget.value as BlockType })}
          >
            {BLOCK_TYPES.map((t) => <option key={t} value={t}>{typeLabel(t)}</option>)}
          </select>
        </label>
        {props.isStart && <span class="block-start" title="New clients start here">Start</span>}
        <button
          type="button"
          class="icon-btn icon-btn-danger block-remove"
          aria-label={`Remove block ${b.number}`}
          title={props.canRemove ? "Remove this block" : "A flow needs at least one block"}
          disabled={!props.canRemove}
          onClick={props.onRemove}
        >
          <TrashIcon />
        </button>
      </div>
      {props.duplicate && (
        <p class="block-warn" role="alert">Another block has number {b.number}.</p>
      )}

      <label class="block-field">
        <span>Message text</span>
        <textarea
          rows={3}
          maxLength={4096}
          placeholder="What the bot sends"
          value={b.text}
          onInput={(e) => props.onChange({ text: e.currentTarget.value })}
        />
      </label>

      <div class="block-field">
        <span id={`${id}-buttons`}>Buttons</span>
        {b.buttons.length > 0 && (
          <ul class="block-buttons" role="list" aria-labelledby={`${id}-buttons`}>
            {b.buttons.map((x, i) => (
              <li key={x.key}>
                <input
                  required
                  maxLength={64}
                  aria-label={`Button ${i + 1} text`}
                  placeholder="Button text"
                  value={x.text}
                  onInput={(e) => setButton(x.key, { text: e.currentTarget.value })}
                />
                <select
                  aria-label={`Button ${i + 1} leads to`}
                  value={x.next}
                  onChange={(e) =>
                    setButton(x.key, { next: e.currentTarget.value })}
                >
                  <option value="">No block (just a reply)</option>
                  <LinkOptions options={others} />
                </select>
                <button
                  type="button"
                  class="icon-btn"
                  aria-label={`Remove button ${i + 1}`}
                  onClick={() =>
                    props.onChange({
                      buttons: b.buttons.filter((y) =>
                        y !== x
                      ),
                    })}
                >
                  <CloseIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div>
          <button
            type="button"
            class="btn btn-small btn-ghost"
            disabled={b.buttons.length >= 12}
            onClick={props.onAddButton}
          >
            <PlusIcon /> Add button
          </button>
        </div>
      </div>

      <div class="block-row">
        <label class="block-field">
          <span>Next block</span>
          <select value={b.next} onChange={(e) => props.onChange({ next: e.currentTarget.value })}>
            <option value="">None (stop here)</option>
            <LinkOptions options={others} />
          </select>
        </label>
        <label class="block-field block-field-delay">
          <span>Delay, seconds</span>
          <input
            type="number"
            min={0}
            max={365 * 24 * 3600}
            step={1}
            value={b.delaySec}
            onInput={(e) => props.onChange({ delaySec: e.currentTarget.valueAsNumber || 0 })}
          />
        </label>
        {b.delaySec > 0 && <span class="block-delay muted small">= {delayLabel(b.delaySec)}</span>}
        <label class="block-check">
          <input
            type="checkbox"
            checked={b.waitForReply}
            onChange={(e) => props.onChange({ waitForReply: e.currentTarget.checked })}
          />
          <span>Wait for reply</span>
        </label>
      </div>

      <div class="block-row block-row-even">
        <label class="block-field">
          <span>Keywords</span>
          <input
            placeholder="price, cost, how much"
            value={b.keywords}
            onInput={(e) => props.onChange({ keywords: e.currentTarget.value })}
          />
          <small class="muted">Comma-separated. A client who writes one is brought here.</small>
        </label>
        <label class="block-field">
          <span>Description</span>
          <input
            maxLength={2000}
            placeholder="A note for the team (searchable in Send from funnel)"
            value={b.description}
            onInput={(e) => props.onChange({ description: e.currentTarget.value })}
          />
        </label>
      </div>
    </fieldset>
  );
}

function LinkOptions(props: { options: BlockOption[] }) {
  return (
    <>
      {props.options.map((o) => (
        <option key={o.number} value={String(o.number)}>
          {o.number}
          {o.name ? ` · ${o.name}` : ""}
        </option>
      ))}
    </>
  );
}
