// WhatsApp Cloud API webhook bodies, shaped as Meta's documentation and real captures show them.

export const PHONE_NUMBER_ID = "1122334455667";

/** One change of the `messages` field. */
export function waChange(value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID) {
  return {
    field: "messages",
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550953877", phone_number_id: phoneNumberId },
      ...value,
    },
  };
}

/** A webhook body with one entry holding these changes. */
export function waBody(...changes: ReturnType<typeof waChange>[]) {
  return { object: "whatsapp_business_account", entry: [{ id: "5467539754836534", changes }] };
}

/** A webhook body with one change of the `messages` field, as WhatsApp wraps it. */
export function waHook(value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID) {
  return waBody(waChange(value, phoneNumberId));
}

export const contact = (waId = "972987654321", name = "Noa Levi") => ({
  profile: { name },
  wa_id: waId,
  user_id: "US.13491208655302741918",
});

/** A message from the client, with the fields every type has. */
export function waMessage(
  type: string,
  content: Record<string, unknown>,
  id = "wamid.HBgMOTcyOTg3NjU0MzIxFQIAEhgUM0FBRjQ5",
  from = "972987654321",
): Record<string, unknown> {
  return { from, id, timestamp: "1697043379", type, ...content };
}

export function waStatus(
  status: string,
  extra: Record<string, unknown> = {},
  id = "wamid.OUR-MESSAGE-1",
): Record<string, unknown> {
  return { id, status, timestamp: "1689380458", recipient_id: "972987654321", ...extra };
}
