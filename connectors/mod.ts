import type { ChannelType } from "../kv/records.ts";
import { email } from "./email/mod.ts";
import { instagram } from "./instagram/mod.ts";
import { messenger } from "./messenger/mod.ts";
import { whatsapp } from "./whatsapp/mod.ts";
import { telegram } from "./telegram/mod.ts";
import { viber } from "./viber/mod.ts";
import { vk } from "./vk/mod.ts";
import { widget } from "./widget/mod.ts";
import type { Connector } from "./types.ts";

/** Every messenger the product can connect, by channel type. */
export const connectors: Partial<Record<ChannelType, Connector>> = {
  telegram,
  whatsapp,
  messenger,
  instagram,
  vk,
  viber,
  email,
  widget,
};
