import type { AreaManifest } from '../../platform/area.js';
import { sessionAbilityProviders } from '../../platform/http/session-abilities.js';
import { CONSENT_PERSONAL_DATA } from './families.consent.js';
import { consentRoutes } from './families.consent-routes.js';
import { FAMILY_READERS, familySessionAbilities } from './families.policy.js';
import { familyRoutes } from './families.routes.js';
import { FAMILIES_PERSONAL_DATA } from './families.sealing.js';

/**
 * The beneficiary registry's public face: a family's contact on its agreed channel (C5), the
 * attested view of its core data (C4), scope-checked lookups, and the event other areas follow
 * when a family changes.
 */
export { attestedFamily, familyHeadedBy, visibleFamily } from './families.attested.js';
export {
  type AudienceNarrower,
  audienceNarrowers,
  audiencePage,
  countAudience,
  type FamilyAudience,
  type FamilyAudienceQuery,
  PAPER_CHANNELS,
} from './families.audience.js';
export { type ConsentState, consentAllows, consentDecision, consentStates } from './families.consent.js';
export { consentWithdrawalPath, consentWithdrawalPathOf } from './families.consent-link.js';
export { familyOwnConsents, withdrawOwnConsent } from './families.consent-service.js';
export {
  type FamilyContact,
  familyContact,
  familyContacts,
  familyIdByNationalId,
  familyIdByReference,
  familySummaries,
} from './families.contact.js';
export { assertFamilyNotErased, type FamilyErasureLookup, familyErasureLookup, isFamilyErased } from './families.erased.js';
export { familyChanged, familyRegistered } from './families.events.js';
export { familyIdentities } from './families.identities.js';
export { familyInScope } from './families.scope.js';

export const familiesArea: AreaManifest = {
  name: 'families',
  routes: (app, ctx, options) => {
    familyRoutes(app, ctx);
    consentRoutes(app, ctx, options.webDir);
  },
  wire(ctx) {
    // Issue 19 §2: register, export and import, offered from the session.
    ctx.hooks.provide(sessionAbilityProviders, 'families', familySessionAbilities);
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: {
      ar: 'تسجيل الأسر المستفيدة وأفرادها والتواصل معها وتقديم الخدمات لها',
      en: 'Registering beneficiary families and their members, contacting and serving them',
    },
    readers: FAMILY_READERS,
    retention: ['families'],
  },
  personalData: [...FAMILIES_PERSONAL_DATA, ...CONSENT_PERSONAL_DATA],
  auditKinds: [
    'family.access-log',
    'family.consent-given',
    'family.consent-withdrawn',
    'family.count',
    'family.create',
    'family.duplicate-refused',
    'family.email-verify',
    'family.export',
    'family.import-finish',
    'family.import-start',
    'family.list',
    'family.lookup',
    'family.update',
    'family.view',
  ],
};
