/**
 * The signature block of a Party document (Hướng dẫn 36-HD/VPTW): the authority form and on whose
 * behalf ("T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"), the signer's title ("PHÓ BÍ THƯ"), space for the
 * signature and seal, then the signer's full name. A conference's own fields win, one by one; an
 * empty one falls back to its organising body's default. Pure.
 */
import type { SIGN_FORMS } from "@/lib/enums";
import { upper } from "./document-heading";

export type SignForm = (typeof SIGN_FORMS)[number];

export interface SignerFields {
  signForm: SignForm;
  signFor: string;
  signerTitle: string;
  signerName: string;
}

/** A conference's fields: null means "as the body". */
export type SignerOverrides = { [K in keyof SignerFields]: SignerFields[K] | null };

export interface SignatureBlock {
  /** "T/M BAN THƯỜNG VỤ", or null when the head signs in their own name. */
  authority: string | null;
  title: string;
  name: string;
  /** What the organiser still has to fill in before the letters can be signed. */
  missing: ("title" | "name")[];
}

export function effectiveSigner(conference: SignerOverrides | null, body: SignerFields): SignerFields {
  return {
    signForm: conference?.signForm ?? body.signForm,
    signFor: conference?.signFor ?? body.signFor,
    signerTitle: conference?.signerTitle ?? body.signerTitle,
    signerName: conference?.signerName ?? body.signerName,
  };
}

export function signatureBlock(signer: SignerFields): SignatureBlock {
  const title = upper(signer.signerTitle);
  const name = signer.signerName.normalize("NFC").replace(/\s+/g, " ").trim();
  const forWhom = upper(signer.signFor);
  return {
    authority: signer.signForm ? [signer.signForm, forWhom].filter(Boolean).join(" ") : null,
    title,
    name,
    missing: [...(title ? [] : (["title"] as const)), ...(name ? [] : (["name"] as const))],
  };
}
