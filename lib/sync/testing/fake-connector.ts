// A synthetic connector for the sync engine's tests and the child worker: a deterministic
// organisation (users, groups, memberships), optionally slow, optionally failing halfway.
import { ConnectorError, type Connector, type SyncRecord } from "@/lib/connectors/types";
import { z } from "zod";

export type FakeOrg = { users: number; groups: number; membershipsPerUser: number; label?: string };

export type FakeBehaviour = {
  /** Wait this long after every `pauseEvery` records (makes a run last long enough to kill). */
  pauseMs?: number;
  pauseEvery?: number;
  /** Throw after this many records. */
  failAfter?: number;
  failWith?: () => Error;
  /** Called when sync() starts and when it ends (or is abandoned). */
  onStart?: () => Promise<void> | void;
  onEnd?: () => Promise<void> | void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function* fakeRecords(org: FakeOrg): AsyncGenerator<SyncRecord> {
  const label = org.label ?? "v1";
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "group", displayName: "Group", traits: ["group"] };
  for (let g = 0; g < org.groups; g++) {
    yield { type: "resource", resourceTypeId: "group", id: `g${g}`, displayName: `Group ${g} ${label}` };
    yield {
      type: "entitlement",
      id: `group:g${g}:member`,
      resource: { resourceTypeId: "group", id: `g${g}` },
      displayName: `Group ${g} member`,
      slug: "member",
      purpose: "assignment",
      grantableTo: ["user"],
      provisionable: true,
    };
  }
  for (let u = 0; u < org.users; u++) {
    const id = `u${String(u).padStart(6, "0")}`;
    yield {
      type: "resource",
      resourceTypeId: "user",
      id,
      displayName: `User ${u} ${label}`,
      user: { email: `user${u}@example.com`, status: u % 10 === 0 ? "disabled" : "enabled" },
      profile: { index: u },
    };
    for (let m = 0; m < Math.min(org.membershipsPerUser, org.groups); m++) {
      const g = (u + m * 7) % org.groups;
      yield { type: "grant", id: `group:g${g}:member:user:${id}`, entitlementId: `group:g${g}:member`, principal: { resourceTypeId: "user", id } };
    }
  }
}

export async function* withBehaviour(records: AsyncIterable<SyncRecord>, behaviour: FakeBehaviour): AsyncGenerator<SyncRecord> {
  await behaviour.onStart?.();
  try {
    let count = 0;
    for await (const record of records) {
      if (behaviour.failAfter !== undefined && count >= behaviour.failAfter) {
        throw behaviour.failWith?.() ?? new ConnectorError("upstream_unavailable", "The fake upstream went away.", { retryable: true });
      }
      if (behaviour.pauseMs && count % (behaviour.pauseEvery ?? 100) === 0) await sleep(behaviour.pauseMs);
      count++;
      yield record;
    }
  } finally {
    await behaviour.onEnd?.();
  }
}

const fakeSettingsSchema = z.object({ apiKey: z.string().min(1) });

export function createFakeConnector(org: FakeOrg, behaviour: FakeBehaviour = {}): Connector<z.infer<typeof fakeSettingsSchema>> {
  return {
    id: "fake",
    name: "Fake",
    description: "Synthetic records for tests.",
    capabilities: [],
    settings: { schema: fakeSettingsSchema, fields: [{ name: "apiKey", label: "API key", secret: true, required: true }] },
    check: async () => ({ ok: true, summary: "fake" }),
    sync: (config, ctx) => {
      ctx.logger.info(`Fake sync with key ${config.apiKey} starting.`);
      return withBehaviour(fakeRecords(org), behaviour);
    },
    grant: async () => ({ changed: false, message: "fake" }),
    revoke: async () => ({ changed: false, message: "fake" }),
  };
}
