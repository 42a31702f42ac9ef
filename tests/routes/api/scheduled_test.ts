import assert from "node:assert/strict";
import { eventually, json, startTestApp, type TestApp, textUpdate } from "../../helpers.ts";

async function withClient(mailbox: string) {
  const app = await startTestApp({ MAILBOX: mailbox });
  const channel = await app.connectTelegram();
  await (await app.webhook(channel, textUpdate("When do you open?"))).body?.cancel();
  const [client] = (await json(await app.api("/api/clients"))).body.items;
  return { app, client };
}

const sends = (app: TestApp, text?: string) =>
  app.telegram.calls.filter((c) => c.method === "sendMessage" && (!text || c.params.text === text));

for (const mailbox of ["queue", "table"]) {
  Deno.test(`${mailbox}: a message scheduled 3 s ahead reaches Telegram once, within 300 ms of its time`, async () => {
    const { app, client } = await withClient(mailbox);
    try {
      const sendAt = Date.now() + 3_000;
      const res = await json(
        await app.api(`/api/clients/${client.id}/messages`, {
          body: { text: "We open at nine.", sendAt: new Date(sendAt).toISOString() },
        }),
      );
      assert.equal(res.status, 202);
      assert.equal(res.body.status, "scheduled");
      const card = (await json(await app.api(`/api/clients/${client.id}`))).body;
      assert.equal(card.scheduled, 1);
      const listed = (await json(await app.api(`/api/clients/${client.id}/scheduled`))).body.items;
      assert.deepEqual(listed.map((m: { id: string }) => m.id), [res.body.id]);
      const call = await app.telegram.waitFor((c) => c.params.text === "We open at nine.", 6_000);
      assert.ok(call.at >= sendAt, `sent ${sendAt - call.at} ms early`);
      assert.ok(call.at - sendAt <= 300, `sent ${call.at - sendAt} ms late`);
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(sends(app, "We open at nine.").length, 1);
      await eventually(async () =>
        (await json(await app.api(`/api/clients/${client.id}`))).body.scheduled === 0
      );
      assert.deepEqual(
        (await json(await app.api(`/api/clients/${client.id}/scheduled`))).body.items,
        [],
      );
    } finally {
      await app.close();
    }
  });

  Deno.test(`${mailbox}: a cancelled message never goes; send-now goes at once`, async () => {
    const { app, client } = await withClient(mailbox);
    try {
      const at = new Date(Date.now() + 800).toISOString();
      const a = (await json(
        await app.api(`/api/clients/${client.id}/messages`, {
          body: { text: "cancel me", sendAt: at },
        }),
      )).body;
      const b = (await json(
        await app.api(`/api/clients/${client.id}/messages`, {
          body: { text: "now please", sendAt: new Date(Date.now() + 60_000).toISOString() },
        }),
      )).body;
      const cancelled = await app.api(`/api/clients/${client.id}/scheduled/${a.id}`, {
        method: "DELETE",
      });
      assert.equal(cancelled.status, 200);
      await cancelled.body?.cancel();
      const now = await app.api(`/api/clients/${client.id}/scheduled/${b.id}/send-now`, {
        method: "POST",
      });
      assert.equal(now.status, 202);
      await now.body?.cancel();
      await app.telegram.waitFor((c) => c.params.text === "now please", 3_000);
      await new Promise((r) => setTimeout(r, 1_500));
      assert.equal(sends(app, "cancel me").length, 0);
      assert.equal(sends(app, "now please").length, 1);
      const again = await json(
        await app.api(`/api/clients/${client.id}/scheduled/${a.id}`, { method: "DELETE" }),
      );
      assert.equal(again.status, 404, "a cancelled message is gone");
      const late = await json(
        await app.api(`/api/clients/${client.id}/scheduled/${b.id}/reschedule`, {
          body: { sendAt: new Date(Date.now() + 5_000).toISOString() },
        }),
      );
      assert.equal(late.status, 409, "a sent message cannot be rescheduled");
    } finally {
      await app.close();
    }
  });

  Deno.test(`${mailbox}: rescheduling right at the old due time sends exactly once, at the new time or the old`, async () => {
    const { app, client } = await withClient(mailbox);
    try {
      for (let i = 0; i < 5; i++) {
        const text = `race ${i}`;
        const due = Date.now() + 400;
        const m = (await json(
          await app.api(`/api/clients/${client.id}/messages`, {
            body: { text, sendAt: new Date(due).toISOString() },
          }),
        )).body;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now() - 5 + i * 3)));
        const newTime = Date.now() + 700;
        const moved = await app.api(`/api/clients/${client.id}/scheduled/${m.id}/reschedule`, {
          body: { sendAt: new Date(newTime).toISOString() },
        });
        await moved.body?.cancel();
        assert.ok([200, 409].includes(moved.status), `reschedule answered ${moved.status}`);
        await app.telegram.waitFor((c) => c.params.text === text, 3_000);
        await new Promise((r) => setTimeout(r, 900));
        assert.equal(sends(app, text).length, 1, `${text} sent ${sends(app, text).length} times`);
        const call = sends(app, text)[0];
        if (moved.status === 200) {
          assert.ok(call.at >= newTime, "after a successful reschedule only the new time sends");
        }
      }
    } finally {
      await app.close();
    }
  });
}

Deno.test("a scheduled time in the past or malformed is refused with 400; unknown ids get 404", async () => {
  const { app, client } = await withClient("queue");
  try {
    const m = (await json(
      await app.api(`/api/clients/${client.id}/messages`, {
        body: { text: "later", sendAt: new Date(Date.now() + 60_000).toISOString() },
      }),
    )).body;
    const past = await json(
      await app.api(`/api/clients/${client.id}/scheduled/${m.id}/reschedule`, {
        body: { sendAt: "2001-01-01T00:00:00Z" },
      }),
    );
    assert.equal(past.status, 400);
    assert.equal(past.body.error.code, "time_in_past");
    const bad = await json(
      await app.api(`/api/clients/${client.id}/messages`, {
        body: { text: "x", sendAt: "tomorrow" },
      }),
    );
    assert.equal(bad.status, 400);
    const unknown = await json(
      await app.api(`/api/clients/${client.id}/scheduled/NOPE/send-now`, { method: "POST" }),
    );
    assert.equal(unknown.status, 404);
    assert.equal(
      (await json(await app.api(`/api/clients/${client.id}/scheduled`))).body.items.length,
      1,
    );
  } finally {
    await app.close();
  }
});
