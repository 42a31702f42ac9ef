import type { VisitorAttachment } from "../view.ts";
import { clock, day, initials, size } from "./format.ts";
import { FileIcon } from "./icons.tsx";
import type { ChatItem, ChatStore } from "./store.ts";
import { linkify } from "../../../islands/linkify.tsx";

/** Who wrote a message, as one run of bubbles shows it. */
function authorOf(m: ChatItem, title: string): { key: string; name: string } {
  if (m.direction === "in") return { key: "visitor", name: "You" };
  if (m.author.kind === "employee") return { key: `e:${m.author.name}`, name: m.author.name };
  return { key: "bot", name: title };
}

/** Consecutive messages of one author, a few minutes apart, share one name and avatar. */
interface Run {
  author: { key: string; name: string };
  out: boolean;
  items: ChatItem[];
  day?: string;
}

function runs(items: ChatItem[], title: string): Run[] {
  const out: Run[] = [];
  for (const m of items) {
    const author = authorOf(m, title);
    const prev = out.at(-1);
    const last = prev?.items.at(-1);
    // A divider between days, and above the first message unless it is from today.
    const newDay = last ? day(last.createdAt) !== day(m.createdAt) : day(m.createdAt) !== "Today";
    const near = last && Date.parse(m.createdAt) - Date.parse(last.createdAt) < 5 * 60_000;
    if (prev && prev.author.key === author.key && near && !newDay) prev.items.push(m);
    else {
      out.push({
        author,
        out: m.direction === "out",
        items: [m],
        ...(newDay ? { day: day(m.createdAt) } : {}),
      });
    }
  }
  return out;
}

function Attachment(props: { a: VisitorAttachment }) {
  const { a } = props;
  if (!a.url) return null;
  if (a.type === "photo") {
    return (
      <a class="sb-photo" href={a.url} target="_blank" rel="noopener noreferrer">
        <img src={a.url} alt={a.fileName ?? "Image"} loading="lazy" />
      </a>
    );
  }
  return (
    <a class="sb-file" href={a.url} target="_blank" rel="noopener noreferrer" download={a.fileName}>
      <span class="sb-file-icon">
        <FileIcon />
      </span>
      <span class="sb-file-text">
        <span class="sb-file-name">{a.fileName ?? "File"}</span>
        <span class="sb-file-size">{size(a.size)}</span>
      </span>
    </a>
  );
}

function Bubble(props: { m: ChatItem; label: (data: string) => string }) {
  const { m } = props;
  const text = m.pressed !== undefined ? props.label(m.pressed) : m.text;
  const files = m.attachments.filter((a) => a.url);
  return (
    <div class={`sb-bubble-wrap${m.local ? ` is-${m.local}` : ""}`} data-message-id={m.id}>
      {files.map((a, i) => <Attachment key={i} a={a} />)}
      {text && (
        <div class={`sb-bubble${m.pressed !== undefined ? " is-pressed" : ""}`}>
          {linkify(text)}
        </div>
      )}
    </div>
  );
}

/** The conversation: a greeting, then runs of bubbles with names, avatars and times. */
export function Messages(props: { store: ChatStore; title: string; greeting: string | null }) {
  const { store } = props;
  const items = store.items.value;
  // A pressed quick reply shows its label, found on the message that offered it.
  const label = (data: string) =>
    items.flatMap((m) => m.buttons ?? []).findLast((b) => b.data === data)?.text ?? data;
  const last = items.at(-1);
  const quick = last?.direction === "out" && !last.local ? last.buttons ?? [] : [];
  return (
    <>
      {props.greeting && (
        <Run
          run={{
            author: { key: "bot", name: props.title },
            out: true,
            items: [],
          }}
          greeting={props.greeting}
          label={label}
          store={store}
        />
      )}
      {runs(items, props.title).map((run) => (
        <Run key={run.items[0].id} run={run} label={label} store={store} />
      ))}
      {quick.length > 0 && (
        <div class="sb-quick" role="group" aria-label="Quick replies">
          {quick.map((b) => (
            <button
              type="button"
              key={b.data}
              class="sb-chip"
              onClick={() => store.press(b)}
            >
              {b.text}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

function Run(
  props: { run: Run; greeting?: string; label: (d: string) => string; store: ChatStore },
) {
  const { run } = props;
  const end = run.items.at(-1);
  const failed = run.items.find((m) => m.local === "failed");
  return (
    <>
      {run.day && <p class="sb-day">{run.day}</p>}
      <div class={`sb-run ${run.out ? "sb-run-out" : "sb-run-in"}${end ? "" : " sb-run-plain"}`}>
        {run.out && (
          <span class="sb-avatar sb-avatar-small" aria-hidden="true">
            {initials(run.author.name)}
          </span>
        )}
        <div class="sb-run-body">
          {run.out && <p class="sb-author">{run.author.name}</p>}
          {props.greeting && (
            <div class="sb-bubble-wrap">
              <div class="sb-bubble">{linkify(props.greeting)}</div>
            </div>
          )}
          {run.items.map((m) => <Bubble key={m.id} m={m} label={props.label} />)}
          {failed
            ? (
              <p class="sb-meta sb-meta-failed">
                Not sent.{" "}
                <button type="button" class="sb-link" onClick={() => props.store.retry(failed)}>
                  Try again
                </button>
              </p>
            )
            : end && (
              <p class="sb-meta">
                {end.local === "sending" ? "Sending…" : clock(end.createdAt)}
              </p>
            )}
        </div>
      </div>
    </>
  );
}
