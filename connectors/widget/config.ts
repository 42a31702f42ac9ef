import { z } from "zod";
import { BadInput } from "../../errors.ts";

/** The path the widget's routes are mounted at. */
export const WIDGET_PATH = "/widget";

/** A site's origin (`https://shop.example`), or "*" for any site. */
function normaliseOrigin(value: string): string | null {
  const s = value.trim();
  if (s === "*") return s;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username;
  if (!/^https?:$/.test(url.protocol) || !bare || s.endsWith("?") || s.endsWith("#")) return null;
  return url.origin;
}

const Origin = z.string().transform((s, ctx) => {
  const origin = normaliseOrigin(s);
  if (origin === null) {
    ctx.addIssue({
      code: "custom",
      message: `must be a site's origin like https://shop.example (scheme and host, no path), ` +
        `or "*" for any site; got ${JSON.stringify(s)}`,
    });
    return z.NEVER;
  }
  return origin;
});

/** A widget channel's settings, as given to POST /api/channels (type "widget"). */
export const WidgetConfig = z.object({
  /** Sites allowed to show the widget; "*" only when given on purpose. */
  allowedOrigins: z.array(Origin).min(1, "must list at least one site, like https://shop.example")
    .max(50).transform((list) => [...new Set(list)]),
  /** Messages one visitor may send a minute. */
  rateLimitPerMinute: z.number().int().min(1).max(1000).default(20),
  /** Messages all visitors behind one IP address may send a minute. */
  ipRateLimitPerMinute: z.number().int().min(1).max(100_000).default(120),
  /** The business name in the widget's header. */
  title: z.string().trim().min(1, "must not be empty").max(80),
  /** The first message a visitor sees, before anyone has written. */
  greeting: z.string().trim().max(1000).optional(),
  /** The widget's accent colour, `#rrggbb`. */
  colour: z.string().trim().regex(/^#([0-9a-fA-F]{3}){1,2}$/, "must be a colour like #4f46e5")
    .transform((c) => c.toLowerCase()).optional(),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

/** The accent colour when the channel sets none. */
export const DEFAULT_COLOUR = "#4f46e5";

/** Validates a widget config; BadInput names the first bad field (`config.allowedOrigins[1]`). */
export function parseWidgetConfig(input: unknown): WidgetConfig {
  const parsed = WidgetConfig.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.reduce<string>(
    (at, p) => typeof p === "number" ? `${at}[${p}]` : `${at}.${String(p)}`,
    "config",
  );
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  throw new BadInput(missing ? `${field} is required` : `${field}: ${issue.message}`);
}

/** True when a request from `origin` (its Origin header) may use the channel's widget. */
export function originAllowed(
  config: Pick<WidgetConfig, "allowedOrigins">,
  origin?: string | null,
) {
  if (!origin) return false;
  if (config.allowedOrigins.includes("*")) return true;
  const normal = normaliseOrigin(origin);
  return normal !== null && normal !== "*" && config.allowedOrigins.includes(normal);
}

/** The tag a business pastes into its site. */
export function embedSnippet(base: string, channelId: string): string {
  return `<script src="${base}${WIDGET_PATH}/${channelId}.js" async></script>`;
}
