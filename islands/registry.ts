import { ChannelSettings } from "./ChannelSettings.tsx";
import { Chat } from "./Chat.tsx";
import { ClientCard } from "./ClientCard.tsx";
import { ClientList } from "./ClientList.tsx";
import { FlowEditor } from "./FlowEditor.tsx";
import { FlowList } from "./FlowList.tsx";
import { LoginForm } from "./LoginForm.tsx";
import { ProjectSettings } from "./ProjectSettings.tsx";

/** Every island by the name the server writes in `data-island`. */
export const islands = {
  ClientList,
  Chat,
  ClientCard,
  LoginForm,
  ChannelSettings,
  FlowList,
  FlowEditor,
  ProjectSettings,
};

export type IslandName = keyof typeof islands;
