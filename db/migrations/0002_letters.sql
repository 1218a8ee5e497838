CREATE TABLE `letter_sequences` (
	`body_id` integer NOT NULL,
	`term` text NOT NULL,
	`last_number` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`body_id`, `term`),
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `term` text DEFAULT '' NOT NULL;