import { type ComponentChildren, Fragment } from "preact";

/** The parts of a JSON Schema (OpenAPI 3.1) the docs page shows. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

const MAX_DEPTH = 4;

/** "#/components/schemas/Client" → "Client". */
function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

/** A link to a named schema in the Schemas section. */
function RefLink(props: { ref: string }) {
  const name = refName(props.ref);
  return <a class="type-ref" href={`#schema-${name}`}>{name}</a>;
}

function variants(s: JsonSchema): JsonSchema[] | undefined {
  return s.oneOf ?? s.anyOf ?? s.allOf;
}

function types(s: JsonSchema): string[] {
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
}

/** Items with a separator between them, keyed for Preact. */
function joined(items: ComponentChildren[], sep: string): ComponentChildren {
  return items.map((item, i) => (
    <Fragment key={i}>
      {i > 0 && sep}
      {item}
    </Fragment>
  ));
}

/** A one-line object shape: `{ kind: "employee", id: string, name: string }`. */
function shape(s: JsonSchema): ComponentChildren {
  const fields = Object.entries(s.properties ?? {}).map(([name, p]) => (
    <>
      {name}
      {s.required?.includes(name) ? "" : "?"}: <TypeLabel schema={p} inline />
    </>
  ));
  return <>{"{ "}{joined(fields, ", ")}{" }"}</>;
}

/** A schema's type in a few words, with named schemas linked. */
export function TypeLabel(props: { schema: JsonSchema; inline?: boolean }): ComponentChildren {
  const s = props.schema;
  if (s.$ref) return <RefLink ref={s.$ref} />;
  if (s.const !== undefined) return <code>{JSON.stringify(s.const)}</code>;
  if (s.enum) return joined(s.enum.map((v, i) => <code key={i}>{JSON.stringify(v)}</code>), " | ");
  const alts = variants(s);
  if (alts) {
    const labels = alts.map((v, i) =>
      v.properties && !v.$ref ? shape(v) : <TypeLabel key={i} schema={v} inline />
    );
    return joined(labels, s.allOf ? " & " : " | ");
  }
  const parts = types(s).map((t): ComponentChildren => {
    if (t === "array") {
      return s.items
        ? (
          <>
            <TypeLabel schema={s.items} inline />[]
          </>
        )
        : "array";
    }
    if (t === "object" && props.inline && s.properties) return shape(s);
    if (t === "object" && typeof s.additionalProperties === "object") {
      return (
        <>
          map of <TypeLabel schema={s.additionalProperties} inline />
        </>
      );
    }
    return s.format ? `${t} (${s.format})` : t;
  });
  if (parts.length === 0) return s.properties ? "object" : "any";
  return joined(parts, " | ");
}

/** Limits and defaults, in words. */
export function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.minLength !== undefined && s.maxLength !== undefined) {
    out.push(`${s.minLength}–${s.maxLength} characters`);
  } else if (s.maxLength !== undefined) out.push(`at most ${s.maxLength} characters`);
  else if (s.minLength !== undefined) out.push(`at least ${s.minLength} characters`);
  if (s.minimum !== undefined && s.maximum !== undefined) out.push(`${s.minimum}–${s.maximum}`);
  else if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  else if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.pattern) out.push(`matches ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

interface Row {
  path: string;
  required: boolean;
  schema: JsonSchema;
  /** Its fields follow as rows of their own, so its type reads just "object" or "object[]". */
  expanded?: "object" | "object[]";
}

/** An object's properties as rows, nested objects and arrays of objects spelled as paths. */
function rowsOf(s: JsonSchema, prefix = "", depth = 0): Row[] {
  const rows: Row[] = [];
  for (const [name, p] of Object.entries(s.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const row: Row = { path, required: s.required?.includes(name) ?? false, schema: p };
    rows.push(row);
    if (depth >= MAX_DEPTH || p.$ref) continue;
    if (p.properties) {
      row.expanded = "object";
      rows.push(...rowsOf(p, path, depth + 1));
    } else if (p.items?.properties && !p.items.$ref) {
      row.expanded = "object[]";
      rows.push(...rowsOf(p.items, `${path}[]`, depth + 1));
    }
  }
  return rows;
}

/** A schema, readable: a property table for objects, else its type. */
export function SchemaView(props: { schema: JsonSchema }) {
  const s = props.schema;
  const target = s.items?.properties && !s.items.$ref ? s.items : s;
  if (!target.properties || s.$ref) {
    return (
      <p class="schema-type">
        <TypeLabel schema={s} />
        {s.description && <span class="muted">— {s.description}</span>}
      </p>
    );
  }
  const rows = rowsOf(target);
  return (
    <div class="table-wrap">
      {target !== s && <p class="schema-type">An array of:</p>}
      <table class="props">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path}>
              <td>
                <code>{r.path}</code>
                {r.required && <span class="req" title="required">*</span>}
              </td>
              <td class="type">
                {r.expanded ?? <TypeLabel schema={r.schema} inline />}
              </td>
              <td>
                {[r.schema.description, ...constraints(r.schema)].filter(Boolean).join("; ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
