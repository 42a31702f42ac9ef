import assert from "node:assert/strict";
import { BadInput } from "../../../errors.ts";
import { startFakeVk } from "../../../connectors/vk/fake.ts";
import { vk } from "../../../connectors/vk/mod.ts";
import { bases, channel, GROUP_ID, SECRET, TOKEN } from "./samples.ts";

const WEBHOOK = "https://inbox.example.com/webhooks/vk/ch_vk";
const OUR_SECRET = "ab".repeat(32);

Deno.test("connect checks the token, then adds our callback server with the secret", async () => {
  const fake = startFakeVk();
  try {
    const result = await vk.connect({
      config: { groupId: String(GROUP_ID), accessToken: TOKEN },
      webhookUrl: WEBHOOK,
      secret: OUR_SECRET,
      api: bases(fake.url),
    });
    assert.deepEqual(result, {
      config: {
        groupId: GROUP_ID,
        accessToken: TOKEN,
        secret: OUR_SECRET.slice(0, 50),
        confirmationCode: "5e1f0c2a",
        callbackServerId: 1,
      },
      info: {
        groupId: String(GROUP_ID),
        name: "Fake community",
        screenName: `club${GROUP_ID}`,
        setup: "automatic",
        callbackServerId: 1,
      },
    });
    assert.deepEqual(fake.calls.map((c) => c.method), [
      "groups.getById",
      "groups.getCallbackConfirmationCode",
      "groups.addCallbackServer",
      "groups.setCallbackSettings",
    ]);
    assert.deepEqual(fake.servers[0], {
      id: 1,
      groupId: String(GROUP_ID),
      url: WEBHOOK,
      title: "Switchboard",
      secretKey: OUR_SECRET.slice(0, 50),
      status: "unconfigured",
      settings: fake.calls[3].params,
    });
    const settings = fake.calls[3].params;
    for (const event of ["message_new", "message_edit", "message_allow", "message_deny"]) {
      assert.equal(settings[event], "1", event);
    }
    assert.equal(settings.message_event, "1");
    assert.equal(settings.api_version, "5.199");
  } finally {
    await fake.close();
  }
});

Deno.test("a secret given in the config is the one registered", async () => {
  const fake = startFakeVk();
  try {
    const { config } = await vk.connect({
      config: { groupId: GROUP_ID, accessToken: TOKEN, secret: SECRET },
      webhookUrl: WEBHOOK,
      secret: OUR_SECRET,
      api: bases(fake.url),
    });
    assert.equal(config.secret, SECRET);
    assert.equal(fake.servers[0].secretKey, SECRET);
  } finally {
    await fake.close();
  }
});

Deno.test("without the manage right, connect returns what to paste and keeps the config's code", async () => {
  const fake = startFakeVk();
  try {
    fake.denyCallbackSetup();
    const { config, info } = await vk.connect({
      config: { groupId: GROUP_ID, accessToken: TOKEN, confirmationCode: "a1b2c3d4" },
      webhookUrl: WEBHOOK,
      secret: OUR_SECRET,
      api: bases(fake.url),
    });
    assert.deepEqual(config, {
      groupId: GROUP_ID,
      accessToken: TOKEN,
      secret: OUR_SECRET.slice(0, 50),
      confirmationCode: "a1b2c3d4",
    });
    assert.equal(info.setup, "manual");
    assert.equal(info.callbackUrl, WEBHOOK);
    assert.equal(info.secret, OUR_SECRET.slice(0, 50));
    assert.match(String(info.instructions), /Callback API settings/);
    assert.match(String(info.reason), /Access denied/);
    assert.equal(fake.servers.length, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("without the manage right or a confirmation code, connect asks for the code", async () => {
  const fake = startFakeVk();
  try {
    fake.denyCallbackSetup();
    await assert.rejects(
      vk.connect({
        config: { groupId: GROUP_ID, accessToken: TOKEN },
        webhookUrl: WEBHOOK,
        secret: OUR_SECRET,
        api: bases(fake.url),
      }),
      (err: unknown) => err instanceof BadInput && /config\.confirmationCode/.test(err.message),
    );
  } finally {
    await fake.close();
  }
});

Deno.test("connect refuses a bad config without calling VK, naming the field", async () => {
  const fake = startFakeVk();
  try {
    const cases: [unknown, RegExp][] = [
      [{ accessToken: TOKEN }, /config\.groupId/],
      [{ groupId: "club1", accessToken: TOKEN }, /config\.groupId/],
      [{ groupId: 1 }, /config\.accessToken/],
      [{ groupId: 1, accessToken: TOKEN, secret: "s".repeat(51) }, /config\.secret/],
      [null, /config\.groupId/],
    ];
    for (const [config, field] of cases) {
      await assert.rejects(
        vk.connect({ config, webhookUrl: WEBHOOK, secret: OUR_SECRET, api: bases(fake.url) }),
        (err: unknown) => err instanceof BadInput && field.test(err.message),
        JSON.stringify(config),
      );
    }
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("a token VK rejects, or an unreachable VK, is BadInput without the token", async () => {
  const fake = startFakeVk();
  try {
    fake.rejectToken(TOKEN);
    await assert.rejects(
      vk.connect({
        config: { groupId: GROUP_ID, accessToken: TOKEN },
        webhookUrl: WEBHOOK,
        secret: OUR_SECRET,
        api: bases(fake.url),
      }),
      (err: unknown) =>
        err instanceof BadInput &&
        err.message ===
          `VK rejected the access token for community ${GROUP_ID}: User authorization failed: invalid access_token (4).`,
    );
  } finally {
    await fake.close();
  }
  await assert.rejects(
    vk.connect({
      config: { groupId: GROUP_ID, accessToken: TOKEN },
      webhookUrl: WEBHOOK,
      secret: OUR_SECRET,
      api: bases(fake.url),
    }),
    (err: unknown) =>
      err instanceof BadInput && err.message.startsWith(`Could not reach VK at ${fake.url}`) &&
      !err.message.includes(TOKEN),
  );
});

Deno.test("while connect runs, the confirmation is answered with the code it saved", async () => {
  // The channel as saved before connect: the config as typed, then what connect saves into it.
  const draft = {
    ...channel,
    config: { groupId: 777, accessToken: TOKEN } as Record<string, unknown>,
  };
  const hook = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const raw = new Uint8Array(await req.arrayBuffer());
    if (!(await vk.verify({ headers: req.headers, rawBody: raw }, draft))) {
      return new Response("no", { status: 401 });
    }
    const body = JSON.parse(new TextDecoder().decode(raw));
    const answer = vk.answer!(body, draft);
    return new Response("text" in answer ? answer.text : "");
  });
  const fake = startFakeVk({ confirmServers: true, confirmationCode: "c0ffee42" });
  try {
    await vk.connect({
      config: { groupId: 777, accessToken: TOKEN },
      webhookUrl: `http://127.0.0.1:${hook.addr.port}/webhooks/vk/x`,
      secret: OUR_SECRET,
      api: bases(fake.url),
      saveConfig: (config) => {
        draft.config = config;
        return Promise.resolve();
      },
    });
    assert.equal(fake.servers[0].confirmationAnswer, "c0ffee42");
    assert.equal(fake.servers[0].status, "ok");
  } finally {
    await fake.close();
    await hook.shutdown();
  }
});
