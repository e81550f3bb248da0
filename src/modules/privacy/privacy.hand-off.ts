import { defineProvider } from '../../platform/hooks.js';

/**
 * F2 (issue 25 §5): erasure, legal holds and the erasure ledger belong to the erasure area. A
 * privacy request of kind `erasure` records the decision here; where that area takes the execution
 * over, it provides this (in its manifest's `wire`) and the request's page links there. Until it
 * does, the page says the decision is recorded and the execution waits for that area.
 */
export interface ErasureHandOff {
  /** The staff app's path where the family's erasure is run (holds shown, ledger written). */
  pathFor(input: { requestId: string; familyId: string | null }): string;
}

export const erasureHandOff = defineProvider<ErasureHandOff>('privacy.erasure-hand-off');
