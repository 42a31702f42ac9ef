import { z } from "zod";
import { callGraph, describeGraphError } from "../meta/graph.ts";
import type { ProfileDetails } from "../types.ts";
import { errorText, hideToken } from "../http.ts";

/** How one Messenger Platform product asks the Graph API about a client, and reads the answer. */
export interface ProfileQuery {
  platform: string;
  /** The `fields` to request on the client's node. */
  fields: string;
  /** What the answer says about the client; undefined fields were not given. */
  read(node: Record<string, unknown>): ProfileDetails;
}

const Text = z.string().trim().min(1).optional().catch(undefined);

const MessengerUser = z.looseObject({ first_name: Text, last_name: Text, profile_pic: Text });

/** Facebook Messenger's User Profile API: first and last name, and a (expiring) picture URL. */
export const MESSENGER_PROFILE: ProfileQuery = {
  platform: "Messenger",
  fields: "first_name,last_name,profile_pic",
  read(node) {
    const user = MessengerUser.parse(node);
    const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
    return { name: name || undefined, avatarUrl: user.profile_pic };
  },
};

const InstagramUser = z.looseObject({ name: Text, username: Text, profile_pic: Text });

/** Instagram's User Profile API: the display name, the handle, and a picture URL. */
export const INSTAGRAM_PROFILE: ProfileQuery = {
  platform: "Instagram",
  fields: "name,username,profile_pic",
  read(node) {
    const user = InstagramUser.parse(node);
    return { name: user.name, username: user.username, avatarUrl: user.profile_pic };
  },
};

/**
 * Asks the Graph API for a client's name and picture by their page- or Instagram-scoped id.
 * Resolves null when Meta refuses (no permission, unknown id, error 2018218 "No profile
 * available"), cannot be reached, or says nothing useful; never throws.
 *
 * @example
 * ```ts
 * await lookupProfile("https://graph.facebook.com", token, "1433960459967306", MESSENGER_PROFILE, "ch_01");
 * ```
 */
export async function lookupProfile(
  base: string,
  token: string,
  userId: string,
  query: ProfileQuery,
  /** Names the channel in the warning a failed lookup logs. */
  channelId: string,
): Promise<ProfileDetails | null> {
  // Scoped ids are digits; anything else must not become a path on the Graph API.
  if (!/^\d{1,30}$/.test(userId)) return null;
  const where = `${query.platform} profile of ${userId} on channel ${channelId}`;
  try {
    const reply = await callGraph(base, token, {
      path: `/${userId}`,
      query: { fields: query.fields },
    });
    if (reply.error) {
      console.warn(`${where}: ${describeGraphError(reply.error)}`);
      return null;
    }
    const details = withoutEmpty(query.read(reply.body));
    return Object.keys(details).length > 0 ? details : null;
  } catch (err) {
    // Unreachable, or a base URL that is not one: either way there is nothing to learn.
    const reason = errorText(err);
    console.warn(`${where}: ${hideToken(reason, token)}`);
    return null;
  }
}

function withoutEmpty(details: ProfileDetails): ProfileDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}
