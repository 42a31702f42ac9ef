import type { Attachment } from "../../kv/records.ts";
import { VkAttachment, type VkGeo, type VkPhoto, type VkSize } from "./schema.ts";

/** What a message's attachments become: stored attachments, and links to add to the text. */
export interface Converted {
  attachments: Attachment[];
  links: string[];
}

/**
 * Turns VK attachments (and the message's `geo`) into ours. Wall posts and links have no
 * attachment type of their own, so they come back as links for the text.
 */
export function convertAttachments(list: unknown[], geo: VkGeo | undefined): Converted {
  const out: Converted = { attachments: [], links: [] };
  for (const raw of list) {
    const parsed = VkAttachment.safeParse(raw);
    // One attachment of a shape we do not know must not lose the message.
    if (parsed.success) convertOne(parsed.data, out);
  }
  const point = geo && coordinates(geo);
  if (point) {
    out.attachments.push(defined({
      type: "location" as const,
      ...point,
      title: geo.place?.title,
      address: geo.place?.address,
    }));
  }
  return out;
}

function convertOne(a: VkAttachment, out: Converted): void {
  const push = (attachment: Attachment) => out.attachments.push(defined(attachment));
  switch (a.type) {
    case "photo": {
      const best = a.photo && largestPhoto(a.photo);
      if (best) {
        push({ type: "photo", fileId: fileId("photo", a.photo), ...best });
      }
      return;
    }
    case "audio_message": {
      const v = a.audio_message;
      if (v) {
        push({
          type: "voice",
          fileId: fileId("audio_message", v),
          url: v.link_ogg ?? v.link_mp3,
          mimeType: v.link_ogg ? "audio/ogg" : v.link_mp3 ? "audio/mpeg" : undefined,
          duration: v.duration,
        });
      }
      return;
    }
    case "doc": {
      const d = a.doc;
      if (d) {
        push({
          type: "document",
          fileId: fileId("doc", d),
          url: d.url,
          fileName: d.title && d.ext && !d.title.endsWith(`.${d.ext}`)
            ? `${d.title}.${d.ext}`
            : d.title,
          size: d.size,
        });
      }
      return;
    }
    case "sticker": {
      const s = a.sticker;
      const best = s && largest([...(s.images ?? []), ...(s.images_with_background ?? [])]);
      if (s) {
        push({
          type: "sticker",
          fileId: s.sticker_id === undefined ? undefined : String(s.sticker_id),
          ...best,
        });
      }
      return;
    }
    case "graffiti": {
      const g = a.graffiti;
      if (g?.url) {
        push({
          type: "photo",
          fileId: fileId("graffiti", g),
          url: g.url,
          width: g.width,
          height: g.height,
        });
      }
      return;
    }
    case "video": {
      const v = a.video;
      if (v) {
        const page = v.owner_id !== undefined && v.id !== undefined
          ? `https://vk.com/video${v.owner_id}_${v.id}`
          : undefined;
        push({
          type: "video",
          fileId: fileId("video", v),
          // VK gives no file for a video, only its page (or an embeddable player).
          url: v.player ?? page,
          title: v.title,
          duration: v.duration,
        });
      }
      return;
    }
    case "audio": {
      const m = a.audio;
      if (m) {
        push({
          type: "audio",
          fileId: fileId("audio", m),
          url: m.url || undefined,
          title: [m.artist, m.title].filter(Boolean).join(" – ") || undefined,
          duration: m.duration,
        });
      }
      return;
    }
    case "wall": {
      const w = a.wall;
      const owner = w?.owner_id ?? w?.to_id ?? w?.from_id;
      if (w?.id !== undefined && owner !== undefined) {
        out.links.push(`https://vk.com/wall${owner}_${w.id}`);
      }
      return;
    }
    case "link": {
      if (a.link?.url) out.links.push(a.link.url);
      return;
    }
  }
}

/** VK's own name of an attached object: `photo<owner>_<id>[_<access key>]`. */
function fileId(
  type: string,
  o: { id?: number; owner_id?: number; access_key?: string } | undefined,
): string | undefined {
  if (o?.id === undefined || o.owner_id === undefined) return undefined;
  return `${type}${o.owner_id}_${o.id}${o.access_key ? `_${o.access_key}` : ""}`;
}

// Size letters from smallest to largest, for captures whose sizes carry no width.
const SIZE_ORDER = "smxopqryzw";

/** The largest version of a photo: `orig_photo`, else the biggest of `sizes`, else `photo_N`. */
export function largestPhoto(p: VkPhoto): { url: string; width?: number; height?: number } | null {
  if (p.orig_photo) {
    const best = largest([p.orig_photo]);
    if (best) return best;
  }
  const fromSizes = largest(p.sizes ?? []);
  if (fromSizes) return fromSizes;
  // Before 5.77 a photo listed its sizes as photo_75, photo_130, … photo_2560.
  const legacy = Object.entries(p)
    .map(([key, value]) => ({ n: Number(key.match(/^photo_(\d+)$/)?.[1]), value }))
    .filter((e): e is { n: number; value: string } => e.n > 0 && typeof e.value === "string")
    .sort((a, b) => b.n - a.n)[0];
  return legacy ? { url: legacy.value } : null;
}

function largest(sizes: VkSize[]): { url: string; width?: number; height?: number } | null {
  let best: VkSize | undefined;
  const area = (s: VkSize) => (s.width ?? 0) * (s.height ?? 0);
  const rank = (s: VkSize) => SIZE_ORDER.indexOf(s.type ?? "");
  for (const s of sizes) {
    if (!(s.url ?? s.src)) continue;
    if (!best || area(s) > area(best) || (area(s) === area(best) && rank(s) > rank(best))) {
      best = s;
    }
  }
  if (!best) return null;
  return defined({
    url: (best.url ?? best.src)!,
    width: best.width || undefined,
    height: best.height || undefined,
  });
}

function coordinates(geo: VkGeo): { latitude: number; longitude: number } | null {
  const c = geo.coordinates;
  if (c === undefined) return null;
  if (typeof c === "string") {
    const [latitude, longitude] = c.trim().split(/\s+/).map(Number);
    return Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null;
  }
  return Number.isFinite(c.latitude) && Number.isFinite(c.longitude)
    ? { latitude: c.latitude, longitude: c.longitude }
    : null;
}

/** Drops keys whose value is undefined, so stored records and test expectations stay tidy. */
export function defined<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}
