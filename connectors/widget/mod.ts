import type { Connector, SendOutcome } from "../types.ts";
import { DEFAULT_COLOUR, embedSnippet, parseWidgetConfig, WIDGET_PATH } from "./config.ts";

/** Validates the config and describes how to embed the widget. */
function connectWidget(config: unknown, webhookUrl: string) {
  const parsed = parseWidgetConfig(config);
  const url = new URL(webhookUrl);
  const channelId = url.pathname.split("/").filter(Boolean).at(-1) ?? "";
  return {
    config: parsed,
    info: {
      title: parsed.title,
      allowedOrigins: parsed.allowedOrigins,
      colour: parsed.colour ?? DEFAULT_COLOUR,
      scriptUrl: `${url.origin}${WIDGET_PATH}/${channelId}.js`,
      embed: embedSnippet(url.origin, channelId),
    },
  };
}

/**
 * The website chat widget. Visitors write through the widget's own routes (routes/widget/),
 * never through the generic webhook; replies reach them over the widget's event stream.
 */
export const widget: Connector = {
  type: "widget",

  // Nothing outside to ask; a bad config rejects the promise like any connector's would.
  connect({ config, webhookUrl }) {
    return Promise.try(() => connectWidget(config, webhookUrl));
  },

  // The generic webhook route must never accept visitor messages: they come through the widget.
  verify() {
    return false;
  },

  parse() {
    return [];
  },

  send(_channel, _client, message): Promise<SendOutcome> {
    return Promise.resolve({ ok: true, externalId: message.id });
  },
};
