import { z } from "zod";
import { BadInput } from "../../errors.ts";
import type { Connector, SendOutcome } from "../types.ts";
import { timingSafeEqual } from "../verify.ts";
import { errorText, hideToken, RETRY_LATER_MS } from "../http.ts";
import {
  callVk,
  keyboardOf,
  mapSendError,
  randomIdFor,
  sentId,
  VK_API_VERSION,
  VkGroups,
  VkUnreachable,
} from "./api.ts";
import { CALLBACK_EVENTS, registerCallback } from "./callback.ts";
import { parseCallback } from "./parse.ts";
import { lookupVkUser } from "./profile.ts";

const GroupId = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/)])
  .transform((v) => Math.abs(Number(v)))
  .refine((v) => v > 0 && Number.isSafeInteger(v));

/** A channel's VK settings: the community, its access token, and the Callback API secrets. */
export const VkConfig = z.object({
  groupId: GroupId,
  accessToken: z.string().trim().min(1),
  /** The Callback API secret key; ours is used when none is given. */
  secret: z.string().trim().min(1).max(50).optional(),
  /** What VK's confirmation request must be answered with. */
  confirmationCode: z.string().trim().min(1).optional(),
  callbackServerId: z.number().int().optional(),
});
export type VkConfig = z.infer<typeof VkConfig>;

const FIELD_HELP: Record<string, string> = {
  groupId: "config.groupId must be the community's numeric id, like 203076503",
  accessToken:
    "config.accessToken is required: a community access token with the messages and manage rights",
  secret: "config.secret must be the Callback API secret key, at most 50 characters",
  confirmationCode: "config.confirmationCode must be the string VK's Callback API page shows",
};

