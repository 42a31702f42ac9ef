import { newUlid } from "./ids.ts";
import { Conflict } from "../errors.ts";
import { keys } from "./keys.ts";
import type { Employee, Role } from "./records.ts";

const enc = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}
function fromBase64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", enc.encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Compares two byte strings in time that does not depend on where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Hashes a password with PBKDF2-SHA-256: `pbkdf2-sha256$<iterations>$<salt>$<hash>`. */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** True when the password matches the stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !salt || !hash) return false;
  const got = await pbkdf2(password, fromBase64(salt), Number(iter));
  return timingSafeEqual(got, fromBase64(hash));
}

/** Employees: the business's staff who sign in to the inbox. */
export class Employees {
  constructor(readonly kv: Deno.Kv, readonly iterations: number) {}

  async get(id: string): Promise<Employee | null> {
    return (await this.kv.get<Employee>(keys.employee(id))).value;
  }

  async byEmail(email: string): Promise<Employee | null> {
    const id = (await this.kv.get<string>(keys.employeeByEmail(email))).value;
    return id ? this.get(id) : null;
  }

  async list(): Promise<Employee[]> {
    const out: Employee[] = [];
    for await (const e of this.kv.list<Employee>({ prefix: keys.employeePrefix() })) {
      out.push(e.value);
    }
    return out;
  }

  async any(): Promise<boolean> {
    for await (const _ of this.kv.list({ prefix: keys.employeePrefix() }, { limit: 1 })) {
      return true;
    }
    return false;
  }

  /** Creates an employee; the e-mail must be unused. */
  async create(
    input: { email: string; name: string; role: Role; password: string },
  ): Promise<Employee> {
    const employee: Employee = {
      id: newUlid(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password, this.iterations),
      createdAt: new Date().toISOString(),
    };
    const res = await this.kv.atomic()
      .check({ key: keys.employeeByEmail(employee.email), versionstamp: null })
      .set(keys.employee(employee.id), employee)
      .set(keys.employeeByEmail(employee.email), employee.id)
      .commit();
    if (!res.ok) throw new Conflict(`An employee with e-mail ${employee.email} already exists.`);
    return employee;
  }

  /** The employee these credentials belong to, or null. */
  async authenticate(email: string, password: string): Promise<Employee | null> {
    const employee = await this.byEmail(email);
    if (!employee) {
      // Spend the same time as a real check, so timing does not tell which e-mails exist.
      await hashPassword(password, this.iterations);
      return null;
    }
    return (await verifyPassword(password, employee.passwordHash)) ? employee : null;
  }
}

/** What an employee looks like to the outside: never the password hash. */
export function publicEmployee(e: Employee) {
  return { id: e.id, email: e.email, name: e.name, role: e.role, createdAt: e.createdAt };
}
