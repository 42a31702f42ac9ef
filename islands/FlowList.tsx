import { useRef, useState } from "preact/hooks";
import type { BotFlow } from "../kv/records.ts";
import { api, errorText } from "./api.ts";
import { dateTime } from "./time.ts";
import { downloadFlow, parseFlowFile } from "./flow_draft.ts";
import type { ChannelInfo } from "./store.ts";
import { DownloadIcon, PlusIcon, UploadIcon } from "./ui/icons.tsx";

export interface FlowListProps {
  flows: BotFlow[];
  channels: ChannelInfo[];
  now: number;
  /** The project's time zone, which dates are shown in. */
  timeZone: string;
}

/** Every bot flow: what it is, where it answers; create one, import one, export one. */
export function FlowList(props: FlowListProps) {
  const [flows, setFlows] = useState(props.flows);
  const [error, setError] = useState("");
  const [imported, setImported] = useState<BotFlow | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const importFile = async (picked: File) => {
    setError("");
    setImported(null);
    try {
      const body = parseFlowFile(await picked.text());
      const flow = await api<BotFlow>("/api/flows", { body });
      setFlows([...flows, flow].sort((a, b) => a.name.localeCompare(b.name)));
      setImported(flow);
    } catch (err) {
      setError(`Not imported: ${errorText(err)}`);
    }
  };

  return (
    <div class="settings">
      <div class="toolbar">
        <a class="btn btn-primary" href="/flows/new">
          <PlusIcon /> New flow
        </a>
        <button type="button" class="btn" onClick={() => file.current?.click()}>
          <UploadIcon /> Import JSON
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          class="sr-only"
          tabIndex={-1}
          aria-label="Flow file to import"
          onChange={(e) => {
            const picked = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (picked) importFile(picked);
          }}
        />
      </div>
      {error && <p class="form-error" role="alert">{error}</p>}
      {imported && (
        <p class="form-ok" role="status">
          Imported <a href={`/flows/${imported.id}`}>{imported.name}</a> with{" "}
          {blocksLabel(imported.blocks.length)}.
        </p>
      )}
      <section class="panel" aria-labelledby="flows-title">
        <h2 id="flows-title">Flows</h2>
        {flows.length === 0
          ? (
            <p class="muted">
              No bot flows yet. A flow is a set of numbered blocks the bot sends as clients write:
              create one, then link it to a channel.
            </p>
          )
          : (
            <ul class="flow-list" role="list">
              {flows.map((f) => {
                const linked = props.channels.filter((ch) => ch.flowId === f.id);
                return (
                  <li key={f.id} class="flow-item">
                    <div class="flow-item-main">
                      <a class="flow-name" href={`/flows/${f.id}`}>{f.name}</a>
                      <p class="muted small">
                        {blocksLabel(f.blocks.length)} · starts at block {f.startBlock} · changed
                        {" "}
                        {dateTime(f.updatedAt, props.now, props.timeZone)}
                      </p>
                      <p class="small">
                        {linked.length > 0
                          ? <>Linked to {linked.map((c) => c.name).join(", ")}</>
                          : <span class="muted">Not linked to a channel</span>}
                      </p>
                    </div>
                    <div class="flow-item-actions">
                      <button
                        type="button"
                        class="btn btn-small"
                        aria-label={`Export ${f.name} as JSON`}
                        onClick={() =>
                          downloadFlow({
                            name: f.name,
                            startBlock: f.startBlock,
                            blocks: f.blocks,
                          })}
                      >
                        <DownloadIcon /> Export JSON
                      </button>
                      <a class="btn btn-small" href={`/flows/${f.id}`}>Edit</a>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
      </section>
    </div>
  );
}

function blocksLabel(n: number): string {
  return n === 1 ? "1 block" : `${n} blocks`;
}
