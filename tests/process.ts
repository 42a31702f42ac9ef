import { OWNER } from "./helpers.ts";

/** A Switchboard server running as its own process, as `deno task start` runs it. */
export interface ServerProcess {
  base: string;
  child: Deno.ChildProcess;
  /** Kills the process the hard way (no shutdown handlers run). */
  kill(signal?: Deno.Signal): Promise<void>;
  /** Signs in and returns the session cookie. */
  login(): Promise<string>;
}

const root = new URL("..", import.meta.url).pathname;

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Starts `main.ts` in a child process on a free port and waits until /healthz answers. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-kv", "--unstable-cron", `${root}main.ts`],
    cwd: root,
    env: {
      PORT: String(port),
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      PASSWORD_ITERATIONS: "1000",
      ...env,
    },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  while (true) {
    try {
      const res = await fetch(`${base}/healthz`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > until) {
      child.kill("SIGKILL");
      await child.status;
      throw new Error("server did not become healthy in 30 s");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    child,
    async kill(signal: Deno.Signal = "SIGKILL") {
      try {
        child.kill(signal);
      } catch { /* already gone */ }
      await child.status;
    },
    async login() {
      const res = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(OWNER),
      });
      await res.body?.cancel();
      return res.headers.get("set-cookie")!.split(";")[0];
    },
  };
}
