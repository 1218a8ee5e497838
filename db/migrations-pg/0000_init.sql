CREATE TABLE "absences" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "absences_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"invitation_id" integer NOT NULL,
	"reason" text,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"make_up_attended_at" timestamp (3) with time zone,
	"make_up_note" text,
	CONSTRAINT "absences_reason_check" CHECK ("absences"."reason" in ('illness', 'business_trip', 'family', 'maternity', 'on_duty', 'other'))
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" json,
	"after" json,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bodies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bodies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"symbol" text NOT NULL,
	"parent_line" text DEFAULT '' NOT NULL,
	"heading_name" text DEFAULT '' NOT NULL,
	"sign_form" text DEFAULT '' NOT NULL,
	"sign_for" text DEFAULT '' NOT NULL,
	"signer_title" text DEFAULT '' NOT NULL,
	"signer_name" text DEFAULT '' NOT NULL,
	"retired_at" timestamp (3) with time zone,
	CONSTRAINT "bodies_sign_form_check" CHECK ("bodies"."sign_form" in ('', 'T/M', 'K/T', 'T/L'))
);
--> statement-breakpoint
CREATE TABLE "body_kinds" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"requirable" boolean DEFAULT true NOT NULL,
	"colour" text DEFAULT '#5b6474' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "body_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "body_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_kind" text NOT NULL,
	"body_kind" text NOT NULL,
	"name_pattern" text NOT NULL,
	"symbol" text NOT NULL,
	"parent_line_pattern" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_requirements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_requirements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"unit_kind" text NOT NULL,
	"body_kind" text NOT NULL,
	"co_body_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"title" text NOT NULL,
	"due_date" text,
	"duration" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_retired_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_retired_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"public_key" text NOT NULL,
	"retired_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"resolution" text NOT NULL,
	"start_date" text NOT NULL,
	"deadline" text NOT NULL,
	"term" text DEFAULT '' NOT NULL,
	"signing_public_key" text,
	"signing_private_key" text,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_dates_check" CHECK ("campaigns"."deadline" >= "campaigns"."start_date")
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_ins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"invitation_id" integer NOT NULL,
	"conference_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"scanned_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"scanner_user_id" integer,
	"device_id" text DEFAULT '' NOT NULL,
	"method" text NOT NULL,
	"is_late" boolean DEFAULT false NOT NULL,
	"was_offline" boolean DEFAULT false NOT NULL,
	"nonce" text,
	CONSTRAINT "check_ins_method_check" CHECK ("check_ins"."method" in ('camera', 'hardware', 'manual', 'walk_in'))
);
--> statement-breakpoint
CREATE TABLE "conference_co_bodies" (
	"conference_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	CONSTRAINT "conference_co_bodies_conference_id_body_id_pk" PRIMARY KEY("conference_id","body_id")
);
--> statement-breakpoint
CREATE TABLE "conferences" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conferences_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"requirement_id" integer,
	"former_unit_id" integer,
	"title" text NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	"chair" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"grace_minutes" integer DEFAULT 15 NOT NULL,
	"sign_form" text,
	"sign_for" text,
	"signer_title" text,
	"signer_name" text,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone,
	CONSTRAINT "conferences_time_check" CHECK ("conferences"."ends_at" > "conferences"."starts_at"),
	CONSTRAINT "conferences_status_check" CHECK ("conferences"."status" in ('draft', 'scheduled', 'in_progress', 'held', 'cancelled')),
	CONSTRAINT "conferences_grace_check" CHECK ("conferences"."grace_minutes" between 0 and 240),
	CONSTRAINT "conferences_sign_form_check" CHECK ("conferences"."sign_form" is null or "conferences"."sign_form" in ('', 'T/M', 'K/T', 'T/L')),
	CONSTRAINT "conferences_cancel_check" CHECK ("conferences"."status" <> 'cancelled' or "conferences"."cancel_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"kind" text DEFAULT 'people' NOT NULL,
	"unit_id" integer NOT NULL,
	"filename" text NOT NULL,
	"headers" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batches_kind_check" CHECK ("import_batches"."kind" in ('people', 'units', 'users'))
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"conference_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"kind" text DEFAULT 'invited' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"letter_number" text,
	"token_version" integer DEFAULT 1 NOT NULL,
	"token" text,
	"substitute_name" text,
	"substitute_position" text,
	"attendee_party_member" boolean DEFAULT true NOT NULL,
	"attendee_category" text DEFAULT '' NOT NULL,
	"issued_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"revoke_reason" text,
	"revoked_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_status_check" CHECK ("invitations"."status" in ('draft', 'issued', 'revoked')),
	CONSTRAINT "invitations_kind_check" CHECK ("invitations"."kind" in ('invited', 'walk_in'))
);
--> statement-breakpoint
CREATE TABLE "letter_sequences" (
	"body_id" integer NOT NULL,
	"term" text NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "letter_sequences_body_id_term_pk" PRIMARY KEY("body_id","term")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"address" text,
	"attempted_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"full_name" text NOT NULL,
	"search_name" text NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"workplace" text DEFAULT '' NOT NULL,
	"unit_id" integer NOT NULL,
	"is_party_member" boolean DEFAULT true NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"phone" text,
	"email" text,
	"external_code" text,
	"merged_into_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_merges" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kept_person_id" integer NOT NULL,
	"merged_person_id" integer NOT NULL,
	"moved_invitation_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revoked_invitation_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"merged_by" integer,
	"merged_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"undone_by" integer,
	"undone_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "reflection_essays" (
	"invitation_id" integer PRIMARY KEY NOT NULL,
	"conference_id" integer NOT NULL,
	"submitted_on" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reflection_essays_date_check" CHECK ("reflection_essays"."submitted_on" ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "scan_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scan_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"nonce" text NOT NULL,
	"token" text NOT NULL,
	"invitation_id" integer,
	"conference_id" integer,
	"site_id" integer,
	"verdict" text NOT NULL,
	"method" text NOT NULL,
	"device_id" text DEFAULT '' NOT NULL,
	"user_id" integer,
	"scanned_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"was_offline" boolean DEFAULT false NOT NULL,
	"first_device_id" text,
	"first_scanned_at" timestamp (3) with time zone,
	CONSTRAINT "scan_log_verdict_check" CHECK ("scan_log"."verdict" in ('ok', 'duplicate', 'wrong_conference', 'wrong_site', 'revoked', 'unknown', 'bad_signature', 'not_open'))
);
--> statement-breakpoint
CREATE TABLE "site_staff" (
	"site_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "site_staff_site_id_user_id_pk" PRIMARY KEY("site_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"conference_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"is_main" boolean DEFAULT false NOT NULL,
	"venue" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"capacity" integer,
	CONSTRAINT "sites_capacity_check" CHECK ("sites"."capacity" is null or "sites"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "unit_feeds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_feeds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"token" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "unit_kinds" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"place_name" text NOT NULL,
	"parent_id" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp (3) with time zone,
	"merged_into_id" integer
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"full_name" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" integer NOT NULL,
	"body_id" integer,
	"disabled" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"current_campaign_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'organizer', 'scanner', 'viewer')),
	CONSTRAINT "users_organizer_body_check" CHECK ("users"."role" <> 'organizer' or "users"."body_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_kind_body_kinds_key_fk" FOREIGN KEY ("kind") REFERENCES "public"."body_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_templates" ADD CONSTRAINT "body_templates_unit_kind_unit_kinds_key_fk" FOREIGN KEY ("unit_kind") REFERENCES "public"."unit_kinds"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_templates" ADD CONSTRAINT "body_templates_body_kind_body_kinds_key_fk" FOREIGN KEY ("body_kind") REFERENCES "public"."body_kinds"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_requirements" ADD CONSTRAINT "campaign_requirements_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_requirements" ADD CONSTRAINT "campaign_requirements_unit_kind_unit_kinds_key_fk" FOREIGN KEY ("unit_kind") REFERENCES "public"."unit_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_requirements" ADD CONSTRAINT "campaign_requirements_body_kind_body_kinds_key_fk" FOREIGN KEY ("body_kind") REFERENCES "public"."body_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_retired_keys" ADD CONSTRAINT "campaign_retired_keys_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_scanner_user_id_users_id_fk" FOREIGN KEY ("scanner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_co_bodies" ADD CONSTRAINT "conference_co_bodies_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_co_bodies" ADD CONSTRAINT "conference_co_bodies_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_requirement_id_campaign_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."campaign_requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_former_unit_id_units_id_fk" FOREIGN KEY ("former_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_sequences" ADD CONSTRAINT "letter_sequences_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_merged_into_id_people_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_kept_person_id_people_id_fk" FOREIGN KEY ("kept_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_merged_person_id_people_id_fk" FOREIGN KEY ("merged_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_essays" ADD CONSTRAINT "reflection_essays_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_essays" ADD CONSTRAINT "reflection_essays_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_essays" ADD CONSTRAINT "reflection_essays_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_log" ADD CONSTRAINT "scan_log_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_log" ADD CONSTRAINT "scan_log_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_log" ADD CONSTRAINT "scan_log_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_log" ADD CONSTRAINT "scan_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_staff" ADD CONSTRAINT "site_staff_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_staff" ADD CONSTRAINT "site_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_feeds" ADD CONSTRAINT "unit_feeds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_feeds" ADD CONSTRAINT "unit_feeds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_kind_unit_kinds_key_fk" FOREIGN KEY ("kind") REFERENCES "public"."unit_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_merged_into_id_units_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_current_campaign_id_campaigns_id_fk" FOREIGN KEY ("current_campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "absences_invitation_unique" ON "absences" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "bodies_unit_name_unique" ON "bodies" USING btree ("unit_id","name");--> statement-breakpoint
CREATE INDEX "bodies_unit_kind_idx" ON "bodies" USING btree ("unit_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "body_templates_unique" ON "body_templates" USING btree ("unit_kind","name_pattern");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_requirements_unique" ON "campaign_requirements" USING btree ("campaign_id","unit_kind","body_kind","title");--> statement-breakpoint
CREATE INDEX "campaign_requirements_kind_idx" ON "campaign_requirements" USING btree ("campaign_id","unit_kind");--> statement-breakpoint
CREATE INDEX "campaign_retired_keys_campaign_idx" ON "campaign_retired_keys" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_invitation_unique" ON "check_ins" USING btree ("invitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_nonce_unique" ON "check_ins" USING btree ("nonce");--> statement-breakpoint
CREATE INDEX "check_ins_conference_site_idx" ON "check_ins" USING btree ("conference_id","site_id","scanned_at");--> statement-breakpoint
CREATE INDEX "check_ins_report_idx" ON "check_ins" USING btree ("invitation_id","is_late");--> statement-breakpoint
CREATE INDEX "conferences_campaign_unit_idx" ON "conferences" USING btree ("campaign_id","unit_id");--> statement-breakpoint
CREATE INDEX "conferences_body_idx" ON "conferences" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "conferences_starts_idx" ON "conferences" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "conferences_requirement_idx" ON "conferences" USING btree ("requirement_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conferences_requirement_unit_unique" ON "conferences" USING btree ("requirement_id",coalesce("former_unit_id", "unit_id")) WHERE "conferences"."requirement_id" is not null and "conferences"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "import_batches_user_idx" ON "import_batches" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_conference_person_unique" ON "invitations" USING btree ("conference_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_unique" ON "invitations" USING btree ("token");--> statement-breakpoint
CREATE INDEX "invitations_site_idx" ON "invitations" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "invitations_person_idx" ON "invitations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "invitations_report_idx" ON "invitations" USING btree ("conference_id","kind","status","attendee_party_member","attendee_category","substitute_name");--> statement-breakpoint
CREATE INDEX "login_attempts_username_idx" ON "login_attempts" USING btree ("username","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_address_idx" ON "login_attempts" USING btree ("address","attempted_at");--> statement-breakpoint
CREATE INDEX "people_unit_idx" ON "people" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "people_search_idx" ON "people" USING btree ("search_name");--> statement-breakpoint
CREATE INDEX "people_phone_idx" ON "people" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "people_external_code_unique" ON "people" USING btree ("external_code");--> statement-breakpoint
CREATE INDEX "person_merges_kept_idx" ON "person_merges" USING btree ("kept_person_id");--> statement-breakpoint
CREATE INDEX "person_merges_merged_idx" ON "person_merges" USING btree ("merged_person_id");--> statement-breakpoint
CREATE INDEX "reflection_essays_conference_idx" ON "reflection_essays" USING btree ("conference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_log_nonce_unique" ON "scan_log" USING btree ("nonce");--> statement-breakpoint
CREATE INDEX "scan_log_conference_idx" ON "scan_log" USING btree ("conference_id","received_at");--> statement-breakpoint
CREATE INDEX "scan_log_invitation_idx" ON "scan_log" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "site_staff_user_idx" ON "site_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sites_conference_idx" ON "sites" USING btree ("conference_id");--> statement-breakpoint
CREATE INDEX "sites_venue_idx" ON "sites" USING btree ("venue");--> statement-breakpoint
CREATE UNIQUE INDEX "sites_one_main_unique" ON "sites" USING btree ("conference_id") WHERE "sites"."is_main";--> statement-breakpoint
CREATE UNIQUE INDEX "unit_feeds_token_unique" ON "unit_feeds" USING btree ("token");--> statement-breakpoint
CREATE INDEX "unit_feeds_unit_idx" ON "unit_feeds" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_unique" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_unique" ON "users" USING btree ("username");