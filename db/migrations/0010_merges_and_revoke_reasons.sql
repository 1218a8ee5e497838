CREATE TABLE `person_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kept_person_id` integer NOT NULL,
	`merged_person_id` integer NOT NULL,
	`moved_invitation_ids` text DEFAULT '[]' NOT NULL,
	`revoked_invitation_ids` text DEFAULT '[]' NOT NULL,
	`merged_by` integer,
	`merged_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`undone_by` integer,
	`undone_at` integer,
	FOREIGN KEY (`kept_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_merges_kept_idx` ON `person_merges` (`kept_person_id`);--> statement-breakpoint
CREATE INDEX `person_merges_merged_idx` ON `person_merges` (`merged_person_id`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `revoke_reason` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `revoked_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `people` ADD `merged_into_id` integer REFERENCES people(id);