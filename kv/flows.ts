import { newUlid } from "./ids.ts";
import { keys } from "./keys.ts";
import { BotFlow } from "./records.ts";

const CACHE_MS = 5_000;

/** Bot flows ("funnels"): numbered blocks the bot walks clients through. */
export class Flows {
  #cache = new Map<string, { flow: BotFlow | null; until: number }>();
  constructor(readonly kv: Deno.Kv) {}

  /** A flow by id; cached for a few seconds, since every inbound message may need it. */
  async get(id: string): Promise<BotFlow | null> {
    const hit = this.#cache.get(id);
    if (hit && hit.until > Date.now()) return hit.flow;
    const flow = (await this.kv.get<BotFlow>(keys.botFlow(id))).value;
    this.#cache.set(id, { flow, until: Date.now() + CACHE_MS });
    return flow;
  }

  async list(): Promise<BotFlow[]> {
    const out: BotFlow[] = [];
    for await (const e of this.kv.list<BotFlow>({ prefix: keys.botFlowPrefix() })) {
      out.push(e.value);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Saves a flow (new when it has no id yet). */
  async save(
    input: Omit<BotFlow, "id" | "createdAt" | "updatedAt"> & { id?: string },
  ): Promise<BotFlow> {
    const now = new Date().toISOString();
    const existing = input.id ? await this.get(input.id) : null;
    const flow = BotFlow.parse({
      ...input,
      id: input.id ?? newUlid(),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await this.kv.set(keys.botFlow(flow.id), flow);
    this.#cache.set(flow.id, { flow, until: Date.now() + CACHE_MS });
    return flow;
  }

  async remove(id: string): Promise<void> {
    await this.kv.delete(keys.botFlow(id));
    this.#cache.delete(id);
  }
}
