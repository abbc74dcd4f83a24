-- CreateTable
CREATE TABLE "table_counts" (
    "name" TEXT NOT NULL,
    "n" BIGINT NOT NULL,

    CONSTRAINT "table_counts_pkey" PRIMARY KEY ("name")
);

-- The people count, kept per statement (transition tables), so one sync's 100,000 inserts cost
-- one counter update. An upsert, so a counter row removed with the rest (tests TRUNCATE every
-- table) comes back with the next write.
INSERT INTO "table_counts" ("name", "n") SELECT 'people', count(*) FROM "people";

CREATE FUNCTION "count_people_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO delta FROM new_rows;
  ELSE
    SELECT -count(*) INTO delta FROM old_rows;
  END IF;
  IF delta <> 0 THEN
    INSERT INTO "table_counts" ("name", "n") VALUES ('people', delta)
      ON CONFLICT ("name") DO UPDATE SET "n" = "table_counts"."n" + EXCLUDED."n";
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "reset_people_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "table_counts" ("name", "n") VALUES ('people', 0)
    ON CONFLICT ("name") DO UPDATE SET "n" = 0;
  RETURN NULL;
END $$;

CREATE TRIGGER "people_count_insert" AFTER INSERT ON "people"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_people_rows"();
CREATE TRIGGER "people_count_delete" AFTER DELETE ON "people"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_people_rows"();
CREATE TRIGGER "people_count_truncate" AFTER TRUNCATE ON "people"
  FOR EACH STATEMENT EXECUTE FUNCTION "reset_people_count"();
