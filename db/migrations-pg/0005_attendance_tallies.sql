CREATE TABLE "attendance_tallies" (
	"conference_id" integer NOT NULL,
	"party_member" boolean NOT NULL,
	"category" text NOT NULL,
	"invited" integer DEFAULT 0 NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"substitutes" integer DEFAULT 0 NOT NULL,
	"excused" integer DEFAULT 0 NOT NULL,
	"made_up" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "attendance_tallies_conference_id_party_member_category_pk" PRIMARY KEY("conference_id","party_member","category")
);
--> statement-breakpoint
-- The attendance tallies (docs/decisions/0039-attendance-tally.md): the twin of SQLite's migration 0012, kept by
-- triggers in the transaction of every change. Inserts add what the new rows bring (the check-ins and invitations in
-- one aggregated upsert per statement, from their transition tables: the door's batch is one statement, decision 0038)
-- and a deleted check-in or absence takes away what it brought; updates (and an invitation's delete) take the
-- invitation's contribution away BEFORE the change and add it back AFTER. The
-- contribution is the rules of lib/reports/attendance-rules.ts (see attendance_tally_apply).
--
-- Concurrent writers (several app servers): a trigger reads the other two tables as committed, so two changes of one
-- invitation must not run at once. A check-in's insert holds its invitation FOR KEY SHARE (its foreign key's check,
-- taken before the statement's trigger runs); every other change takes the invitation FOR UPDATE before it reads,
-- which waits for that check-in to commit and makes it wait in turn. A SERIALIZABLE transaction keeps its snapshot
-- after that wait, so every trigger writes its group's row, even when the invitation is not counted and the change is
-- zero: the stale writer then meets the other's committed row and is refused (40001), and runs again. The check-ins'
-- upserts take the tally rows in key order.
CREATE FUNCTION "attendance_tally_apply"(invitation integer, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "attendance_tallies" AS t ("conference_id", "party_member", "category", "invited", "present", "late", "substitutes", "excused", "made_up")
  SELECT i."conference_id", i."attendee_party_member", i."attendee_category", sign * k.n,
    sign * k.n * (c."invitation_id" IS NOT NULL)::int,
    sign * k.n * coalesce(c."is_late"::int, 0),
    sign * k.n * (c."invitation_id" IS NOT NULL AND i."substitute_name" IS NOT NULL)::int,
    sign * k.n * (c."invitation_id" IS NULL AND a."reason" IS NOT NULL)::int,
    sign * k.n * (c."invitation_id" IS NULL AND a."make_up_attended_at" IS NOT NULL)::int
  FROM "invitations" i
  CROSS JOIN LATERAL (SELECT (i."kind" = 'invited' AND i."status" = 'issued')::int AS n) k
  LEFT JOIN "check_ins" c ON c."invitation_id" = i."id"
  LEFT JOIN "absences" a ON a."invitation_id" = i."id"
  WHERE i."id" = invitation
  ON CONFLICT ("conference_id", "party_member", "category") DO UPDATE SET
    "invited" = t."invited" + excluded."invited", "present" = t."present" + excluded."present",
    "late" = t."late" + excluded."late", "substitutes" = t."substitutes" + excluded."substitutes",
    "excused" = t."excused" + excluded."excused", "made_up" = t."made_up" + excluded."made_up";
$$;
--> statement-breakpoint
CREATE FUNCTION "attendance_tally_take"(invitation integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "invitations" WHERE "id" = invitation FOR UPDATE;
  PERFORM "attendance_tally_apply"(invitation, -1);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "attendance_tally_invitations_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "attendance_tallies" AS t ("conference_id", "party_member", "category", "invited")
  SELECT "conference_id", "attendee_party_member", "attendee_category", count(*)
  FROM "new_invitations" WHERE "kind" = 'invited' AND "status" = 'issued'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("conference_id", "party_member", "category") DO UPDATE SET "invited" = t."invited" + excluded."invited";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_invitations_insert" AFTER INSERT ON "invitations"
  REFERENCING NEW TABLE AS "new_invitations" FOR EACH STATEMENT EXECUTE FUNCTION "attendance_tally_invitations_inserted"();
--> statement-breakpoint
CREATE FUNCTION "attendance_tally_invitation_before"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "attendance_tally_take"(OLD."id");
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "attendance_tally_invitation_after"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "attendance_tally_apply"(NEW."id", 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- person_id too: a new person's Party membership and category are copied onto the row by migration 0001's BEFORE
-- trigger, and a column set by a trigger does not fire the triggers of that column (nor change this WHEN's NEW: this
-- trigger's name sorts first, so it runs before the copy).
CREATE TRIGGER "attendance_tally_invitation_before_update" BEFORE UPDATE OF "kind", "status", "conference_id", "person_id", "attendee_party_member", "attendee_category", "substitute_name" ON "invitations"
  FOR EACH ROW
  WHEN ((OLD."kind", OLD."status", OLD."conference_id", OLD."person_id", OLD."attendee_party_member", OLD."attendee_category", OLD."substitute_name")
    IS DISTINCT FROM (NEW."kind", NEW."status", NEW."conference_id", NEW."person_id", NEW."attendee_party_member", NEW."attendee_category", NEW."substitute_name"))
  EXECUTE FUNCTION "attendance_tally_invitation_before"();
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_invitation_after_update" AFTER UPDATE OF "kind", "status", "conference_id", "person_id", "attendee_party_member", "attendee_category", "substitute_name" ON "invitations"
  FOR EACH ROW
  WHEN ((OLD."kind", OLD."status", OLD."conference_id", OLD."person_id", OLD."attendee_party_member", OLD."attendee_category", OLD."substitute_name")
    IS DISTINCT FROM (NEW."kind", NEW."status", NEW."conference_id", NEW."person_id", NEW."attendee_party_member", NEW."attendee_category", NEW."substitute_name"))
  EXECUTE FUNCTION "attendance_tally_invitation_after"();
--> statement-breakpoint
-- BEFORE the delete, so that the invitation's check-in and absence are still there to be counted; the cascade then
-- deletes them and their triggers find no invitation.
CREATE TRIGGER "attendance_tally_invitation_delete" BEFORE DELETE ON "invitations"
  FOR EACH ROW WHEN (OLD."kind" = 'invited' AND OLD."status" = 'issued')
  EXECUTE FUNCTION "attendance_tally_invitation_before"();
--> statement-breakpoint
-- What first check-ins add (each invitation had none: check_ins_invitation_unique): present, late, substitutes; and
-- they are no longer excused or made up, where an absence was recorded.
CREATE FUNCTION "attendance_tally_check_ins_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "attendance_tallies" AS t ("conference_id", "party_member", "category", "present", "late", "substitutes", "excused", "made_up")
  SELECT i."conference_id", i."attendee_party_member", i."attendee_category", count(*) FILTER (WHERE k.counted),
    count(*) FILTER (WHERE k.counted AND n."is_late"), count(i."substitute_name") FILTER (WHERE k.counted),
    -count(a."reason") FILTER (WHERE k.counted), -count(a."make_up_attended_at") FILTER (WHERE k.counted)
  FROM "new_check_ins" n
  JOIN "invitations" i ON i."id" = n."invitation_id"
  CROSS JOIN LATERAL (SELECT i."kind" = 'invited' AND i."status" = 'issued' AS counted) k
  LEFT JOIN "absences" a ON a."invitation_id" = n."invitation_id"
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("conference_id", "party_member", "category") DO UPDATE SET
    "present" = t."present" + excluded."present", "late" = t."late" + excluded."late",
    "substitutes" = t."substitutes" + excluded."substitutes", "excused" = t."excused" + excluded."excused",
    "made_up" = t."made_up" + excluded."made_up";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_check_ins_insert" AFTER INSERT ON "check_ins"
  REFERENCING NEW TABLE AS "new_check_ins" FOR EACH STATEMENT EXECUTE FUNCTION "attendance_tally_check_ins_inserted"();
--> statement-breakpoint
-- What an absence brings (sign 1: recorded) or takes away (sign -1: withdrawn) to an invitation not present: excused
-- (with a reason) and made up.
CREATE FUNCTION "attendance_tally_absence"(invitation integer, reason text, made_up timestamptz, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "invitations" WHERE "id" = invitation FOR UPDATE;
  INSERT INTO "attendance_tallies" AS t ("conference_id", "party_member", "category", "excused", "made_up")
  SELECT i."conference_id", i."attendee_party_member", i."attendee_category", sign * k.n * (reason IS NOT NULL)::int, sign * k.n * (made_up IS NOT NULL)::int
  FROM "invitations" i
  CROSS JOIN LATERAL (
    SELECT (i."kind" = 'invited' AND i."status" = 'issued' AND NOT EXISTS (SELECT 1 FROM "check_ins" c WHERE c."invitation_id" = i."id"))::int AS n
  ) k
  WHERE i."id" = invitation
  ON CONFLICT ("conference_id", "party_member", "category") DO UPDATE SET
    "excused" = t."excused" + excluded."excused", "made_up" = t."made_up" + excluded."made_up";
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "attendance_tally_absence_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "attendance_tally_absence"(NEW."invitation_id", NEW."reason", NEW."make_up_attended_at", 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_absence_insert" AFTER INSERT ON "absences"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_absence_inserted"();
--> statement-breakpoint
-- Deletes are counted BEFORE, never AFTER: the AFTER triggers of a cascaded delete (a conference's, an invitation's)
-- fire only at the end of the whole statement, when the invitation may be gone. An invitation deleted first was taken
-- away whole; its check-in and absence then find it no more and change nothing.
CREATE FUNCTION "attendance_tally_absence_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "attendance_tally_absence"(OLD."invitation_id", OLD."reason", OLD."make_up_attended_at", -1);
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_absence_delete" BEFORE DELETE ON "absences"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_absence_deleted"();
--> statement-breakpoint
-- What a check-in takes away when it goes (undone): present, late, a substitute; excused and made up come back.
CREATE FUNCTION "attendance_tally_check_in_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "invitations" WHERE "id" = OLD."invitation_id" FOR UPDATE;
  INSERT INTO "attendance_tallies" AS t ("conference_id", "party_member", "category", "present", "late", "substitutes", "excused", "made_up")
  SELECT i."conference_id", i."attendee_party_member", i."attendee_category", -k.n, -k.n * OLD."is_late"::int,
    -k.n * (i."substitute_name" IS NOT NULL)::int, k.n * (a."reason" IS NOT NULL)::int, k.n * (a."make_up_attended_at" IS NOT NULL)::int
  FROM "invitations" i
  CROSS JOIN LATERAL (SELECT (i."kind" = 'invited' AND i."status" = 'issued')::int AS n) k
  LEFT JOIN "absences" a ON a."invitation_id" = i."id"
  WHERE i."id" = OLD."invitation_id"
  ON CONFLICT ("conference_id", "party_member", "category") DO UPDATE SET
    "present" = t."present" + excluded."present", "late" = t."late" + excluded."late",
    "substitutes" = t."substitutes" + excluded."substitutes", "excused" = t."excused" + excluded."excused",
    "made_up" = t."made_up" + excluded."made_up";
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_check_in_delete" BEFORE DELETE ON "check_ins"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_check_in_deleted"();
--> statement-breakpoint
-- A check-in's or an absence's update: its invitation's contribution away before, back after (and the other
-- invitation's, when the row moves from one to another).
CREATE FUNCTION "attendance_tally_by_invitation_before"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "attendance_tally_take"(OLD."invitation_id");
  IF NEW."invitation_id" <> OLD."invitation_id" THEN PERFORM "attendance_tally_take"(NEW."invitation_id"); END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "attendance_tally_by_invitation_after"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "attendance_tally_apply"(OLD."invitation_id", 1);
  IF NEW."invitation_id" <> OLD."invitation_id" THEN PERFORM "attendance_tally_apply"(NEW."invitation_id", 1); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_check_in_before_update" BEFORE UPDATE OF "invitation_id", "is_late" ON "check_ins"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_by_invitation_before"();
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_check_in_after_update" AFTER UPDATE OF "invitation_id", "is_late" ON "check_ins"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_by_invitation_after"();
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_absence_before_update" BEFORE UPDATE OF "invitation_id", "reason", "make_up_attended_at" ON "absences"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_by_invitation_before"();
--> statement-breakpoint
CREATE TRIGGER "attendance_tally_absence_after_update" AFTER UPDATE OF "invitation_id", "reason", "make_up_attended_at" ON "absences"
  FOR EACH ROW EXECUTE FUNCTION "attendance_tally_by_invitation_after"();
--> statement-breakpoint
-- The tallies of the rows already there: the reports' own count (lib/reports/attendance-tallies.ts, recountTallies).
INSERT INTO "attendance_tallies" ("conference_id", "party_member", "category", "invited", "present", "late", "substitutes", "excused", "made_up")
SELECT i."conference_id", i."attendee_party_member", i."attendee_category", count(*), count(c."invitation_id"),
  count(*) FILTER (WHERE c."is_late"),
  count(*) FILTER (WHERE c."invitation_id" IS NOT NULL AND i."substitute_name" IS NOT NULL),
  count(*) FILTER (WHERE c."invitation_id" IS NULL AND a."reason" IS NOT NULL),
  count(*) FILTER (WHERE c."invitation_id" IS NULL AND a."make_up_attended_at" IS NOT NULL)
FROM "invitations" i LEFT JOIN "check_ins" c ON c."invitation_id" = i."id" LEFT JOIN "absences" a ON a."invitation_id" = i."id"
WHERE i."kind" = 'invited' AND i."status" = 'issued'
GROUP BY 1, 2, 3;
