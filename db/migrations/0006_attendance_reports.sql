PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`reason` text,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	`make_up_attended_at` integer,
	`make_up_note` text,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "absences_reason_check" CHECK("__new_absences"."reason" in ('illness', 'business_trip', 'family', 'maternity', 'on_duty', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_absences`("id", "invitation_id", "reason", "note", "recorded_by", "recorded_at", "make_up_attended_at", "make_up_note") SELECT "id", "invitation_id", "reason", "note", "recorded_by", "recorded_at", "make_up_attended_at", "make_up_note" FROM `absences`;--> statement-breakpoint
DROP TABLE `absences`;--> statement-breakpoint
ALTER TABLE `__new_absences` RENAME TO `absences`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `absences_invitation_unique` ON `absences` (`invitation_id`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `attendee_party_member` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `attendee_category` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `invitations_report_idx` ON `invitations` (`conference_id`,`kind`,`status`,`attendee_party_member`,`attendee_category`,`substitute_name`);--> statement-breakpoint
CREATE INDEX `check_ins_report_idx` ON `check_ins` (`invitation_id`,`is_late`);--> statement-breakpoint
UPDATE `invitations` SET `attendee_party_member` = (SELECT `is_party_member` FROM `people` WHERE `people`.`id` = `invitations`.`person_id`), `attendee_category` = (SELECT `category` FROM `people` WHERE `people`.`id` = `invitations`.`person_id`);--> statement-breakpoint
CREATE TRIGGER `invitations_attendee_on_insert` AFTER INSERT ON `invitations` BEGIN
  UPDATE `invitations` SET `attendee_party_member` = (SELECT `is_party_member` FROM `people` WHERE `id` = NEW.`person_id`), `attendee_category` = (SELECT `category` FROM `people` WHERE `id` = NEW.`person_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `invitations_attendee_on_person_change` AFTER UPDATE OF `person_id` ON `invitations` BEGIN
  UPDATE `invitations` SET `attendee_party_member` = (SELECT `is_party_member` FROM `people` WHERE `id` = NEW.`person_id`), `attendee_category` = (SELECT `category` FROM `people` WHERE `id` = NEW.`person_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `people_attendee_to_invitations` AFTER UPDATE OF `is_party_member`, `category` ON `people` BEGIN
  UPDATE `invitations` SET `attendee_party_member` = NEW.`is_party_member`, `attendee_category` = NEW.`category` WHERE `person_id` = NEW.`id`;
END;
