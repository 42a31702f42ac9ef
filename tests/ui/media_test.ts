import assert from "node:assert/strict";
import {
  ada,
  clientIdOf,
  messageUpdate,
  pngBytes,
  setup,
  signedIn,
  trackErrors,
  until,
} from "./browser.ts";

const file = (id: string) => ({ file_id: id, file_unique_id: `u-${id}` });

Deno.test("media: a photo shows as a picture, a voice message as a player, files as cards", async () => {
  const { app, channel, browser, close } = await setup();
  try {
    const png = await pngBytes(64, 48, (x, y) => [120 + x, 160 - y, 140]);
    app.telegram.addFile("ph-big", png, "image/png");
    app.telegram.addFile("voice-1", new Uint8Array([79, 103, 103, 83, 0, 2]), "audio/ogg");
    app.telegram.addFile("doc-1", new TextEncoder().encode("%PDF-1.4 invoice"), "application/pdf");
    const steps = [
      {
        caption: "The colour looks different from the website?",
        photo: [{ ...file("ph-small"), width: 32, height: 24 }, {
          ...file("ph-big"),
          width: 64,
          height: 48,
          file_size: png.length,
        }],
      },
      { voice: { ...file("voice-1"), duration: 14, mime_type: "audio/ogg" } },
      {
        document: {
          ...file("doc-1"),
          file_name: "invoice_0423.pdf",
          mime_type: "application/pdf",
          file_size: 148_000,
        },
      },
      { venue: venue(), location: venue().location },
      { contact: { phone_number: "+44 7700 900123", first_name: "Sam", last_name: "O'Connor" } },
      // Telegram has no such file any more: the picture falls back to a chip.
      { photo: [{ ...file("ph-gone"), width: 800, height: 600 }] },
      { sticker: { ...file("st-gone"), emoji: "😍", width: 512, height: 512 } },
    ];
    for (const content of steps) {
      await (await app.webhook(channel, messageUpdate(ada, content))).body?.cancel();
    }
    const id = await clientIdOf(app, ada.id);
    const context = await signedIn(app, browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`${app.base}/clients/${id}`);
    await page.locator(".conn-live").waitFor();
    const stream = page.getByRole("log", { name: "Messages" });

    // The photo: the real picture, at most ~280 px wide, opening full size in a new tab.
    const photo = stream.locator(".msg", { hasText: "The colour looks different" });
    const img = photo.locator("img.media-img");
    await img.waitFor();
    await until(
      page,
      `[...document.querySelectorAll(".media-img")].some((i) => i.naturalWidth === 64)`,
    );
    const link = photo.getByRole("link", { name: "Photo" });
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.match(
      (await link.getAttribute("href"))!,
      new RegExp(`^/api/clients/${id}/messages/[^/]+/attachments/0$`),
    );
    assert.ok((await img.boundingBox())!.width <= 280);

    // The voice message: the browser's own player, fetching through the server.
    const audio = stream.locator("audio");
    await audio.waitFor();
    assert.equal(await audio.getAttribute("preload"), "none");
    assert.equal(await audio.evaluate((a: HTMLAudioElement) => a.controls), true);
    const voice = await page.request.get(`${app.base}${await audio.getAttribute("src")}`);
    assert.equal(voice.status(), 200);
    assert.equal(voice.headers()["content-type"], "audio/ogg");
    await stream.getByText("0:14").waitFor();

    // The document: a card with its name, size and kind, that downloads it.
    const doc = stream.getByRole("link", { name: /invoice_0423\.pdf/ });
    await doc.getByText("145 KB · application/pdf").waitFor();
    await doc.getByText("PDF", { exact: true }).waitFor();
    assert.equal(await doc.getAttribute("download"), "invoice_0423.pdf");

    // The place and the contact: cards with a map link and a phone link.
    const map = stream.getByRole("link", { name: "Open map: Kreuzberg store" });
    assert.match(
      (await map.getAttribute("href"))!,
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=52\.49931/,
    );
    await stream.getByText("Oranienstraße 10, Berlin").waitFor();
    const phone = stream.getByRole("link", { name: "+44 7700 900123" });
    assert.equal(await phone.getAttribute("href"), "tel:+447700900123");
    await stream.getByText("Sam O'Connor").waitFor();

    // What cannot be fetched reads as what it was.
    await stream.getByText("📷 Photo · 800×600").waitFor();
    await stream.locator(".chip-sticker", { hasText: "😍" }).waitFor();
    await stream.getByText("The file could not be loaded.").first().waitFor();
    await page.screenshot({ path: "/tmp/switchboard-media-1440.png" });

    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the card slides away over the chat: let it go before the picture.
    await until(
      page,
      `getComputedStyle(document.querySelector(".col-card")).visibility === "hidden"`,
    );
    await page.screenshot({ path: "/tmp/switchboard-media-phone.png" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await close();
  }
});

function venue() {
  return {
    location: { latitude: 52.49931, longitude: 13.41836 },
    title: "Kreuzberg store",
    address: "Oranienstraße 10, Berlin",
  };
}
