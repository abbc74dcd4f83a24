// The review items of one campaign are one partition of reviews.items, named after the campaign.
import type pg from "pg";

const CAMPAIGN_ID = /^[a-z0-9]{1,40}$/;

export function itemsPartition(campaignId: string) {
  if (!CAMPAIGN_ID.test(campaignId)) throw new Error(`Invalid campaign id for a partition: ${JSON.stringify(campaignId)}`);
  return `"reviews"."items_${campaignId}"`;
}

/** A plain table shaped like the parent, with the CHECK that lets ATTACH skip its validation scan. */
export async function createItemsTable(client: pg.ClientBase, campaignId: string) {
  await client.query(`CREATE TABLE ${itemsPartition(campaignId)} (LIKE "reviews"."items" INCLUDING DEFAULTS, CHECK (campaign_id = '${campaignId}'))`);
}

/** Attaching builds the partition's primary key and indexes once, over the full table. */
export async function attachItemsTable(client: pg.ClientBase, campaignId: string) {
  await client.query(`ALTER TABLE "reviews"."items" ATTACH PARTITION ${itemsPartition(campaignId)} FOR VALUES IN ('${campaignId}')`);
}

export async function dropItemsTable(client: pg.ClientBase, campaignId: string) {
  await client.query(`DROP TABLE IF EXISTS ${itemsPartition(campaignId)}`);
}
