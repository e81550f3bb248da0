import type { AssociationSettings, SecuritySettings } from '../../contracts/settings.js';

/** Harif's values (seed letterhead) as the defaults; every one is editable in the settings screen. */
export const DEFAULT_ASSOCIATION: AssociationSettings = {
  nameAr: 'جمعية حارف للأسر المنتجة بالمنطقة الشرقية',
  nameEn: 'Harif for Productive Families in the Eastern Province',
  shortNameAr: 'جمعية حارف',
  shortNameEn: 'Harif',
  phone: '013 882 0058',
  fax: '013 882 0258',
  email: 'info@harif.org.sa',
  website: 'www.harif.org.sa',
  registrationNumber: '1306',
  regulatorAr: 'وزارة الموارد البشرية والتنمية الاجتماعية',
  regulatorEn: 'Ministry of Human Resources and Social Development',
  addressAr: 'المنطقة الشرقية، المملكة العربية السعودية',
  addressEn: 'Eastern Province, Saudi Arabia',
  primaryColor: 'teal',
  digits: 'latn',
};

export const DEFAULT_SECURITY: SecuritySettings = {
  mfaRequiredRoles: [],
};
