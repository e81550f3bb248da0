import type { AreaManifest } from '../../platform/area.js';
import { attestationRoutes } from './attestations.routes.js';

/**
 * Attestations' public face (C4, D2; issue 22): the subject kinds other areas register
 * (`attestationSubjects`), the capture every attestation shares (requests use it for theirs), and
 * the functions the portal and the kinds call (a code verified; the data changed).
 */
export {
  type AttestationSubject,
  type AttestedSubject,
  attestationSubjects,
} from './attestation-subjects.js';
export { type AttestationMethod, type CaptureInput, captureAttestation } from './attestations.capture.js';
export {
  ATTESTATION_WITNESSES,
  attestSubjectByCode,
  familySubjectAttestation,
  isSubjectAttested,
  voidChangedAttestation,
} from './attestations.service.js';

export const attestationsArea: AreaManifest = {
  name: 'attestations',
  routes: (app, ctx) => attestationRoutes(app, ctx),
  auditKinds: ['attestation.form', 'attestation.record', 'attestation.view', 'attestation.void'],
};
