/** The bot as the inbox drives it: pause and resume (SPEC G2), send from funnel (H5). */
import type { BotFlow, Client } from "../kv/records.ts";
import { api, errorText } from "./api.ts";
import type { InboxStore } from "./store.ts";

const clientPath = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

/** Pauses the bot for this client (the server decides for how long), or resumes it. */
export async function setBotPaused(
  store: InboxStore,
  clientId: string,
  paused: boolean,
): Promise<string | null> {
  try {
    const client = await api<Client>(
      `${clientPath(clientId)}/bot/${paused ? "pause" : "resume"}`,
      { method: "POST" },
    );
    store.putClient(client);
    return null;
  } catch (err) {
    return errorText(err);
  }
}

/** Fetches a bot flow afresh (it may have been edited since the page loaded). */
export async function loadFlow(store: InboxStore, flowId: string): Promise<BotFlow> {
  const flow = await api<BotFlow>(`/api/flows/${encodeURIComponent(flowId)}`);
  store.putFlow(flow);
  return flow;
}

/** Sends a block of the client's flow and moves them there. */
export async function moveToBlock(
  store: InboxStore,
  clientId: string,
  block: number,
): Promise<string | null> {
  try {
    store.putClient(
      await api<Client>(`${clientPath(clientId)}/flow/move`, { body: { block } }),
    );
    return null;
  } catch (err) {
    return errorText(err);
  }
}
