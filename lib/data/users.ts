// Users, their roles, and the one-time links that set a password.
import { Prisma, type Role, type User } from "@prisma/client";
import { hashToken, randomToken } from "@/lib/crypto";
import { db, getPool } from "@/lib/db/client";
import { hashPassword } from "@/lib/password";

export const SET_PASSWORD_LINK_HOURS = 72;

export type PublicUser = Pick<User, "id" | "email" | "name" | "role" | "disabled" | "createdAt" | "lastSignInAt"> & {
  hasPassword: boolean;
};

const publicSelect = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, lastSignInAt: true, passwordHash: true } as const;

function toPublic(user: Prisma.UserGetPayload<{ select: typeof publicSelect }>): PublicUser {
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: Boolean(passwordHash) };
}

export class DuplicateEmailError extends Error {
  name = "DuplicateEmailError";
}

export async function hasAnyUser() {
  return (await db.user.count({ take: 1 })) > 0;
}

export function getUserById(id: string) {
  return db.user.findUnique({ where: { id } });
}

/**
 * The session check on every request: one indexed row through plain pg, because the
 * Prisma client's per-query overhead dominated the console shell's time (README, Performance).
 */
/**
 * The user behind a session, with the stored Require SSO setting read in the same query (the
 * session check runs on every request: one round trip, not two).
 */
export async function getSessionUser(id: string) {
  const { rows } = await getPool().query<{ id: string; email: string; name: string; role: Role; disabled: boolean; session_version: number; require_sso: boolean | null; break_glass_user_ids: string[] | null }>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.disabled, u.session_version, s.require_sso, s.break_glass_user_ids
       FROM users u LEFT JOIN sso_settings s ON s.id = 'default'
      WHERE u.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    sessionVersion: row.session_version,
    storedSso: { requireSso: row.require_sso ?? false, breakGlass: { userIds: row.break_glass_user_ids ?? [], emails: [] } },
  };
}

export function getUserByEmail(email: string) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function listUsers(search?: string): Promise<PublicUser[]> {
  const q = search?.trim();
  const users = await db.user.findMany({
    where: q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : undefined,
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
    select: publicSelect,
    take: 500,
  });
  return users.map(toPublic);
}

/** Creates the first Super Administrator; returns null when a user already exists. */
export async function createFirstAdmin(input: { name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Serialises concurrent first-run submissions: only one can create the first user.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    if ((await tx.user.count()) > 0) return null;
    return tx.user.create({ data: { name: input.name, email: input.email, role: "SUPER_ADMIN", passwordHash } });
  });
}

/** Adds a user without a password and returns the raw token of their set-password link. */
export async function addUser(input: { name: string; email: string; role: Role }) {
  const token = randomToken();
  try {
    const user = await db.user.create({
      data: {
        name: input.name,
        email: input.email,
        role: input.role,
        passwordTokens: { create: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3_600_000) } },
      },
    });
    return { user, token };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new DuplicateEmailError("A user with this email already exists.");
    throw error;
  }
}

export async function changeRole(userId: string, role: Role) {
  return db.user.update({ where: { id: userId }, data: { role } });
}

/** Disabling bumps the session version, so existing sessions end at their next request. */
export async function setUserDisabled(userId: string, disabled: boolean) {
  return db.user.update({ where: { id: userId }, data: { disabled, sessionVersion: { increment: 1 } } });
}

export async function countActiveSuperAdmins() {
  return db.user.count({ where: { role: "SUPER_ADMIN", disabled: false } });
}

export async function findValidPasswordToken(token: string) {
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt < new Date() || row.user.disabled) return null;
  return row;
}

/** Sets the password and spends the token in one transaction; false if the link is not valid. */
export async function setPasswordWithToken(token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const row = await tx.passwordToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
    if (!row || row.usedAt || row.expiresAt < new Date() || row.user.disabled) return null;
    const spent = await tx.passwordToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (spent.count !== 1) return null;
    return tx.user.update({ where: { id: row.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  });
}

export async function markSignedIn(userId: string) {
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
}

/** A user created at their first single sign-on: no password, the role the SSO policy chose. */
export async function createSsoUser(input: { email: string; name: string; role: Role }) {
  try {
    return await db.user.create({ data: { email: input.email, name: input.name, role: input.role } });
  } catch (error) {
    // Two first sign-ins at once: the other one created the row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return db.user.findUniqueOrThrow({ where: { email: input.email } });
    throw error;
  }
}

/** Active Super Administrators, for choosing the break-glass accounts. */
export function listActiveSuperAdmins() {
  return db.user.findMany({ where: { role: "SUPER_ADMIN", disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
}
