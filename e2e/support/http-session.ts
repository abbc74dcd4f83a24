// A signed-in visitor over plain HTTP (Node's fetch): cookies kept by hand, sign-in through
// next-auth's real credentials flow (CSRF token, then the credentials callback), and every
// request timed to the end of its body.
export type Visit = { url: string; status: number; ms: number; body: string; location: string | null };

export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(url: string): Promise<Visit> {
    return this.send(url, { method: "GET" });
  }

  async send(url: string, init: RequestInit): Promise<Visit> {
    const started = performance.now();
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(new URL(url, this.baseUrl), { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie } });
    const body = await response.text();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value && !/max-age=0/i.test(header)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return { url, status: response.status, ms: performance.now() - started, body, location: response.headers.get("location") };
  }

  /** GET /api/auth/csrf, POST /api/auth/callback/credentials; throws unless the session is theirs. */
  async signIn(email: string, password: string) {
    const { csrfToken } = JSON.parse((await this.get("/api/auth/csrf")).body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${this.baseUrl}/`, json: "true" });
    const answer = await this.send("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    const session = JSON.parse((await this.get("/api/auth/session")).body) as { user?: { email?: string } };
    if (session.user?.email !== email) throw new Error(`Sign-in of ${email} failed: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
  }
}
