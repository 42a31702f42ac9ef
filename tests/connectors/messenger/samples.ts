// Messenger Platform webhook bodies, shaped as Meta's documentation and real captures show them.

export const PAGE_ID = "111899832631525";
export const PSID = "1433960459967306";

/** One `messaging[]` item from the client to the page. */
export function event(
  fields: Record<string, unknown>,
  /** null leaves the timestamp out, as delivery events do. */
  timestamp: number | null = 1480279487147,
): Record<string, unknown> {
  return {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    ...(timestamp === null ? {} : { timestamp }),
    ...fields,
  };
}

/** A webhook body: one entry for the page, holding these events. */
export function pageHook(events: unknown[], object = "page", id = PAGE_ID) {
  return { object, entry: [{ id, time: 1480279487271, messaging: events }] };
}
