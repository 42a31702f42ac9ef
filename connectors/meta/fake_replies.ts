// The answers the fake Graph API gives: Meta's real error bodies, and the checks it makes.

/** An answer: a JSON body (or HTML text) and the HTTP status to send it with. */
export interface FakeGraphReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Failures the Graph API really produces, with the bodies Meta sends. */
export const GRAPH_FAILURES = {
  /** WhatsApp: the phone number's throughput limit (responses/whatsapp-403-130429-rate-limit.json). */
  rateLimit: {
    status: 403,
    body: { error: { message: "(#130429) Rate limit hit", code: 130429 } },
  },
  pairRateLimit: graphError(
    400,
    131056,
    "(#131056) (Business Account, Consumer Account) pair rate limit hit",
    "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
  ),
  reEngagement: graphError(
    400,
    131047,
    "(#131047) Re-engagement message",
    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  ),
  undeliverable: graphError(400, 131026, "(#131026) Message Undeliverable."),
  userUnavailable: graphError(
    400,
    551,
    "(#551) This person isn't available right now.",
    "",
    1545041,
  ),
  outsideWindow: graphError(
    400,
    10,
    "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
    "",
    2018278,
  ),
  invalidToken: graphError(401, 190, "Invalid OAuth access token - Cannot parse access token"),
  serverError: {
    status: 500,
    body: {
      error: {
        message: "An unexpected error has occurred. Please retry your request later.",
        type: "OAuthException",
        is_transient: true,
        code: 2,
        fbtrace_id: "AzFakeTrace",
      },
    },
  },
  /** Messenger reporting a failure inside an HTTP 200 answer. */
  temporaryFailureIn200: {
    status: 200,
    body: graphError(200, 1200, "(#1200) Temporary send message failure. Please try again later")
      .body,
  },
  badGateway: { status: 502, body: "<html><body>502 Bad Gateway</body></html>" },
} satisfies Record<string, FakeGraphReply>;
export type FakeGraphFailure = keyof typeof GRAPH_FAILURES;

/** Why WhatsApp would refuse these reply buttons or list rows, if it would. */
export function interactiveProblem(value: unknown): string | undefined {
  const action = field(value, "action");
  const buttons = field(action, "buttons");
  const rows = [field(action, "sections")].flat().flatMap((s) => [field(s, "rows")].flat());
  const titles = (list: unknown[], at: (item: unknown) => unknown) =>
    list.map((item) => at(item)).map((t) => (typeof t === "string" ? Array.from(t).length : 99));
  if (Array.isArray(buttons)) {
    if (buttons.length > 3) return "Interactive messages can have at most 3 buttons.";
    if (titles(buttons, (b) => field(field(b, "reply"), "title")).some((n) => n > 20)) {
      return "Button title length is too long. Max length is 20";
    }
  }
  const listed = rows.filter((r) => r !== undefined);
  if (listed.length > 10) return "Total row count exceed max allowed count: 10";
  if (titles(listed, (r) => field(r, "title")).some((n) => n > 24)) {
    return "Row title length is too long. Max length is 24";
  }
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

/** A Graph API error body as Meta sends it. */
export function graphError(
  status: number,
  code: number,
  message: string,
  details = "",
  subcode?: number,
): FakeGraphReply {
  return {
    status,
    body: {
      error: {
        message,
        type: "OAuthException",
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}),
        fbtrace_id: "AzFakeTrace",
      },
    },
  };
}
