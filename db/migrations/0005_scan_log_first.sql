ALTER TABLE `scan_log` ADD `first_device_id` text;--> statement-breakpoint
ALTER TABLE `scan_log` ADD `first_scanned_at` integer;