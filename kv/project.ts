import { z } from "zod";
import { keys } from "./keys.ts";

/** True for an IANA time zone name the runtime knows ("Europe/Berlin", "UTC"…). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Project settings (L2): the name, and the time zone every date is shown in. */
export const ProjectSettings = z.object({
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().refine(isTimeZone, "Not a time zone (use a name like Europe/Berlin)."),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

const DEFAULTS: ProjectSettings = { name: "Switchboard", timeZone: "UTC" };

export class Project {
  constructor(readonly kv: Deno.Kv) {}

  async get(): Promise<ProjectSettings> {
    return (await this.kv.get<ProjectSettings>(keys.project())).value ?? DEFAULTS;
  }

  async save(settings: ProjectSettings): Promise<ProjectSettings> {
    await this.kv.set(keys.project(), settings);
    return settings;
  }
}