/** The VK community messages connector (Callback API in, `messages.send` out). */
export const vk: Connector = {
  type: "vk",

  async connect({ config, webhookUrl, secret, api, saveConfig }) {
    const parsed = VkConfig.safeParse(config);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0].path[0] ?? "");
      throw new BadInput(FIELD_HELP[field] ?? FIELD_HELP.groupId);
    }
    const c = parsed.data;
    // VK takes a secret key of at most 50 characters; ours is hex, so any cut of it is valid.
    const channelSecret = c.secret ?? secret.slice(0, 50);
    const base = api.vk;
    const group = await reach(
      base,
      c.accessToken,
      () => callVk(base, c.accessToken, "groups.getById", { group_id: c.groupId }),
    );
    if (group.error) {
      const reason = group.error.error_msg ?? `error ${group.error.error_code}`;
      throw new BadInput(`VK rejected the access token for community ${c.groupId}: ${reason}`);
    }
    const found = VkGroups.safeParse(group.response).data?.[0];
    if (!found) throw new BadInput(`VK has no community ${c.groupId}`);
    const about = { groupId: String(found.id), name: found.name, screenName: found.screen_name };
    const setup = await reach(
      base,
      c.accessToken,
      () =>
        registerCallback(
          base,
          c.accessToken,
          c.groupId,
          webhookUrl,
          channelSecret,
          (code) =>
            saveConfig?.({ ...c, secret: channelSecret, confirmationCode: code }) ??
              Promise.resolve(),
        ),
    );
    if (setup.ok) {
      return {
        config: {
          ...c,
          secret: channelSecret,
          confirmationCode: setup.code,
          callbackServerId: setup.serverId,
        },
        info: { ...about, setup: "automatic", callbackServerId: setup.serverId },
      };
    }
    const code = setup.code ?? c.confirmationCode;
    if (!code) {
      throw new BadInput(
        `VK did not let this token set up the Callback API (${setup.reason}). Give ` +
          "config.confirmationCode (the string shown in the community's Manage → API usage → " +
          "Callback API), or a token with the manage right, and connect again.",
      );
    }
    return {
      config: { ...c, secret: channelSecret, confirmationCode: code },
      info: {
        ...about,
        setup: "manual",
        reason: setup.reason,
        callbackUrl: webhookUrl,
        secret: channelSecret,
        apiVersion: VK_API_VERSION,
        events: CALLBACK_EVENTS,
        instructions:
          "Paste these in the community's Callback API settings (Manage → API usage → " +
          "Callback API): the URL as the server address, the secret as the secret key, API " +
          `version ${VK_API_VERSION}, and turn on the listed events.`,
      },
    };
  },

  verify({ rawBody }, channel) {
    const config = VkConfig.safeParse(channel.config);
    if (!config.success) return false;
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(rawBody));
    } catch {
      // Unreadable bytes claim nothing: the route answers 400 and stores nothing.
      return true;
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return true;
    const { type, group_id, secret } = body as Record<string, unknown>;
    const group = group_id === undefined ? undefined : Number(group_id);
    if (group !== undefined && group !== config.data.groupId) return false;
    // It only asks for the code, and may come while we connect, before the config has a secret.
    if (type === "confirmation") return group === config.data.groupId;
    const expected = config.data.secret;
    if (!expected || typeof secret !== "string") return false;
    return timingSafeEqual(secret, expected);
  },

  parse(body) {
    return parseCallback(body);
  },

  answer(body, channel) {
    const type = (body as { type?: unknown } | null)?.type;
    if (type !== "confirmation") return { text: "ok" };
    const config = VkConfig.safeParse(channel.config);
    const code = config.success ? config.data.confirmationCode : undefined;
    return { text: code ?? "ok" };
  },

  profile(channel, platformId, api) {
    const config = VkConfig.safeParse(channel.config);
    if (!config.success) return Promise.resolve(null);
    return lookupVkUser(api.vk, config.data.accessToken, platformId, channel.id);
  },

  async disconnect(channel, api) {
    const config = VkConfig.safeParse(channel.config);
    if (!config.success) return { ok: false, reason: "The channel has no valid VK settings" };
    const { groupId, accessToken } = config.data;
    const serverId = config.data.callbackServerId ?? serverIdOf(channel.info.callbackServerId);
    if (serverId === undefined) {
      return {
        ok: false,
        reason: "This channel's Callback API server was added by hand, so VK was not told: " +
          "remove the callback server in the community's settings (community " +
          `${groupId}: Manage → API usage → Callback API).`,
      };
    }
    try {
      const reply = await callVk(api.vk, accessToken, "groups.deleteCallbackServer", {
        group_id: groupId,
        server_id: serverId,
      });
      if (!reply.error) return { ok: true };
      const why = reply.error.error_msg ?? `error ${reply.error.error_code}`;
      const gone = reply.error.error_code === 104 ? " (it may have been removed already)" : "";
      return {
        ok: false,
        reason: `VK did not delete callback server ${serverId} of community ${groupId}: ` +
          `${hideToken(why, accessToken)}${gone}`,
      };
    } catch (err) {
      const reason = errorText(err);
      return {
        ok: false,
        reason: `Could not reach VK at ${api.vk}: ${hideToken(reason, accessToken)}`,
      };
    }
  },

  async send(channel, client, message, api): Promise<SendOutcome> {
    const config = VkConfig.safeParse(channel.config);
    if (!config.success) return { ok: false, reason: "The channel has no valid VK settings" };
    const { accessToken } = config.data;
    // Sending media means uploading it to VK first; a link in the text reaches the client too.
    const links = message.attachments.map((a) => a.url).filter((u): u is string => !!u);
    const text = [message.text.trim() ? message.text : "", ...links].filter(Boolean).join("\n");
    if (!text) return { ok: false, reason: "Nothing to send" };
    const randomId = randomIdFor(message.id);
    try {
      const reply = await callVk(api.vk, accessToken, "messages.send", {
        peer_id: client.chatId,
        random_id: randomId,
        message: text,
        keyboard: keyboardOf(message.buttons ?? []),
      });
      if (reply.error) return mapSendError(reply.error, reply.httpStatus);
      // VK took it; an answer we cannot read is no reason to call the message failed.
      return { ok: true, externalId: sentId(reply.response) ?? `random_${randomId}` };
    } catch (err) {
      const reason = errorText(err);
      return {
        ok: false,
        retryAfterMs: RETRY_LATER_MS,
        reason: `Could not reach VK: ${hideToken(reason, accessToken)}`,
      };
    }
  },
};

/** A callback server id as the channel's info may hold it: a positive integer. */
function serverIdOf(value: unknown): number | undefined {
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Runs a setup call, turning a network failure into BadInput that names the base URL. */
async function reach<T>(base: string, token: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof VkUnreachable)) throw err;
    throw new BadInput(`Could not reach VK at ${base}: ${hideToken(err.message, token)}`);
  }
}
