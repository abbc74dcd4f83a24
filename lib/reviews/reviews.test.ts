// The campaign's life on a real database: launch freezes the grants with their reviewers
// (owners, self-review to the fallback) and flags, decisions refuse what is not mine or not
// active, a reassigned item's old reviewer loses the race with a reason, close applies the
// default and queues revokes exactly once, and the next syncs verify them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let connectorId = "";
let appId = "";
const users = { admin: "", owner: "", fallback: "", other: "" };

function records(without: string[] = []): () => AsyncGenerator<SyncRecord> {
  return async function* () {
    yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
    yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
    yield { type: "resource", resourceTypeId: "role", id: "admin", displayName: "Admin" };
    yield { type: "resource", resourceTypeId: "role", id: "viewer", displayName: "Viewer" };
    yield { type: "entitlement", id: "role:admin:member", resource: { resourceTypeId: "role", id: "admin" }, displayName: "Administrator", description: "Full control", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
    yield { type: "entitlement", id: "role:viewer:member", resource: { resourceTypeId: "role", id: "viewer" }, displayName: "Viewer", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
    for (const name of ["ada", "ben", "owner"]) {
      yield { type: "resource", resourceTypeId: "user", id: name, displayName: name, user: { email: `${name}@example.com` } };
      for (const role of ["admin", "viewer"]) {
        const id = `${name}-${role}`;
        if (!without.includes(id)) yield { type: "grant", id, entitlementId: `role:${role}:member`, principal: { resourceTypeId: "user", id: name } };
      }
    }
  };
}

async function sync(without: string[] = []) {
  const { ingestRecords } = await import("@/lib/sync");
  await ingestRecords(connectorId, records(without)(), { trigger: "upload" });
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  ({ connectorId, applicationId: appId } = await createTestConnector(ctx.pool, { catalogId: "baton" }));
  for (const [key, email] of [["admin", "root@example.com"], ["owner", "owner@example.com"], ["fallback", "fallback@example.com"], ["other", "other@example.com"]] as const) {
    const { rows } = await ctx.pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $1, 'USER', now()) RETURNING id`, [`u${key}`, email]);
    users[key] = rows[0].id;
  }
  await ctx.pool.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, $2)`, [connectorId, users.owner]);
  await sync();
});

