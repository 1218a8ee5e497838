PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`address` text,
	`attempted_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_login_attempts`("id", "username", "address", "attempted_at") SELECT "id", "username", "address", "attempted_at" FROM `login_attempts`;--> statement-breakpoint
DROP TABLE `login_attempts`;--> statement-breakpoint
ALTER TABLE `__new_login_attempts` RENAME TO `login_attempts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `login_attempts_username_idx` ON `login_attempts` (`username`,`attempted_at`);--> statement-breakpoint
CREATE INDEX `login_attempts_address_idx` ON `login_attempts` (`address`,`attempted_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `conferences_requirement_unit_unique` ON `conferences` (`requirement_id`,`unit_id`) WHERE "conferences"."requirement_id" is not null and "conferences"."status" <> 'cancelled';