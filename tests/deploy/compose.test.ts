// Docker is not available where the tests run, so the deployment files are checked for what
// would break them: compose.yaml parses and runs 2 web + 2 workers + PostgreSQL + a load
// balancer with one key and one secret for all; every path the Dockerfiles COPY exists; the
// entry points they start exist; the image runs as a non-root user.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Service = { build?: { dockerfile: string }; command?: string[]; environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, unknown>; ports?: string[] };
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const consoleServices = ["web-1", "web-2", "worker-1", "worker-2"];

/** COPY lines of a Dockerfile: sources and whether they come from an earlier stage. */
function copies(dockerfile: string) {
  return read(dockerfile)
    .split("\n")
    .filter((line) => /^COPY\s/.test(line))
    .map((line) => {
      const words = line.replace(/^COPY\s+/, "").split(/\s+/);
      const from = words.find((w) => w.startsWith("--from="));
      const paths = words.filter((w) => !w.startsWith("--"));
      return { line, from, sources: paths.slice(0, -1) };
    });
}

describe("compose.yaml", () => {
  it("runs PostgreSQL, 2 web processes without a worker, 2 workers and a load balancer", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["lb", "postgres", ...consoleServices].sort());
    for (const name of consoleServices) {
      const service = compose.services[name];
      expect(service.build?.dockerfile, name).toBe("console.Dockerfile");
      expect(service.environment?.RUN_WORKER, name).toBe("false");
      expect(service.environment?.DATABASE_URL, name).toMatch(/@postgres:5432\//);
      expect(service.depends_on, name).toHaveProperty("postgres");
    }
    expect(compose.services["web-1"].command).toContain("scripts/start.ts");
    expect(compose.services["worker-1"].command).toContain("scripts/worker.ts");
    for (const name of consoleServices) for (const script of compose.services[name].command?.filter((w) => w.endsWith(".ts")) ?? []) expect(existsSync(path.join(root, script)), script).toBe(true);
  });

  it("gives every process the same database, key and session secret", () => {
    for (const variable of ["DATABASE_URL", "ENCRYPTION_KEY", "NEXTAUTH_SECRET", "NEXTAUTH_URL"]) {
      const values = new Set(consoleServices.map((name) => compose.services[name].environment?.[variable]));
      expect(values.size, variable).toBe(1);
      expect([...values][0], variable).toBeTruthy();
    }
  });

  it("balances over both web processes with a config file that exists", () => {
    const lb = compose.services.lb;
    const mount = lb.volumes?.find((v) => v.includes("nginx.conf"));
    expect(mount).toBeDefined();
    const config = read(mount!.split(":")[0]);
    for (const web of ["web-1", "web-2"]) expect(config).toContain(`server ${web}:3000;`);
    expect(config).toContain("X-Forwarded-For");
    expect(Object.keys(lb.depends_on ?? {}).sort()).toEqual(["web-1", "web-2"]);
  });
});

describe.each(["console.Dockerfile", "Dockerfile"])("%s", (dockerfile) => {
  it("copies only paths that exist (or that an earlier stage built) and that .dockerignore keeps", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    const builtByStage = new Set([".next", "node_modules"]);
    for (const { line, from, sources } of copies(dockerfile)) {
      for (const source of sources) {
        const relative = from ? source.replace(/^\/app\/?/, "") : source;
        if (from && builtByStage.has(relative)) continue;
        expect(existsSync(path.join(root, relative)), `${line}: ${relative}`).toBe(true);
        if (!from) expect(ignored.includes(relative.split("/")[0]), `${line}: ${relative} is in .dockerignore`).toBe(false);
      }
    }
  });

  it("runs as a non-root user an entry point that exists", () => {
    const text = read(dockerfile);
    const lastStage = text.slice(text.lastIndexOf("\nFROM "));
    expect(lastStage).toMatch(/^USER node$/m);
    const entry = [...lastStage.matchAll(/^(?:CMD|ENTRYPOINT) (\[.*\])$/gm)].flatMap((m) => JSON.parse(m[1]) as string[]).filter((w) => w.endsWith(".ts"));
    expect(entry.length).toBeGreaterThan(0);
    for (const script of entry) expect(existsSync(path.join(root, script)), script).toBe(true);
  });
});

describe("console.Dockerfile", () => {
  it("installs with npm ci and builds with next build, and the worker is its own entry point", () => {
    const text = read("console.Dockerfile");
    expect(text).toMatch(/RUN npm ci\b/);
    expect(text).toMatch(/next build/);
    expect(JSON.parse(read("package.json")).scripts.worker).toBe("tsx scripts/worker.ts");
  });
});