afterAll(async () => {
  await (await import("@/lib/sync/queue")).stopBoss();
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

const actor = (key: keyof typeof users) => ({ id: users[key], email: `${key}@example.com` });

async function newCampaign(defaultDecision: "keep" | "revoke" = "keep") {
  const { createCampaign } = await import("@/lib/data/review-campaigns");
  return createCampaign(
    { name: "Q4 review", description: "", appIds: [appId], privilegedOnly: false, entitlementSearch: "", accounts: "all", department: "", reviewerPolicy: "owners", namedReviewerIds: [], fallbackReviewerId: users.fallback, dueDate: "2030-01-31", reminderDays: 3, defaultDecision, remediateImmediately: false },
    users.admin,
  );
}

async function items(campaignId: string) {
  const { rows } = await ctx.pool.query(`SELECT id::text, account_id, entitlement_id, reviewer_id, privileged, decision, remediation, verification, gone_at FROM reviews.items WHERE campaign_id = $1 ORDER BY account_id, entitlement_id`, [campaignId]);
  return rows;
}

describe("access reviews", () => {
  let campaignId = "";
  it("launch freezes every account grant once, with the owner as reviewer and self-review sent to the fallback", async () => {
    ({ id: campaignId } = await newCampaign());
    const { launchCampaign } = await import("./launch");
    expect(await launchCampaign(campaignId, actor("admin"))).toEqual({ items: 6, reviewers: 2 });
    const rows = await items(campaignId);
    expect(rows.map((r) => `${r.account_id}:${r.reviewer_id === users.owner ? "owner" : "fallback"}:${r.privileged}`)).toEqual([
      "ada:owner:true", "ada:owner:false", "ben:owner:true", "ben:owner:false", "owner:fallback:true", "owner:fallback:false",
    ]);
    await expect(launchCampaign(campaignId, actor("admin"))).rejects.toThrow(/Only a draft/);
  });

  it("decides only my items in an active campaign, and says why the rest were not changed", async () => {
    const { decideItems, reassignItems } = await import("./decide");
    const rows = await items(campaignId);
    const mine = rows.filter((r) => r.reviewer_id === users.owner).map((r) => r.id);
    const notMine = rows.filter((r) => r.reviewer_id !== users.owner).map((r) => r.id);
    const wrong = await decideItems({ campaignId, itemIds: notMine, decision: "certify", reason: "" }, actor("owner"));
    expect(wrong.changed).toBe(0);
    expect(wrong.refused[0].why).toMatch(/no longer assigned to you/);
    // Reassigned to someone else: the old reviewer's decision loses, and is told why.
    await reassignItems({ campaignId, itemIds: [mine[0]], toUserId: users.other, note: "You know Ada" }, actor("owner"));
    const lost = await decideItems({ campaignId, itemIds: [mine[0]], decision: "certify", reason: "" }, actor("owner"));
    expect(lost.refused).toEqual([{ id: mine[0], why: "This item is no longer assigned to you (it is other@example.com's now)." }]);
    expect((await decideItems({ campaignId, itemIds: [mine[0]], decision: "revoke", reason: "Left the team" }, actor("other"))).changed).toBe(1);
    expect((await decideItems({ campaignId, itemIds: mine.slice(1), decision: "certify", reason: "" }, actor("owner"))).changed).toBe(3);
    const { rows: audit } = await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'review.decided'`);
    expect(audit[0].n).toBe(4);
    // Each reviewer's progress follows the decisions and the reassignment, exactly as a count would.
    const { listInboxApps } = await import("@/lib/data/review-items");
    const { listMyCampaigns } = await import("@/lib/data/review-campaigns");
    for (const who of [users.owner, users.other, users.fallback]) {
      const { rows: counted } = await ctx.pool.query(`SELECT count(*)::int AS total, count(decision)::int AS decided FROM reviews.items WHERE campaign_id = $1 AND reviewer_id = $2`, [campaignId, who]);
      const shown = (await listMyCampaigns(who)).find((c) => c.id === campaignId);
      expect(shown ? { total: shown.total, decided: shown.decided } : { total: 0, decided: 0 }).toEqual(counted[0]);
    }
    expect((await listMyCampaigns(users.owner)).find((c) => c.id === campaignId)).toMatchObject({ total: mine.length - 1, decided: 3 });
    expect((await listInboxApps(users.owner, campaignId)).map((a) => a.id)).toEqual([appId]);
  });

  it("close keeps the undecided by default, queues each revoke once, refuses later decisions, and the next syncs verify", async () => {
    const { closeCampaign } = await import("./close");
    const { decideItems } = await import("./decide");
    const { remediateCampaign } = await import("./remediate");
    const closed = await closeCampaign(campaignId, actor("admin"));
    expect(closed).toMatchObject({ revokes: 1, defaulted: 2 });
    await expect(closeCampaign(campaignId, actor("admin"))).rejects.toThrow(/Only an active/);
    const late = await decideItems({ campaignId, itemIds: (await items(campaignId)).map((r) => r.id), decision: "certify", reason: "" }, actor("owner"));
    expect(late.changed).toBe(0);
    expect(late.refused[0].why).toMatch(/no longer active/);
    // Provisioning is off for this connector: the console refuses, so it becomes a task by hand.
    expect(await remediateCampaign(campaignId)).toBe(1);
    expect(await remediateCampaign(campaignId)).toBe(0);
    const revoked = (await items(campaignId)).find((r) => r.decision === "revoke")!;
    expect(revoked.remediation).toBe("manual");
    const { markRemediatedByHand } = await import("@/lib/data/review-items");
    expect(await markRemediatedByHand(campaignId, revoked.id, actor("other"), "")).toBeNull();
    expect(await markRemediatedByHand(campaignId, revoked.id, actor("owner"), "done in the console")).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    await sync(); // still there
    expect((await items(campaignId)).find((r) => r.id === revoked.id)!.verification).toBe("still_present");
    await markRemediatedByHand(campaignId, revoked.id, actor("owner"), "really done");
    await new Promise((r) => setTimeout(r, 5));
    await sync([`${revoked.account_id}-${revoked.entitlement_id.split(":")[1]}`]);
    expect((await items(campaignId)).find((r) => r.id === revoked.id)!.verification).toBe("verified");
  });
});

describe("reminders and overdue items", () => {
  it("reminds reviewers once inside the window, then hands overdue items to the fallback reviewer once", async () => {
    const { launchCampaign } = await import("./launch");
    const { sendDueReminders, handOverdueToFallback } = await import("./notify");
    const { id } = await newCampaign();
    // The earlier test's last sync removed one of the owner's grants: 5 items, 3 of them the owner's.
    await launchCampaign(id, actor("admin"));
    await ctx.pool.query(`UPDATE access_review_campaigns SET due_at = now() + interval '1 day', reminder_days = 3 WHERE id = $1`, [id]);
    const reminders = async () => (await ctx.pool.query(`SELECT count(*)::int AS n FROM email_messages WHERE kind = 'review.reminder'`)).rows[0].n;
    const before = await reminders();
    expect(await sendDueReminders()).toBe(1);
    expect(await sendDueReminders()).toBe(0);
    expect((await reminders()) - before).toBe(2); // the owner and the fallback each have open items
    await ctx.pool.query(`UPDATE access_review_campaigns SET due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await handOverdueToFallback()).toBe(1);
    expect(await handOverdueToFallback()).toBe(0);
    const { rows } = await ctx.pool.query(`SELECT DISTINCT reviewer_id FROM reviews.items WHERE campaign_id = $1`, [id]);
    expect(rows).toEqual([{ reviewer_id: users.fallback }]);
    const { rows: mail } = await ctx.pool.query(`SELECT "to", subject FROM email_messages WHERE kind = 'review.overdue'`);
    expect(mail).toEqual([{ to: "fallback@example.com", subject: "Overdue: 3 items of Q4 review are now yours to review" }]);
  });
});

describe("remediation after a crash", () => {
  it("two workers send each revoke once; only a claim that never got an answer is sent again", async () => {
    const { launchCampaign } = await import("./launch");
    const { decideItems } = await import("./decide");
    const { closeCampaign } = await import("./close");
    const { remediateCampaign, CLAIM_STALE_MS } = await import("./remediate");
    const { id } = await newCampaign("revoke");
    await launchCampaign(id, actor("admin"));
    const all = await items(id);
    await decideItems({ campaignId: id, itemIds: all.filter((r) => r.reviewer_id === users.owner).map((r) => r.id), decision: "revoke", reason: "Audit finding" }, actor("owner"));
    const { revokes } = await closeCampaign(id, actor("admin"));
    expect(revokes).toBe(all.length); // the fallback's undecided items are revoked by the default
    const attempts = async () => (await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'provisioning.revoke' AND data->>'principalId' IS NOT NULL AND at > now() - interval '1 minute'`)).rows[0].n;
    const before = await attempts();
    const handled = await Promise.all([remediateCampaign(id), remediateCampaign(id)]);
    expect(handled[0] + handled[1]).toBe(all.length);
    expect((await attempts()) - before).toBe(all.length);

    // A worker died after claiming two items: one claim is stale, the other still fresh.
    const [stale, fresh] = (await items(id)).map((r) => r.id);
    await ctx.pool.query(`UPDATE reviews.items SET remediation = 'sending', remediation_claimed_at = $3 WHERE campaign_id = $1 AND id = $2`, [id, stale, new Date(Date.now() - CLAIM_STALE_MS - 1000)]);
    await ctx.pool.query(`UPDATE reviews.items SET remediation = 'sending', remediation_claimed_at = now() WHERE campaign_id = $1 AND id = $2`, [id, fresh]);
    expect(await remediateCampaign(id)).toBe(1);
    const after = await items(id);
    expect(after.find((r) => r.id === stale)!.remediation).toBe("manual");
    expect(after.find((r) => r.id === fresh)!.remediation).toBe("sending");
  });
});
