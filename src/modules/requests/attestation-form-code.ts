/** The printed form's code (C4) lives in domain/attestation-form-code.ts since every subject kind prints one (issue 22). */
export { FORM_CODE_LENGTH, formCode, formCodeMatches, normaliseFormCode } from '../../domain/attestation-form-code.js';
