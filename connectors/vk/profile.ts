import { z } from "zod";
import type { ProfileDetails } from "../types.ts";
import { errorText, hideToken } from "../http.ts";
import { callVk } from "./api.ts";
import { CHAT_PEER_BASE } from "./parse.ts";

const Text = z.string().trim().min(1).optional().catch(undefined);

/** A user, as `users.get` describes them with `fields=photo_100,screen_name`. */
export const VkUser = z.looseObject({
  id: z.number().int(),
  first_name: Text,
  last_name: Text,
  screen_name: Text,
  photo_100: Text,
  /** "deleted" or "banned": the name is then VK's placeholder, not the person's. */
  deactivated: Text,
});
export type VkUser = z.infer<typeof VkUser>;

/**
 * Asks VK (`users.get`) for a user's name, screen name and picture. Resolves null for anything
 * but a user's id (communities and group chats), an error, an unreachable VK, a deleted or
 * banned user, or an answer that names nobody; never throws.
 *
 * @example
 * ```ts
 * await lookupVkUser("https://api.vk.com", token, "48213775", "ch_01");
 * ```
 */
export async function lookupVkUser(
  base: string,
  token: string,
  userId: string,
  /** Names the channel in the warning a failed lookup logs. */
  channelId: string,
): Promise<ProfileDetails | null> {
  const id = /^\d{1,15}$/.test(userId) ? Number(userId) : 0;
  if (id <= 0 || id >= CHAT_PEER_BASE) return null;
  const where = `VK profile of ${userId} on channel ${channelId}`;
  try {
    const reply = await callVk(base, token, "users.get", {
      user_ids: id,
      fields: "photo_100,screen_name",
    });
    if (reply.error) {
      console.warn(`${where}: ${reply.error.error_msg ?? `VK error ${reply.error.error_code}`}`);
      return null;
    }
    const users = z.array(z.unknown()).catch([]).parse(reply.response);
    const user = users.map((u) => VkUser.safeParse(u).data).find((u) => u?.id === id);
    if (!user || user.deactivated) return null;
    const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
    const details: ProfileDetails = {
      ...(name ? { name } : {}),
      ...(user.screen_name ? { username: user.screen_name } : {}),
      ...(user.photo_100 ? { avatarUrl: user.photo_100 } : {}),
    };
    return Object.keys(details).length > 0 ? details : null;
  } catch (err) {
    // Unreachable, or a base URL that is not one: either way there is nothing to learn.
    console.warn(`${where}: ${hideToken(errorText(err), token)}`);
    return null;
  }
}
