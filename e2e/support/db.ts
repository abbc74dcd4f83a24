// Direct database access for fixtures: create users and sign them in without the UI, and
// read state the UI should have changed. Tests never mock the app; they prepare its data.
import pg from "pg";
import { hashPassword } from "@/lib/password";
import { recordSecret } from "./secrets";

let pool: pg.Pool | undefined;

export function testDb() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the e2e tests through `npm run test:e2e`.");
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 3 });
    pool.on("error", () => {}); // the run's database stops at the end, under idle connections
  }
  return pool;
}

export type TestUser = { id: string; email: string; name: string; password: string; role: "SUPER_ADMIN" | "CONNECTOR_ADMIN" | "USER" };

let counter = 0;

export async function createUser(role: TestUser["role"], overrides: Partial<Pick<TestUser, "email" | "name" | "password">> = {}): Promise<TestUser> {
  counter += 1;
  const unique = `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
  const user = {
    id: `test_${unique}`,
    email: overrides.email ?? `${role.toLowerCase()}-${unique}@example.com`,
    name: overrides.name ?? `${role === "USER" ? "Uma" : role === "CONNECTOR_ADMIN" ? "Cora" : "Sam"} Tester ${counter}`,
    password: overrides.password ?? `pw-${unique}-long-enough`,
    role,
  };
  recordSecret(user.password, `password of ${user.email}`);
  await testDb().query(
    `INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, $4::"Role", $5, now())`,
    [user.id, user.email, user.name, user.role, await hashPassword(user.password)],
  );
  return user;
}
