CREATE TABLE "certificate_documents" (
	"certificate_id" uuid PRIMARY KEY NOT NULL,
	"verify_url" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"rendered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificate_documents" ADD CONSTRAINT "certificate_documents_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE cascade ON UPDATE no action;