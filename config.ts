import { z } from "zod";

/** Environment configuration, parsed once at start (CONTRACT.md lists the variables). */
export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  KV_PATH: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD needs at least 8 characters").optional(),
  TELEGRAM_API_BASE: z.url().default("https://api.telegram.org"),
  META_GRAPH_BASE: z.url().default("https://graph.facebook.com"),
  VK_API_BASE: z.url().default("https://api.vk.com"),
  VIBER_API_BASE: z.url().default("https://chatapi.viber.com"),
  AI_API_BASE: z.url().optional(),
  AI_API_KEY: z.string().optional(),
  AI_MODEL: z.string().optional(),
  /** How far back the event follower re-reads for commits that landed out of id order. */
  EVENT_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Which mailbox runs effects: KV's queue, or the KV job table (default on shared KV). */
  MAILBOX: z.enum(["queue", "table"]).optional(),
  /** How long "Pause the bot" pauses it. */
  BOT_PAUSE_MS: z.coerce.number().int().min(1_000).default(24 * 3600_000),
  /** Port of the built-in SMTP receiver for e-mail channels (off when unset; 25 for an MX). */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Upper bound on queue handlers running at once in this process. */
  MAILBOX_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  /** PBKDF2 iterations for new password hashes. */
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1_000).default(310_000),
});
export type Config = z.infer<typeof Config> & { publicUrl: string; kvPath: string };

/** Parses the environment; throws a readable error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = Deno.env.toObject()): Config {
  const parsed = Config.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ""),
    // On Deno Deploy with no KV_PATH, the project's attached database is used.
    kvPath: c.KV_PATH ?? (env.DENO_DEPLOYMENT_ID ? "" : "./data/switchboard.db"),
  };
}

/** True when the KV store is shared by many processes (Deno Deploy or KV Connect). */
export function isRemoteKv(config: Config): boolean {
  return config.kvPath === "" || /^https?:\/\//.test(config.kvPath);
}
