CREATE TABLE `absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	`make_up_attended_at` integer,
	`make_up_note` text,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "absences_reason_check" CHECK("absences"."reason" in ('illness', 'business_trip', 'family', 'maternity', 'on_duty', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `absences_invitation_unique` ON `absences` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`symbol` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bodies_kind_check" CHECK("bodies"."kind" in ('standing_committee', 'propaganda', 'labour_federation', 'education_office', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bodies_unit_name_unique` ON `bodies` (`unit_id`,`name`);--> statement-breakpoint
CREATE INDEX `bodies_unit_kind_idx` ON `bodies` (`unit_id`,`kind`);--> statement-breakpoint
CREATE TABLE `campaign_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`unit_kind` text NOT NULL,
	`body_kind` text NOT NULL,
	`co_body_kinds` text DEFAULT '[]' NOT NULL,
	`title` text NOT NULL,
	`due_date` text,
	`duration` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_requirements_unique` ON `campaign_requirements` (`campaign_id`,`unit_kind`,`body_kind`,`title`);--> statement-breakpoint
CREATE INDEX `campaign_requirements_kind_idx` ON `campaign_requirements` (`campaign_id`,`unit_kind`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`resolution` text NOT NULL,
	`start_date` text NOT NULL,
	`deadline` text NOT NULL,
	`signing_public_key` text,
	`signing_private_key` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "campaigns_dates_check" CHECK("campaigns"."deadline" >= "campaigns"."start_date")
);
--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`conference_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`scanned_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`scanner_user_id` integer,
	`device_id` text DEFAULT '' NOT NULL,
	`method` text NOT NULL,
	`is_late` integer DEFAULT false NOT NULL,
	`was_offline` integer DEFAULT false NOT NULL,
	`nonce` text,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scanner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "check_ins_method_check" CHECK("check_ins"."method" in ('camera', 'hardware', 'manual', 'walk_in'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_invitation_unique` ON `check_ins` (`invitation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_nonce_unique` ON `check_ins` (`nonce`);--> statement-breakpoint
CREATE INDEX `check_ins_conference_site_idx` ON `check_ins` (`conference_id`,`site_id`,`scanned_at`);--> statement-breakpoint
CREATE TABLE `conference_co_bodies` (
	`conference_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	PRIMARY KEY(`conference_id`, `body_id`),
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conferences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	`requirement_id` integer,
	`title` text NOT NULL,
	`agenda` text DEFAULT '' NOT NULL,
	`audience` text DEFAULT '' NOT NULL,
	`chair` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`grace_minutes` integer DEFAULT 15 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requirement_id`) REFERENCES `campaign_requirements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "conferences_time_check" CHECK("conferences"."ends_at" > "conferences"."starts_at"),
	CONSTRAINT "conferences_status_check" CHECK("conferences"."status" in ('draft', 'scheduled', 'in_progress', 'held', 'cancelled')),
	CONSTRAINT "conferences_grace_check" CHECK("conferences"."grace_minutes" between 0 and 240),
	CONSTRAINT "conferences_cancel_check" CHECK("conferences"."status" <> 'cancelled' or "conferences"."cancel_reason" is not null)
);
--> statement-breakpoint
CREATE INDEX `conferences_campaign_unit_idx` ON `conferences` (`campaign_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `conferences_body_idx` ON `conferences` (`body_id`);--> statement-breakpoint
CREATE INDEX `conferences_starts_idx` ON `conferences` (`starts_at`);--> statement-breakpoint
CREATE INDEX `conferences_requirement_idx` ON `conferences` (`requirement_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`kind` text DEFAULT 'invited' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`letter_number` text,
	`token_version` integer DEFAULT 1 NOT NULL,
	`token` text,
	`substitute_name` text,
	`substitute_position` text,
	`issued_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invitations_status_check" CHECK("invitations"."status" in ('draft', 'issued', 'revoked')),
	CONSTRAINT "invitations_kind_check" CHECK("invitations"."kind" in ('invited', 'walk_in'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_conference_person_unique` ON `invitations` (`conference_id`,`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_unique` ON `invitations` (`token`);--> statement-breakpoint
CREATE INDEX `invitations_site_idx` ON `invitations` (`site_id`);--> statement-breakpoint
CREATE INDEX `invitations_person_idx` ON `invitations` (`person_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`address` text NOT NULL,
	`succeeded` integer NOT NULL,
	`attempted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_lookup_idx` ON `login_attempts` (`username`,`address`,`attempted_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`search_name` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`workplace` text DEFAULT '' NOT NULL,
	`unit_id` integer NOT NULL,
	`is_party_member` integer DEFAULT true NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`phone` text,
	`email` text,
	`external_code` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_unit_idx` ON `people` (`unit_id`);--> statement-breakpoint
CREATE INDEX `people_search_idx` ON `people` (`search_name`);--> statement-breakpoint
CREATE INDEX `people_phone_idx` ON `people` (`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_external_code_unique` ON `people` (`external_code`);--> statement-breakpoint
CREATE TABLE `scan_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nonce` text NOT NULL,
	`token` text NOT NULL,
	`invitation_id` integer,
	`conference_id` integer,
	`site_id` integer,
	`verdict` text NOT NULL,
	`method` text NOT NULL,
	`device_id` text DEFAULT '' NOT NULL,
	`user_id` integer,
	`scanned_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`was_offline` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scan_log_verdict_check" CHECK("scan_log"."verdict" in ('ok', 'duplicate', 'wrong_conference', 'wrong_site', 'revoked', 'unknown', 'bad_signature', 'not_open'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_log_nonce_unique` ON `scan_log` (`nonce`);--> statement-breakpoint
CREATE INDEX `scan_log_conference_idx` ON `scan_log` (`conference_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `scan_log_invitation_idx` ON `scan_log` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `site_staff` (
	`site_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`site_id`, `user_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_staff_user_idx` ON `site_staff` (`user_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`is_main` integer DEFAULT false NOT NULL,
	`venue` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`capacity` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sites_capacity_check" CHECK("sites"."capacity" is null or "sites"."capacity" > 0)
);
--> statement-breakpoint
CREATE INDEX `sites_conference_idx` ON `sites` (`conference_id`);--> statement-breakpoint
CREATE INDEX `sites_venue_idx` ON `sites` (`venue`);--> statement-breakpoint
CREATE UNIQUE INDEX `sites_one_main_unique` ON `sites` (`conference_id`) WHERE "sites"."is_main" = 1;--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`place_name` text NOT NULL,
	`parent_id` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer NOT NULL,
	`body_id` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('admin', 'organizer', 'scanner', 'viewer')),
	CONSTRAINT "users_organizer_body_check" CHECK("users"."role" <> 'organizer' or "users"."body_id" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);