import { newUlid } from "./ids.ts";
import { keys } from "./keys.ts";
import type { Channel } from "./records.ts";

const CACHE_MS = 5_000;

/** Connected messenger channels ("bots"). */
export class Channels {
  #cache = new Map<string, { channel: Channel; until: number }>();
  constructor(readonly kv: Deno.Kv) {}

  /**
   * A channel by id. Webhooks look one up on every request, so it is cached for a few seconds;
   * other instances see a change or removal within that time.
   */
  async get(id: string): Promise<Channel | null> {
    const hit = this.#cache.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    const c = (await this.kv.get<Channel>(keys.channel(id))).value;
    if (c) this.#cache.set(id, { channel: c, until: Date.now() + CACHE_MS });
    else this.#cache.delete(id);
    return c;
  }

  async list(): Promise<Channel[]> {
    const out: Channel[] = [];
    for await (const e of this.kv.list<Channel>({ prefix: keys.channelPrefix() })) {
      out.push(e.value);
    }
    return out;
  }

  /** A new id and webhook secret for a channel about to be connected. */
  draft(): { id: string; secret: string } {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const secret = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return { id: newUlid(), secret };
  }

  async save(channel: Channel): Promise<void> {
    await this.kv.set(keys.channel(channel.id), channel);
    this.#cache.set(channel.id, { channel, until: Date.now() + CACHE_MS });
  }

  async remove(id: string): Promise<void> {
    await this.kv.delete(keys.channel(id));
    this.#cache.delete(id);
  }
}

/** A channel as the API shows it: secrets left out. */
export function publicChannel(c: Channel) {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    info: c.info,
    createdAt: c.createdAt,
    ...(c.flowId ? { flowId: c.flowId } : {}),
  };
}
