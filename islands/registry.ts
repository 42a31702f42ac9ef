import { ChannelSettings } from "./ChannelSettings.tsx";
import { Chat } from "./Chat.tsx";
import { ClientCard } from "./ClientCard.tsx";
import { ClientList } from "./ClientList.tsx";
import { LoginForm } from "./LoginForm.tsx";

/** Every island by the name the server writes in `data-island`. */
export const islands = {
  ClientList,
  Chat,
  ClientCard,
  LoginForm,
  ChannelSettings,
};

export type IslandName = keyof typeof islands;
