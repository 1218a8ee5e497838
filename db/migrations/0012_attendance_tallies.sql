CREATE TABLE `attendance_tallies` (
	`conference_id` integer NOT NULL,
	`party_member` integer NOT NULL,
	`category` text NOT NULL,
	`invited` integer DEFAULT 0 NOT NULL,
	`present` integer DEFAULT 0 NOT NULL,
	`late` integer DEFAULT 0 NOT NULL,
	`substitutes` integer DEFAULT 0 NOT NULL,
	`excused` integer DEFAULT 0 NOT NULL,
	`made_up` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`conference_id`, `party_member`, `category`)
);
--> statement-breakpoint
-- The attendance tallies (docs/decisions/0039-attendance-tally.md), kept by triggers in the transaction of every change.
-- A new or deleted check-in or absence adds or takes away what it brings; an update (and an invitation's delete) takes
-- the invitation's contribution away BEFORE the change and adds it back AFTER, both read from the tables as they are
-- (one writer: nothing changes in between). Deletes are counted BEFORE, never AFTER: PostgreSQL fires the AFTER
-- triggers of a cascaded delete only at the end of the whole statement, when the invitation may be gone. The
-- contribution is the rules of lib/reports/attendance-rules.ts: nothing unless the invitation is counted (kind
-- 'invited', status 'issued'); then invited; present with a check-in; late; a substitute if present with a substitute
-- name; excused and made up only when not present. No BEFORE INSERT trigger: an upsert that turns into an update
-- fires BEFORE INSERT and then the update triggers. A deleted invitation is taken away BEFORE its delete; the check-ins
-- and absences its cascade deletes then find no invitation and change nothing (and, deleted first, are taken away
-- first).
CREATE TRIGGER `attendance_tally_invitation_insert` AFTER INSERT ON `invitations` WHEN NEW.kind = 'invited' AND NEW.status = 'issued' BEGIN
  -- From NEW, not from the table: migration 0006's AFTER INSERT trigger may already have set the attendee copies,
  -- and its UPDATE moved the count from NEW's values to the copies (the update triggers below), in either order
  -- (SQLite does not define the order of triggers). The update triggers count from OLD and NEW for the same reason.
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  VALUES (NEW.conference_id, NEW.attendee_party_member, NEW.attendee_category, 1, 0, 0, 0, 0, 0)
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_invitation_before_update` BEFORE UPDATE OF `kind`, `status`, `conference_id`, `attendee_party_member`, `attendee_category`, `substitute_name` ON `invitations` WHEN (OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.conference_id IS NOT NEW.conference_id OR OLD.attendee_party_member IS NOT NEW.attendee_party_member OR OLD.attendee_category IS NOT NEW.attendee_category OR OLD.substitute_name IS NOT NEW.substitute_name) BEGIN
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT OLD.conference_id, OLD.attendee_party_member, OLD.attendee_category, -1, -(c.invitation_id IS NOT NULL), -coalesce(c.is_late, 0),
    -(c.invitation_id IS NOT NULL AND OLD.substitute_name IS NOT NULL), -(c.invitation_id IS NULL AND a.reason IS NOT NULL),
    -(c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM (SELECT OLD.id AS id) i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE OLD.kind = 'invited' AND OLD.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_invitation_after_update` AFTER UPDATE OF `kind`, `status`, `conference_id`, `attendee_party_member`, `attendee_category`, `substitute_name` ON `invitations` WHEN (OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.conference_id IS NOT NEW.conference_id OR OLD.attendee_party_member IS NOT NEW.attendee_party_member OR OLD.attendee_category IS NOT NEW.attendee_category OR OLD.substitute_name IS NOT NEW.substitute_name) BEGIN
  -- From NEW, the row as this UPDATE left it: see the insert trigger.
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT NEW.conference_id, NEW.attendee_party_member, NEW.attendee_category, 1, (c.invitation_id IS NOT NULL), coalesce(c.is_late, 0),
    (c.invitation_id IS NOT NULL AND NEW.substitute_name IS NOT NULL), (c.invitation_id IS NULL AND a.reason IS NOT NULL),
    (c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM (SELECT NEW.id AS id) i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE NEW.kind = 'invited' AND NEW.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_invitation_delete` BEFORE DELETE ON `invitations` WHEN OLD.kind = 'invited' AND OLD.status = 'issued' BEGIN
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT OLD.conference_id, OLD.attendee_party_member, OLD.attendee_category, -1, -(c.invitation_id IS NOT NULL), -coalesce(c.is_late, 0),
    -(c.invitation_id IS NOT NULL AND OLD.substitute_name IS NOT NULL), -(c.invitation_id IS NULL AND a.reason IS NOT NULL),
    -(c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM (SELECT OLD.id AS id) i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE OLD.kind = 'invited' AND OLD.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_check_in_insert` AFTER INSERT ON `check_ins` BEGIN
  -- What a check-in adds to its invitation, which had none (check_ins_invitation_unique): present, late, a substitute;
  -- and it is no longer excused or made up, if an absence was recorded.
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 0, 1, NEW.is_late, (i.substitute_name IS NOT NULL),
    -(a.reason IS NOT NULL), -(a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = NEW.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_check_in_delete` BEFORE DELETE ON `check_ins` BEGIN
  -- What a check-in takes away when it goes (undone, or its invitation deleted: then found no more, nothing).
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 0, -1, -OLD.is_late, -(i.substitute_name IS NOT NULL),
    (a.reason IS NOT NULL), (a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = OLD.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_absence_insert` AFTER INSERT ON `absences` BEGIN
  -- What an absence adds to an invitation that had none: excused (with a reason) and made up, unless present.
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 0, 0, 0, 0, (NEW.reason IS NOT NULL), (NEW.make_up_attended_at IS NOT NULL)
  FROM invitations i
  WHERE i.id = NEW.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
    AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.invitation_id = i.id)
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_absence_delete` BEFORE DELETE ON `absences` BEGIN
  -- What an absence takes away when it goes.
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 0, 0, 0, 0, -(OLD.reason IS NOT NULL), -(OLD.make_up_attended_at IS NOT NULL)
  FROM invitations i
  WHERE i.id = OLD.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
    AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.invitation_id = i.id)
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_check_in_before_update` BEFORE UPDATE OF `invitation_id`, `is_late` ON `check_ins` WHEN (OLD.invitation_id IS NOT NEW.invitation_id OR OLD.is_late IS NOT NEW.is_late) BEGIN
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, -1, -(c.invitation_id IS NOT NULL), -coalesce(c.is_late, 0),
    -(c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), -(c.invitation_id IS NULL AND a.reason IS NOT NULL),
    -(c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = OLD.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, -1, -(c.invitation_id IS NOT NULL), -coalesce(c.is_late, 0),
    -(c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), -(c.invitation_id IS NULL AND a.reason IS NOT NULL),
    -(c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = NEW.invitation_id AND i.kind = 'invited' AND i.status = 'issued' AND NEW.invitation_id <> OLD.invitation_id
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_check_in_after_update` AFTER UPDATE OF `invitation_id`, `is_late` ON `check_ins` WHEN (OLD.invitation_id IS NOT NEW.invitation_id OR OLD.is_late IS NOT NEW.is_late) BEGIN
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 1, (c.invitation_id IS NOT NULL), coalesce(c.is_late, 0),
    (c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), (c.invitation_id IS NULL AND a.reason IS NOT NULL),
    (c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = OLD.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 1, (c.invitation_id IS NOT NULL), coalesce(c.is_late, 0),
    (c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), (c.invitation_id IS NULL AND a.reason IS NOT NULL),
    (c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = NEW.invitation_id AND i.kind = 'invited' AND i.status = 'issued' AND NEW.invitation_id <> OLD.invitation_id
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_absence_before_update` BEFORE UPDATE OF `invitation_id`, `reason`, `make_up_attended_at` ON `absences` WHEN (OLD.invitation_id IS NOT NEW.invitation_id OR OLD.reason IS NOT NEW.reason OR OLD.make_up_attended_at IS NOT NEW.make_up_attended_at) BEGIN
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, -1, -(c.invitation_id IS NOT NULL), -coalesce(c.is_late, 0),
    -(c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), -(c.invitation_id IS NULL AND a.reason IS NOT NULL),
    -(c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = OLD.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, -1, -(c.invitation_id IS NOT NULL), -coalesce(c.is_late, 0),
    -(c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), -(c.invitation_id IS NULL AND a.reason IS NOT NULL),
    -(c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = NEW.invitation_id AND i.kind = 'invited' AND i.status = 'issued' AND NEW.invitation_id <> OLD.invitation_id
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
CREATE TRIGGER `attendance_tally_absence_after_update` AFTER UPDATE OF `invitation_id`, `reason`, `make_up_attended_at` ON `absences` WHEN (OLD.invitation_id IS NOT NEW.invitation_id OR OLD.reason IS NOT NEW.reason OR OLD.make_up_attended_at IS NOT NEW.make_up_attended_at) BEGIN
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 1, (c.invitation_id IS NOT NULL), coalesce(c.is_late, 0),
    (c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), (c.invitation_id IS NULL AND a.reason IS NOT NULL),
    (c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = OLD.invitation_id AND i.kind = 'invited' AND i.status = 'issued'
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
  INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
  SELECT i.conference_id, i.attendee_party_member, i.attendee_category, 1, (c.invitation_id IS NOT NULL), coalesce(c.is_late, 0),
    (c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL), (c.invitation_id IS NULL AND a.reason IS NOT NULL),
    (c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL)
  FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
  WHERE i.id = NEW.invitation_id AND i.kind = 'invited' AND i.status = 'issued' AND NEW.invitation_id <> OLD.invitation_id
  ON CONFLICT (conference_id, party_member, category) DO UPDATE SET invited = invited + excluded.invited, present = present + excluded.present, late = late + excluded.late, substitutes = substitutes + excluded.substitutes, excused = excused + excluded.excused, made_up = made_up + excluded.made_up;
END;
--> statement-breakpoint
-- The tallies of the rows already there: the reports' own count (lib/reports/attendance-tallies.ts, recountTallies).
INSERT INTO `attendance_tallies` (conference_id, party_member, category, invited, present, late, substitutes, excused, made_up)
SELECT i.conference_id, i.attendee_party_member, i.attendee_category, count(*), count(c.invitation_id), coalesce(sum(c.is_late), 0),
  count(CASE WHEN c.invitation_id IS NOT NULL AND i.substitute_name IS NOT NULL THEN 1 END),
  count(CASE WHEN c.invitation_id IS NULL AND a.reason IS NOT NULL THEN 1 END),
  count(CASE WHEN c.invitation_id IS NULL AND a.make_up_attended_at IS NOT NULL THEN 1 END)
FROM invitations i LEFT JOIN check_ins c ON c.invitation_id = i.id LEFT JOIN absences a ON a.invitation_id = i.id
WHERE i.kind = 'invited' AND i.status = 'issued'
GROUP BY i.conference_id, i.attendee_party_member, i.attendee_category;
