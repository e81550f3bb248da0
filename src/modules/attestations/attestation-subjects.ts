import type { Kysely } from 'kysely';
import type { AttestedLine } from '../../domain/attestation.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';
import { AppError } from '../../platform/http/app-error.js';

type Db = Kysely<Database>;

/**
 * A subject's data as its family attests it now (C4, D2; issue 22): the canonical JSON whose SHA-256
 * the attestation binds (`canonicalSubjectData` in domain/attestation.ts), and the lines a form or
 * the portal shows. Names families by id only; the lines are read, never logged.
 */
export interface AttestedSubject {
  familyId: string;
  reference: string;
  /** What is attested, in Arabic and English ("اتفاقية دعم", "Support agreement"). */
  titleAr: string;
  titleEn: string;
  canonical: string;
  /** False when the subject may not be attested now (decided, closed…): 409 `attestation.not-attestable`. */
  isAttestable: boolean;
  lines: readonly AttestedLine[];
}

/**
 * A kind of subject families attest (issue 22): the area that owns it registers it in its `wire`
 * (app.ts), as committee subjects are registered; attestations import nothing from that area.
 * Service requests keep their own attestation table and routes (requests.attestation.ts) and share
 * this area's capture (hash, printed-form code, evidence); compensation agreements will register here.
 */
export interface AttestationSubject {
  /** The data now, read in `db` (the caller's transaction when recording); null when there is no such subject. */
  attestedData(db: Db, ctx: AppContext, id: string): Promise<AttestedSubject | null>;
}

export const attestationSubjects = defineProvider<AttestationSubject>('attestation.subject');

/** The kind a caller named: 404 `attestation.not-found` when none is registered (nothing to attest there). */
export function attestationSubjectOf(ctx: AppContext, kind: string): AttestationSubject {
  try {
    return ctx.hooks.provider(attestationSubjects, kind);
  } catch {
    throw AppError.notFound('attestation.not-found', 'Nothing to attest here');
  }
}
