import { useMemo, useState } from "preact/hooks";
import { api, errorText } from "./api.ts";
import { useStore } from "./store.ts";
import { calendarDate, clockTime, zoneLabel } from "./time.ts";

/** The project's settings as GET /api/project gives them. */
export interface ProjectSettingsValue {
  name: string;
  timeZone: string;
}

export interface ProjectSettingsProps {
  project: ProjectSettingsValue;
  /** The zones the server accepts (a browser may name some differently). */
  zones: string[];
  now: number;
}

/** How many zones the list shows at once. */
const LIST_ROWS = 8;

/** Project settings (SPEC L2): the name, and the time zone every date is shown in. */
export function ProjectSettings(props: ProjectSettingsProps) {
  const store = useStore();
  const [saved, setSaved] = useState(props.project);
  const [name, setName] = useState(props.project.name);
  const [zone, setZone] = useState(props.project.timeZone);
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [ok, setOk] = useState("");
  const now = props.now;

  const all = useMemo(
    () =>
      props.zones.includes(props.project.timeZone)
        ? props.zones
        : [props.project.timeZone, ...props.zones],
    [],
  );
  const words = query.trim().toLowerCase().replace(/\s+/g, "_");
  const shown = words ? all.filter((z) => z.toLowerCase().includes(words) || z === zone) : all;
  const changed = name.trim() !== saved.name || zone !== saved.timeZone;

  return (
    <form
      class="panel stack"
      aria-labelledby="project-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError("");
        setOk("");
        try {
          const next = await api<ProjectSettingsValue>("/api/project", {
            method: "PUT",
            body: { name: name.trim(), timeZone: zone },
          });
          setSaved(next);
          setName(next.name);
          store.timeZone.value = next.timeZone;
          setOk(`Saved. Every date now shows in ${zoneLabel(next.timeZone, now)}.`);
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="project-title">Project</h2>
      <div class="field">
        <label for="project-name">Project name</label>
        <input
          id="project-name"
          required
          maxLength={100}
          value={name}
          onInput={(e) => {
            setName(e.currentTarget.value);
            setOk("");
          }}
        />
      </div>
      <div class="field">
        <label for="zone-list">Time zone</label>
        <input
          type="search"
          class="zone-search"
          aria-label="Search time zones"
          aria-controls="zone-list"
          placeholder="Search: Berlin, New_York, Tokyo…"
          autocomplete="off"
          spellcheck={false}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter picks the first match instead of saving half-way through a search.
            if (e.key !== "Enter") return;
            e.preventDefault();
            const first = shown.find((z) => z !== zone) ?? shown[0];
            if (first) setZone(first);
          }}
        />
        <select
          id="zone-list"
          class="zone-list"
          size={Math.max(3, Math.min(LIST_ROWS, shown.length))}
          value={zone}
          aria-describedby="zone-help"
          onChange={(e) => {
            setZone(e.currentTarget.value);
            setOk("");
          }}
        >
          {shown.map((z) => <option key={z} value={z}>{z.replaceAll("_", " ")}</option>)}
        </select>
        {shown.length === 1 && words && !zone.toLowerCase().includes(words) && (
          <p class="field-help">No time zone matches “{query.trim()}”.</p>
        )}
        <p id="zone-help" class="field-help">
          Every date and time in Switchboard is shown in this zone, for everyone in the project. Now
          it is{" "}
          <strong class="zone-now">
            {clockTime(new Date(now).toISOString(), zone)} on{" "}
            {calendarDate(new Date(now).toISOString(), zone)}
          </strong>{" "}
          in {zoneLabel(zone, now)}.
        </p>
      </div>
      {error && <p class="form-error" role="alert">{error}</p>}
      {ok && <p class="form-ok" role="status">{ok}</p>}
      <div>
        <button type="submit" class="btn btn-primary" disabled={busy || !changed}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
