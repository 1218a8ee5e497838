-- Hand-written (drizzle-kit generate --custom): the PostgreSQL twin of the triggers of SQLite's migration
-- 0006_attendance_reports.sql. An invitation carries a copy of its invitee's Party membership and category
-- (attendee_party_member, attendee_category) so that attendance reports read one covering index
-- (docs/decisions/0010-attendance-reports.md); the application never writes the copies.
--
-- SQLite updates the new row after the insert; here a BEFORE trigger sets it in place (the same result, one write).
-- When the person does not exist the row is left as it is, so the foreign key refuses it as on SQLite.
CREATE FUNCTION "invitations_copy_attendee"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person record;
BEGIN
  SELECT "is_party_member", "category" INTO person FROM "people" WHERE "id" = NEW."person_id";
  IF FOUND THEN
    NEW."attendee_party_member" := person."is_party_member";
    NEW."attendee_category" := person."category";
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "invitations_attendee_on_insert" BEFORE INSERT ON "invitations"
  FOR EACH ROW EXECUTE FUNCTION "invitations_copy_attendee"();
--> statement-breakpoint
CREATE TRIGGER "invitations_attendee_on_person_change" BEFORE UPDATE OF "person_id" ON "invitations"
  FOR EACH ROW EXECUTE FUNCTION "invitations_copy_attendee"();
--> statement-breakpoint
-- A person's membership or category changes: every invitation of theirs follows. SQLite's trigger fires whenever
-- the columns are set; this one only when a value really changes (the copies are equal otherwise), which spares a
-- write to every invitation of a person whose other fields are edited.
CREATE FUNCTION "people_copy_attendee_to_invitations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "invitations" SET "attendee_party_member" = NEW."is_party_member", "attendee_category" = NEW."category"
  WHERE "person_id" = NEW."id";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "people_attendee_to_invitations" AFTER UPDATE OF "is_party_member", "category" ON "people"
  FOR EACH ROW
  WHEN (OLD."is_party_member" IS DISTINCT FROM NEW."is_party_member" OR OLD."category" IS DISTINCT FROM NEW."category")
  EXECUTE FUNCTION "people_copy_attendee_to_invitations"();
