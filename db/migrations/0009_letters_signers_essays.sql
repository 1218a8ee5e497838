-- Letters per Hướng dẫn 36-HD/VPTW and bài thu hoạch (issue 14). Written by hand: columns are added
-- with ALTER TABLE, never by recreating `bodies` or `conferences` (dropping `conferences` would
-- cascade to invitations and check-ins, since PRAGMA foreign_keys cannot change inside the migration's transaction).
ALTER TABLE `bodies` ADD `heading_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `bodies` ADD `sign_form` text DEFAULT '' NOT NULL CONSTRAINT "bodies_sign_form_check" CHECK(`sign_form` in ('', 'T/M', 'K/T', 'T/L'));--> statement-breakpoint
ALTER TABLE `bodies` ADD `sign_for` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `bodies` ADD `signer_title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `bodies` ADD `signer_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `conferences` ADD `sign_form` text CONSTRAINT "conferences_sign_form_check" CHECK(`sign_form` is null or `sign_form` in ('', 'T/M', 'K/T', 'T/L'));--> statement-breakpoint
ALTER TABLE `conferences` ADD `sign_for` text;--> statement-breakpoint
ALTER TABLE `conferences` ADD `signer_title` text;--> statement-breakpoint
ALTER TABLE `conferences` ADD `signer_name` text;--> statement-breakpoint
CREATE TABLE `reflection_essays` (
	`invitation_id` integer PRIMARY KEY NOT NULL,
	`conference_id` integer NOT NULL,
	`submitted_on` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reflection_essays_date_check" CHECK("reflection_essays"."submitted_on" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `reflection_essays_conference_idx` ON `reflection_essays` (`conference_id`);
