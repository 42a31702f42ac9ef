import type { Inbound, Profile } from "../types.ts";
import type { Attachment } from "../../kv/records.ts";
import { visitorName } from "./visitor.ts";

/** What a visitor may tell about themselves in the widget's small form. */
export interface VisitorDetails {
  name?: string;
  /** An e-mail address or a phone number, in one field. */
  contact?: string;
  /** The browser's language (`navigator.language`). */
  lang?: string;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[\d\s().-]{6,24}$/;

/**
 * The visitor as an Inbound profile. The client record has no e-mail field yet, so an e-mail
 * goes into `email`; a phone number into `phone`.
 */
export function visitorProfile(visitorId: string, details: VisitorDetails = {}): Profile {
  const name = details.name?.trim().slice(0, 100);
  const contact = details.contact?.trim() ?? "";
  const lang = details.lang?.trim().match(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)?.[0];
  return {
    platformId: visitorId,
    chatId: visitorId,
    name: name || visitorName(visitorId),
    ...(EMAIL_RE.test(contact) ? { email: contact.toLowerCase() } : {}),
    ...(PHONE_RE.test(contact) && (contact.match(/\d/g)?.length ?? 0) >= 6
      ? { phone: contact }
      : {}),
    ...(lang ? { languageCode: lang } : {}),
  };
}

/** A message the visitor wrote; `ref` is the widget's id for it, the same on every retry. */
export function messageEvent(
  profile: Profile,
  ref: string,
  text: string,
  attachments: Attachment[],
  at: Date,
): Inbound {
  return {
    kind: "message",
    updateKey: `m:${profile.platformId}:${ref}`,
    profile,
    at: at.toISOString(),
    externalId: ref,
    text,
    attachments,
  };
}

/** The visitor pressed a quick reply under a bot message. */
export function buttonEvent(
  profile: Profile,
  ref: string,
  data: string,
  label: string,
  at: Date,
): Inbound {
  return {
    kind: "button",
    updateKey: `b:${profile.platformId}:${ref}`,
    profile,
    at: at.toISOString(),
    data,
    label,
  };
}

/** The widget showed one of our messages (delivered) or the visitor saw it (read). */
export function receiptEvent(
  profile: Profile,
  messageId: string,
  status: "delivered" | "read",
  at: Date,
): Inbound {
  return {
    kind: "status",
    updateKey: `${messageId}:${status}`,
    profile,
    at: at.toISOString(),
    externalId: messageId,
    status,
  };
}
