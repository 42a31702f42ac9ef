import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import type { Employees } from "./kv/employees.ts";
import { openServices } from "./services.ts";

/** Creates the first owner account when the store has no employee yet. */
export async function ensureOwner(
  employees: Employees,
  email = "admin@localhost",
  password?: string,
): Promise<{ email: string; password: string } | null> {
  if (await employees.any()) return null;
  const pw = password ??
    Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(36).padStart(2, "0"))
      .join("").slice(0, 16);
  await employees.create({ email, name: "Owner", role: "owner", password: pw });
  return { email, password: pw };
}

if (import.meta.main) {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(1);
  }
  const services = await openServices(config);
  const created = await ensureOwner(
    services.employees,
    config.ADMIN_EMAIL,
    config.ADMIN_PASSWORD,
  );
  if (created && !config.ADMIN_PASSWORD) {
    console.log(
      `\nCreated the owner account — sign in with\n  email:    ${created.email}\n  password: ${created.password}\n(shown once; set ADMIN_EMAIL / ADMIN_PASSWORD to choose them)\n`,
    );
  } else if (created) {
    console.log(`Created the owner account ${created.email}.`);
  }
  const app = createApp(services);
  const server = Deno.serve({
    port: config.PORT,
    onListen: ({ port }) =>
      console.log(
        `Switchboard listening on http://localhost:${port} (store: ${
          config.kvPath || "Deno Deploy KV"
        })`,
      ),
  }, app.fetch);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, async () => {
      await server.shutdown();
      await services.close();
      Deno.exit(0);
    });
  }
}
