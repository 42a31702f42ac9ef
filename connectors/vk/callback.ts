import { callVk, VK_API_VERSION, type VkReply } from "./api.ts";

/** The events we ask VK for; `message_read` gives read receipts for our messages. */
export const CALLBACK_EVENTS = [
  "message_new",
  "message_edit",
  "message_allow",
  "message_deny",
  "message_event",
  "message_read",
];

/** How the automatic Callback API setup went. */
export type CallbackSetup =
  | { ok: true; code: string; serverId: number }
  | { ok: false; reason: string; code?: string };

/**
 * Adds our webhook as a Callback API server of the community and turns on the message events.
 * A token without the manage right fails here: that is reported, not thrown, so the caller can
 * fall back to asking for the settings to be pasted by hand. Network failures reject.
 */
export async function registerCallback(
  base: string,
  token: string,
  groupId: number,
  url: string,
  secret: string,
  /** Told the code before VK is asked to add the server: VK calls the webhook to confirm it. */
  onCode: (code: string) => Promise<void> = () => Promise.resolve(),
): Promise<CallbackSetup> {
  const confirmation = await callVk(base, token, "groups.getCallbackConfirmationCode", {
    group_id: groupId,
  });
  const code = (confirmation.response as { code?: unknown } | undefined)?.code;
  if (confirmation.error || typeof code !== "string") {
    return { ok: false, reason: describe(confirmation, "groups.getCallbackConfirmationCode") };
  }
  await onCode(code);
  const added = await callVk(base, token, "groups.addCallbackServer", {
    group_id: groupId,
    url,
    // VK allows at most 14 characters here.
    title: "Switchboard",
    secret_key: secret,
  });
  const serverId = (added.response as { server_id?: unknown } | undefined)?.server_id;
  if (added.error || typeof serverId !== "number") {
    return { ok: false, code, reason: describe(added, "groups.addCallbackServer") };
  }
  const settings = await callVk(base, token, "groups.setCallbackSettings", {
    group_id: groupId,
    server_id: serverId,
    api_version: VK_API_VERSION,
    ...Object.fromEntries(CALLBACK_EVENTS.map((e) => [e, 1])),
  });
  if (settings.error) {
    return { ok: false, code, reason: describe(settings, "groups.setCallbackSettings") };
  }
  return { ok: true, code, serverId };
}

function describe(reply: VkReply, method: string): string {
  return reply.error
    ? `${method}: ${reply.error.error_msg ?? `error ${reply.error.error_code}`}`
    : `${method} gave an unexpected answer`;
}
