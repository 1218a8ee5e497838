CREATE TABLE `body_kinds` (
	`key` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`requirable` integer DEFAULT true NOT NULL,
	`colour` text DEFAULT '#5b6474' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `body_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_kind` text NOT NULL,
	`body_kind` text NOT NULL,
	`name_pattern` text NOT NULL,
	`symbol` text NOT NULL,
	`parent_line_pattern` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`unit_kind`) REFERENCES `unit_kinds`(`key`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_kind`) REFERENCES `body_kinds`(`key`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `body_templates_unique` ON `body_templates` (`unit_kind`,`name_pattern`);--> statement-breakpoint
CREATE TABLE `campaign_retired_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`public_key` text NOT NULL,
	`retired_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_retired_keys_campaign_idx` ON `campaign_retired_keys` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `unit_kinds` (
	`key` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- The standard kinds (data an admin edits later), and any kind the existing rows already use.
INSERT INTO `unit_kinds` (`key`, `label`, `sort_order`) VALUES
	('tinh', 'Tỉnh', 10), ('thanh_pho_tw', 'Thành phố trực thuộc Trung ương', 11),
	('thanh_pho', 'Thành phố', 20), ('thi_xa', 'Thị xã', 21), ('huyen', 'Huyện', 22),
	('phuong', 'Phường', 30), ('xa', 'Xã', 31), ('dac_khu', 'Đặc khu', 32),
	('dang_bo_truc_thuoc', 'Đảng bộ trực thuộc', 40);--> statement-breakpoint
INSERT OR IGNORE INTO `unit_kinds` (`key`, `label`, `sort_order`) SELECT DISTINCT `kind`, `kind`, 90 FROM `units`;--> statement-breakpoint
INSERT INTO `body_kinds` (`key`, `label`, `requirable`, `colour`, `sort_order`) VALUES
	('standing_committee', 'Ban Thường vụ', 1, '#9f1d20', 10),
	('propaganda', 'Ban Tuyên giáo', 1, '#1f5fa8', 20),
	('propaganda_mass_mobilisation', 'Ban Tuyên giáo và Dân vận', 1, '#1d4ed8', 21),
	('fatherland_front', 'Ủy ban Mặt trận Tổ quốc Việt Nam', 1, '#7c3aed', 30),
	('labour_federation', 'Liên đoàn Lao động', 1, '#b45309', 40),
	('education_office', 'Phòng Giáo dục và Đào tạo', 1, '#15803d', 50),
	('culture_social_office', 'Phòng Văn hóa - Xã hội', 1, '#0f766e', 51),
	('political_school', 'Trường Chính trị / Trung tâm Chính trị', 1, '#a16207', 60),
	('other', 'Cơ quan khác', 0, '#5b6474', 90);--> statement-breakpoint
INSERT OR IGNORE INTO `body_kinds` (`key`, `label`, `sort_order`) SELECT DISTINCT `kind`, `kind`, 95 FROM `bodies`;--> statement-breakpoint
INSERT OR IGNORE INTO `body_kinds` (`key`, `label`, `sort_order`) SELECT DISTINCT `body_kind`, `body_kind`, 95 FROM `campaign_requirements`;--> statement-breakpoint
INSERT OR IGNORE INTO `unit_kinds` (`key`, `label`, `sort_order`) SELECT DISTINCT `unit_kind`, `unit_kind`, 90 FROM `campaign_requirements`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`symbol` text NOT NULL,
	`parent_line` text DEFAULT '' NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kind`) REFERENCES `body_kinds`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_bodies`("id", "unit_id", "kind", "name", "symbol", "parent_line", "retired_at") SELECT "id", "unit_id", "kind", "name", "symbol", '', NULL FROM `bodies`;--> statement-breakpoint
DROP TABLE `bodies`;--> statement-breakpoint
ALTER TABLE `__new_bodies` RENAME TO `bodies`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `bodies_unit_name_unique` ON `bodies` (`unit_id`,`name`);--> statement-breakpoint
CREATE INDEX `bodies_unit_kind_idx` ON `bodies` (`unit_id`,`kind`);--> statement-breakpoint
DROP INDEX `conferences_requirement_unit_unique`;--> statement-breakpoint
ALTER TABLE `conferences` ADD `former_unit_id` integer REFERENCES units(id);--> statement-breakpoint
CREATE UNIQUE INDEX `conferences_requirement_unit_unique` ON `conferences` (`requirement_id`,coalesce("former_unit_id", "unit_id")) WHERE "conferences"."requirement_id" is not null and "conferences"."status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE `campaigns` ADD `archived_at` integer;--> statement-breakpoint
CREATE TABLE `__new_import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text DEFAULT 'people' NOT NULL,
	`unit_id` integer NOT NULL,
	`filename` text NOT NULL,
	`headers` text NOT NULL,
	`rows` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "import_batches_kind_check" CHECK("__new_import_batches"."kind" in ('people', 'units', 'users'))
);
--> statement-breakpoint
INSERT INTO `__new_import_batches`("id", "user_id", "kind", "unit_id", "filename", "headers", "rows", "created_at") SELECT "id", "user_id", 'people', "unit_id", "filename", "headers", "rows", "created_at" FROM `import_batches`;--> statement-breakpoint
DROP TABLE `import_batches`;--> statement-breakpoint
ALTER TABLE `__new_import_batches` RENAME TO `import_batches`;--> statement-breakpoint
CREATE INDEX `import_batches_user_idx` ON `import_batches` (`user_id`);--> statement-breakpoint
CREATE TABLE `__new_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`place_name` text NOT NULL,
	`parent_id` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`retired_at` integer,
	`merged_into_id` integer,
	FOREIGN KEY (`kind`) REFERENCES `unit_kinds`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_units`("id", "code", "name", "kind", "place_name", "parent_id", "sort_order", "retired_at", "merged_into_id") SELECT "id", "code", "name", "kind", "place_name", "parent_id", "sort_order", NULL, NULL FROM `units`;--> statement-breakpoint
DROP TABLE `units`;--> statement-breakpoint
ALTER TABLE `__new_units` RENAME TO `units`;--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `current_campaign_id` integer REFERENCES campaigns(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE TABLE `__new_campaign_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`unit_kind` text NOT NULL,
	`body_kind` text NOT NULL,
	`co_body_kinds` text DEFAULT '[]' NOT NULL,
	`title` text NOT NULL,
	`due_date` text,
	`duration` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_kind`) REFERENCES `unit_kinds`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_kind`) REFERENCES `body_kinds`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_campaign_requirements`("id", "campaign_id", "unit_kind", "body_kind", "co_body_kinds", "title", "due_date", "duration", "sort_order") SELECT "id", "campaign_id", "unit_kind", "body_kind", "co_body_kinds", "title", "due_date", "duration", "sort_order" FROM `campaign_requirements`;--> statement-breakpoint
DROP TABLE `campaign_requirements`;--> statement-breakpoint
ALTER TABLE `__new_campaign_requirements` RENAME TO `campaign_requirements`;--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_requirements_unique` ON `campaign_requirements` (`campaign_id`,`unit_kind`,`body_kind`,`title`);--> statement-breakpoint
CREATE INDEX `campaign_requirements_kind_idx` ON `campaign_requirements` (`campaign_id`,`unit_kind`);