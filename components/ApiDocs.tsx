import { Fragment } from "preact";
import { constraints, type JsonSchema, SchemaView, TypeLabel } from "./Schema.tsx";

/** The parts of an OpenAPI 3.1 document the docs page shows. */
export interface OpenApiDoc {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface Media {
  schema?: JsonSchema;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Entry {
  id: string;
  method: string;
  path: string;
  op: Operation;
}

/** Operations grouped by their first tag, in the order the document lists them. */
function groups(doc: OpenApiDoc): [string, Entry[]][] {
  const byTag = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      const id = `op-${method}-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), { id, method, path, op }]);
    }
  }
  return [...byTag];
}

/** A path that may wrap after any slash, never inside a word. */
function breakable(path: string) {
  return path.split("/").map((part, i) => (
    <Fragment key={i}>
      {i > 0 && (
        <>
          /<wbr />
        </>
      )}
      {part}
    </Fragment>
  ));
}

function tagId(tag: string): string {
  return `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/** Inline `code` spans in the document's prose. */
function Prose(props: { text?: string }) {
  if (!props.text) return null;
  const parts = props.text.split(/`([^`]+)`/);
  return <>{parts.map((p, i) => (i % 2 ? <code>{p}</code> : p))}</>;
}

/** The API reference, rendered from the app's own OpenAPI document. */
export function ApiDocs(props: { doc: OpenApiDoc }) {
  const { doc } = props;
  const grouped = groups(doc);
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <div class="docs">
      <nav class="docs-nav" aria-label="API sections">
        {grouped.map(([tag, entries]) => (
          <div class="docs-nav-group">
            <a class="docs-nav-tag" href={`#${tagId(tag)}`}>{tag}</a>
            <ul role="list">
              {entries.map((e) => (
                <li>
                  <a href={`#${e.id}`}>
                    <span class={`method method-${e.method}`}>{e.method.toUpperCase()}</span>
                    <span class="docs-nav-path">{breakable(e.path.replace(/^\/api/, ""))}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {schemas.length > 0 && <a class="docs-nav-tag" href="#schemas">Schemas</a>}
      </nav>
      <main class="docs-main">
        <header class="docs-intro">
          <h1>
            {doc.info?.title ?? "API"} <span class="muted">v{doc.info?.version}</span>
          </h1>
          <p>
            <Prose text={doc.info?.description} />
          </p>
          <p>
            Every request and response is JSON. Errors answer with a 4xx status and{" "}
            <code>{`{"error": {"code", "message"}}`}</code>. The machine-readable document is at
            {" "}
            <a href="/openapi.json">/openapi.json</a>.
          </p>
        </header>
        {grouped.map(([tag, entries]) => (
          <section class="docs-tag" id={tagId(tag)} aria-labelledby={`${tagId(tag)}-h`}>
            <h2 id={`${tagId(tag)}-h`}>{tag}</h2>
            {entries.map((e) => (
              <OperationView key={e.id} entry={e} schemas={doc.components?.schemas} />
            ))}
          </section>
        ))}
        {schemas.length > 0 && (
          <section class="docs-tag" id="schemas" aria-labelledby="schemas-h">
            <h2 id="schemas-h">Schemas</h2>
            {schemas.map(([name, schema]) => (
              <article class="op" id={`schema-${name}`}>
                <h3 class="schema-name">{name}</h3>
                {schema.description && (
                  <p>
                    <Prose text={schema.description} />
                  </p>
                )}
                <SchemaView schema={schema} />
              </article>
            ))}
          </section>
        )}
      </main>
    </div>
  );
}

function OperationView(props: { entry: Entry; schemas?: Record<string, JsonSchema> }) {
  const { id, method, path, op } = props.entry;
  // A request body's own schema is shown in full, not only linked.
  const expand = (s: JsonSchema): JsonSchema => {
    const named = s.$ref ? props.schemas?.[s.$ref.split("/").at(-1) ?? ""] : undefined;
    return named ?? s;
  };
  const params = op.parameters ?? [];
  const body = op.requestBody;
  return (
    <article class="op" id={id}>
      <h3 class="op-title">
        <span class={`method method-${method}`}>{method.toUpperCase()}</span>
        <code class="op-path">{path}</code>
      </h3>
      {op.summary && (
        <p class="op-summary">
          <Prose text={op.summary} />
        </p>
      )}
      {op.description && (
        <p>
          <Prose text={op.description} />
        </p>
      )}
      {params.length > 0 && (
        <>
          <h4>Parameters</h4>
          <div class="table-wrap">
            <table class="props">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => (
                  <tr>
                    <td>
                      <code>{p.name}</code>
                      {p.required && <span class="req" title="required">*</span>}
                    </td>
                    <td>{p.in}</td>
                    <td class="type">{p.schema ? <TypeLabel schema={p.schema} inline /> : ""}</td>
                    <td>
                      {[p.description, ...(p.schema ? constraints(p.schema) : [])]
                        .filter(Boolean).join("; ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {body?.content && (
        <>
          <h4>Request body{body.required ? "" : " (optional)"}</h4>
          {Object.entries(body.content).map(([type, media]) => (
            <div class="media">
              <p class="media-type">{type}</p>
              {media.schema && <SchemaView schema={expand(media.schema)} />}
            </div>
          ))}
        </>
      )}
      <h4>Responses</h4>
      <dl class="responses">
        {Object.entries(op.responses ?? {}).map(([status, r]) => (
          <div class={`response status-${status[0]}xx`}>
            <dt>
              <span class="status-code">{status}</span> {r.description}
            </dt>
            {Object.entries(r.content ?? {}).map(([type, media]) => (
              <dd>
                <span class="media-type">{type}</span>
                {media.schema && <SchemaView schema={media.schema} />}
              </dd>
            ))}
          </div>
        ))}
      </dl>
    </article>
  );
}
