/**
 * The whole Deno KV key layout. Nothing else spells a key by hand.
 *
 * | key                                              | value                         |
 * |--------------------------------------------------|-------------------------------|
 * | ["employee", id]                                 | Employee                      |
 * | ["employee_by_email", email]                     | employee id                   |
 * | ["session", sha256(token)]                       | Session (expires)             |
 * | ["login_failures", email]                        | failed sign-ins (expires)     |
 * | ["api_token", sha256(token)]                     | ApiToken                      |
 * | ["api_token_by_employee", employeeId, tokenId]   | sha256(token)                 |
 * | ["channel", id]                                  | Channel                       |
 * | ["dialog", clientId]                             | Client (the dialog's state)   |
 * | ["client_by_platform", channelId, platformId]    | client id                     |
 * | ["inbox", pinned 0/1, lastActivity ms, clientId] | client id (list in reverse;   |
 * |                                                  | stale ones swept later)       |
 * | ["dialog", clientId, seq]                        | Message                       |
 * | ["message_by_external", channelId, chatId, extId]| seq of our sent message       |
 * | ["scheduled", clientId, seq]                     | send time of a scheduled msg  |
 * | ["dedupe", channelId, updateKey]                 | client id (expires)           |
 * | ["bot_flow", id]                                 | BotFlow                       |
 * | ["project"]                                      | ProjectSettings               |
 * | ["widget_blob", blobId]                          | an uploaded file's record     |
 * | ["widget_blob_chunk", blobId, n]                 | ≤ 60 000 bytes of the file    |
 * | ["widget_rate", channelId, kind, subject, minute]| count in that minute (expires)|
 * | ["event", ulid]                                  | DialogEvent (expires)         |
 * | ["event_latest"]                                 | ulid of the newest event      |
 * | ["job", dueMs, jobId]                            | Job (the table mailbox)       |
 * | ["job_wake"]                                     | due time of the newest job    |
 * | ["job_dead", jobId]                              | Job that kept failing         |
 */
export const keys = {
  employee: (id: string) => ["employee", id],
  employeePrefix: () => ["employee"],
  employeeByEmail: (email: string) => ["employee_by_email", email.toLowerCase()],
  session: (hash: string) => ["session", hash],
  loginFailures: (email: string) => ["login_failures", email.toLowerCase()],
  apiToken: (hash: string) => ["api_token", hash],
  apiTokenByEmployee: (employeeId: string, tokenId: string) => [
    "api_token_by_employee",
    employeeId,
    tokenId,
  ],
  apiTokensOfEmployee: (employeeId: string) => ["api_token_by_employee", employeeId],
  channel: (id: string) => ["channel", id],
  channelPrefix: () => ["channel"],
  // A dialog's messages sit right after its record in key order, so the record's update and a
  // new message land on the same storage page: one random write per message, not two.
  client: (id: string) => ["dialog", id],
  clientByPlatform: (channelId: string, platformId: string) => [
    "client_by_platform",
    channelId,
    platformId,
  ],
  inbox: (pinned: boolean, lastActivityMs: number, clientId: string) => [
    "inbox",
    pinned ? 1 : 0,
    lastActivityMs,
    clientId,
  ],
  inboxPrefix: () => ["inbox"],
  /** The inbox entry that is current for this client's state. */
  inboxOf: (c: { pinned: boolean; lastActivityAt: string; id: string }) => [
    "inbox",
    c.pinned ? 1 : 0,
    Date.parse(c.lastActivityAt),
    c.id,
  ],
  message: (clientId: string, seq: number) => ["dialog", clientId, seq],
  messagesOf: (clientId: string) => ["dialog", clientId],
  messageByExternal: (channelId: string, chatId: string, externalId: string) => [
    "message_by_external",
    channelId,
    chatId,
    externalId,
  ],
  scheduled: (clientId: string, seq: number) => ["scheduled", clientId, seq],
  scheduledOf: (clientId: string) => ["scheduled", clientId],
  botFlow: (id: string) => ["bot_flow", id],
  project: () => ["project"],
  widgetBlob: (id: string) => ["widget_blob", id],
  widgetBlobChunk: (id: string, n: number) => ["widget_blob_chunk", id, n],
  widgetBlobChunks: (id: string) => ["widget_blob_chunk", id],
  widgetRate: (channelId: string, scope: "visitor" | "ip", subject: string, minute: number) => [
    "widget_rate",
    channelId,
    scope,
    subject,
    minute,
  ],
  botFlowPrefix: () => ["bot_flow"],
  // Numeric update ids (Telegram's grow by one) are stored as numbers: new keys land side by side.
  dedupe: (channelId: string, updateKey: string) => [
    "dedupe",
    channelId,
    /^\d{1,15}$/.test(updateKey) ? Number(updateKey) : updateKey,
  ],
  event: (id: string) => ["event", id],
  eventPrefix: () => ["event"],
  eventLatest: () => ["event_latest"],
  job: (dueMs: number, id: string) => ["job", dueMs, id],
  jobPrefix: () => ["job"],
  jobWake: () => ["job_wake"],
  jobDead: (id: string) => ["job_dead", id],
} satisfies Record<string, (...args: never[]) => Deno.KvKey>;

/** Whether an inbox entry is the current one for the client as stored (none is, for no client). */
export function isCurrentInbox(
  key: Deno.KvKey,
  client: { pinned: boolean; lastActivityAt: string; id: string } | null,
): boolean {
  return client !== null && JSON.stringify(key) === JSON.stringify(keys.inboxOf(client));
}

/**
 * How long deduplication keys and the event log are kept: eight days, past the longest retries a
 * messenger makes (WhatsApp's, up to seven days). One figure for both on purpose: Deno KV indexes every key by its expiry time, and keys
 * a commit writes with the same expiry sit side by side in that index, on one storage page.
 */
export const EVENT_TTL_MS = 8 * 24 * 3600_000;
export const DEDUPE_TTL_MS = EVENT_TTL_MS;
