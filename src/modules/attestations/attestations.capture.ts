import type { Kysely } from 'kysely';
import { formCodeMatches } from '../../domain/attestation-form-code.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { type StoredFile, storeFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';

/** How a family attests (C4): a signature drawn on the screen before a staff witness, the signed paper form's scan, or a code on its phone. */
export type AttestationMethod = 'signature-pad' | 'paper' | 'one-time-code';

export interface CaptureInput {
  method: AttestationMethod;
  /** The hash the family was shown: 409 `<codes>.data-changed` when the data changed since. */
  expectedSha256?: string;
  /** The paper form's code as typed (normalised hex, a prefix of the hash the form printed). */
  printedCode?: string;
  evidence?: { fileName: string; bytes: Buffer };
  witnessId: string | null;
}

/**
 * The capture every attestation shares, whatever its subject (C4; issue 22): the data shown is the
 * data now (`dataSha256`), a scanned form was printed from that data, the evidence is stored
 * encrypted, and a signature is a PNG. Service requests and every registered kind call it in the
 * transaction that records the attestation, so a refusal stores nothing.
 */
export async function captureAttestation(
  trx: Kysely<Database>,
  ctx: AppContext,
  {
    dataSha256,
    owner,
    dataChangedCode,
    maxBytes,
  }: { dataSha256: string; owner: { type: string; id: string }; dataChangedCode: string; maxBytes: number },
  input: CaptureInput,
): Promise<StoredFile | null> {
  if (input.expectedSha256 !== undefined && input.expectedSha256 !== dataSha256)
    throw new AppError(409, dataChangedCode, 'The data changed since it was shown; show it again before attesting', [], {}, { dataSha256 });
  // C4: a scan of a form printed before the data changed attests data the family never saw.
  if (input.printedCode !== undefined && !formCodeMatches(input.printedCode, dataSha256))
    throw AppError.conflict('attestation.stale-form', 'This form was printed before the data changed; print it again and have it signed');
  const evidence = input.evidence
    ? await storeFile(trx, ctx.keys, {
        ownerType: owner.type,
        ownerId: owner.id,
        fileName: input.evidence.fileName,
        bytes: input.evidence.bytes,
        createdBy: input.witnessId,
        now: ctx.clock.now(),
        maxBytes,
      })
    : null;
  if (input.method === 'signature-pad' && evidence?.mediaType !== 'image/png')
    throw new AppError(415, 'attestation.signature-format', 'A signature is a PNG image');
  return evidence;
}
