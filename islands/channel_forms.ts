/**
 * The connect form's model: a field of a connector's config, a kind of channel, and how the
 * form's values become the `config` of `POST /api/channels`. The kinds are in channel_kinds.ts.
 */
import type { ChannelType } from "../kv/records.ts";

/** The values of a connect form, by field key. */
export type FormValues = Record<string, string | boolean>;

/** One field of a connect form. `key` is its path in the config: "smtp.host". */
export interface FieldSpec {
  key: string;
  label: string;
  /** Where to find the value, shown under the field. */
  help: string;
  kind?: "text" | "secret" | "number" | "checkbox" | "select" | "lines" | "colour" | "textarea";
  required?: boolean;
  placeholder?: string;
  /** What the field holds before anyone types. */
  initial?: string | boolean;
  options?: { value: string; label: string }[];
  /** Shown only when this says so (an e-mail provider's own fields). */
  when?: (values: FormValues) => boolean;
  /** Tokens, ids and URLs: shown in the monospace font, never spell-checked. */
  code?: boolean;
}

/** A kind of channel as the Connect section offers it. */
export interface ChannelKind {
  type: ChannelType;
  label: string;
  /** One line on the type's card. */
  blurb: string;
  /** What to do before filling the form, in a sentence or two. */
  intro: string;
  namePlaceholder: string;
  fields: FieldSpec[];
}

/** The form's starting values for a kind. */
export function initialValues(kind: ChannelKind): FormValues {
  const values: FormValues = {};
  for (const f of kind.fields) {
    values[f.key] = f.initial ?? (f.kind === "checkbox" ? false : "");
  }
  return values;
}

/** The fields a form shows with these values. */
export function visibleFields(kind: ChannelKind, values: FormValues): FieldSpec[] {
  return kind.fields.filter((f) => !f.when || f.when(values));
}

/**
 * The `config` for `POST /api/channels`: text trimmed, empty optional fields left out (so the
 * server's defaults apply), numbers as numbers, lists one per line, "smtp.host" nested.
 */
export function configFrom(kind: ChannelKind, values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of visibleFields(kind, values)) {
    const raw = values[f.key];
    let value: unknown;
    if (f.kind === "checkbox") {
      // Unticked means "the server's default" (TLS by port), not an explicit no.
      if (raw !== true) continue;
      value = true;
    } else {
      const text = typeof raw === "string" ? raw.trim() : "";
      if (!text) continue;
      if (f.kind === "number") value = /^\d+$/.test(text) ? Number(text) : text;
      else if (f.kind === "lines") value = text.split(/[\s,]+/).filter(Boolean);
      else value = text;
    }
    const path = f.key.split(".");
    let at = config;
    for (const part of path.slice(0, -1)) {
      at = (at[part] ??= {}) as Record<string, unknown>;
    }
    at[path.at(-1)!] = value;
  }
  return config;
}
