// The request context Next gives a server action or route handler, outside Next: a cookie jar
// and headers (next/headers) that carry a real next-auth session cookie, and no-op cache
// revalidation (next/cache needs Next's static generation store). lib/auth.ts and next-auth
// stay real: the cookie is encoded with next-auth's own `encode` and the test NEXTAUTH_SECRET,
// and getServerSession decodes and checks it exactly as in production.
import { createRequire } from "node:module";
import { vi } from "vitest";

type CookieList = { name: string; value: string }[];

/** What the current call's request carries; set by `useSessionCookie` before each call. */
const requestState: { cookies: CookieList; headers: Record<string, string> } = { cookies: [], headers: {} };

function fakeCookies() {
  const list = requestState.cookies.map((c) => ({ ...c }));
  return {
    getAll: () => list,
    get: (name: string) => list.find((c) => c.name === name),
    has: (name: string) => list.some((c) => c.name === name),
    // A server action may not set cookies here; nothing in the actions does.
    set: () => {
      throw new Error("cookies().set is not available in the proof harness");
    },
  };
}

function fakeHeaders() {
  const cookieHeader = requestState.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return new Headers({ ...requestState.headers, ...(cookieHeader ? { cookie: cookieHeader } : {}) });
}

const fakeNextHeaders = {
  headers: async () => fakeHeaders(),
  cookies: async () => fakeCookies(),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

const fakeNextCache = {
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
  unstable_cache: <T>(fn: T) => fn,
  unstable_noStore: () => {},
};

let installed = false;

/**
 * Must run before any app module is imported. Two module systems need the fake:
 *  - app and lib code import next/headers and next/cache as ES modules through vitest, so
 *    vi.doMock replaces them;
 *  - next-auth is an external CommonJS package that calls `require("next/headers")` inside
 *    getServerSession and its route handler; vitest's mocks never see a native require, so the
 *    same fake is put into Node's require cache under the path that require resolves to.
 */
export function installNextRequestMocks() {
  if (installed) return;
  installed = true;
  vi.doMock("next/headers", () => fakeNextHeaders);
  vi.doMock("next/cache", () => fakeNextCache);
  // Resolved from next-auth/next itself, the module whose require() must find the fake.
  const require = createRequire(createRequire(import.meta.url).resolve("next-auth/next"));
  const resolved = require.resolve("next/headers");
  require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: fakeNextHeaders } as NodeJS.Module;
}

/** The cookie and extra headers the next call's request carries (null: anonymous). */
export function setRequestContext(session: { cookieName: string; token: string } | null, headers: Record<string, string> = {}) {
  requestState.cookies = session ? [{ name: session.cookieName, value: session.token }] : [];
  requestState.headers = headers;
}

/** The Cookie header of the current context, for route requests that should carry it too. */
export function currentCookieHeader(): Record<string, string> {
  return requestState.cookies.length ? { cookie: requestState.cookies.map((c) => `${c.name}=${c.value}`).join("; ") } : {};
}
