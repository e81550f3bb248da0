import type { AreaManifest } from '../../platform/area.js';
import { documentPageRoutes } from './documents.pages.js';

/** Issue 26 §4: the published versions staff and contract parties acknowledge (the acknowledgements area reads them here). */
export {
  type AcknowledgeableDocument,
  type AcknowledgeableVersion,
  acknowledgeableStamps,
  documentOfVersion,
  documentsOfVersions,
} from './documents.acknowledgement-reads.js';

import { DOCUMENT_EDITORS, documentRoutes } from './documents.routes.js';

/**
 * The association's document library (issue 26 §1; B1–B5, F4): documents of a kind, versioned,
 * drafted, published and withdrawn by documents editors and administrators, and read by anyone at
 * `/documents` (published public versions only). Approvers are named in
 * the clear (a body or an officer of the association).
 */
export const documentsArea: AreaManifest = {
  name: 'documents',
  routes: (app, ctx, options) => {
    documentRoutes(app, ctx);
    documentPageRoutes(app, ctx, options);
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: { ar: 'نشر وثائق الجمعية وتوثيق اعتمادها', en: 'Publishing the association’s documents and recording their approval' },
    readers: DOCUMENT_EDITORS,
    retention: [],
  },
  personalData: [
    {
      table: 'document_versions',
      key: ['id'],
      subject: 'staff',
      columns: [
        {
          column: 'approved_by',
          kind: 'plain',
          holds: 'who approved a document version (a body or an officer)',
          label: { ar: 'اعتمدها', en: 'Approved by' },
        },
      ],
    },
  ],
  auditKinds: ['document.*'],
};
