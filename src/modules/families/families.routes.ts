import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  accessLogEntry,
  createFamilyBody,
  family,
  familyCount,
  familyCountQuery,
  familyExportBody,
  familyList,
  familyListQuery,
  familyLookupBody,
  importPreview,
  importStatus,
  startImportBody,
  updateFamilyBody,
} from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import { readUpload } from '../../platform/files/uploads.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { MAX_IMPORT_BYTES } from '../../platform/spreadsheet.js';
import { verifyFamilyEmail } from './families.email.js';
import { exportFamilies } from './families.export.js';
import { getImport, startImport, uploadImport } from './families.import.js';
import { ACCESS_LOG_READERS, FAMILY_EXPORTERS, FAMILY_IMPORTERS, FAMILY_READERS, FAMILY_REGISTRARS } from './families.policy.js';
import { countFamilies, familyAccessLog, getFamily, listFamilies, lookupFamilies } from './families.reads.js';
import { registerFamily } from './families.register.js';
import { updateFamily } from './families.update.js';

const READ = staffOnly(FAMILY_READERS, 'families');
const WRITE = staffOnly(FAMILY_REGISTRARS, 'families');

export function familyRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/families', {
    config: { policy: READ },
    schema: { tags: ['families'], querystring: familyListQuery, response: { 200: familyList } },
    handler: (request) => listFamilies(ctx, staffOf(request), request.query),
  });

  app.get('/api/v1/families/count', {
    config: { policy: READ },
    schema: { tags: ['families'], querystring: familyCountQuery, response: { 200: familyCount } },
    handler: (request) => countFamilies(ctx, staffOf(request), request.query),
  });

  // ID numbers and mobiles are searched in the body, never in a URL (issue 3 §3).
  app.post('/api/v1/families/lookup', {
    config: { policy: READ },
    schema: { tags: ['families'], body: familyLookupBody, response: { 200: familyList } },
    handler: (request) => lookupFamilies(ctx, staffOf(request), request.body),
  });

  app.post('/api/v1/families', {
    config: { policy: WRITE },
    schema: { tags: ['families'], body: createFamilyBody, response: { 201: family } },
    handler: async (request, reply) => reply.code(201).send(await registerFamily(ctx, staffOf(request), request.body)),
  });

  app.get('/api/v1/families/:id', {
    config: { policy: READ },
    schema: { tags: ['families'], params: idParams, response: { 200: family } },
    handler: (request) => getFamily(ctx, staffOf(request), request.params.id),
  });

  app.patch('/api/v1/families/:id', {
    config: { policy: WRITE },
    schema: { tags: ['families'], params: idParams, body: updateFamilyBody, response: { 200: family } },
    handler: (request) => updateFamily(ctx, staffOf(request), request.params.id, request.body),
  });

  // Issue 20 §7: staff confirm the e-mail address is the family's (portal codes may then go to it).
  app.post('/api/v1/families/:id/email-verification', {
    config: { policy: WRITE },
    schema: { tags: ['families'], params: idParams, body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: family } },
    handler: (request) => verifyFamilyEmail(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/families/export', {
    config: { policy: staffOnly(FAMILY_EXPORTERS, 'families') },
    schema: { tags: ['families'], body: familyExportBody },
    handler: async (request, reply) => {
      const file = await exportFamilies(ctx, staffOf(request), request.body);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  });

  app.post('/api/v1/families/imports', {
    config: { policy: staffOnly(FAMILY_IMPORTERS, 'families') },
    schema: { tags: ['families'], consumes: ['multipart/form-data'], response: { 201: importPreview } },
    handler: async (request, reply) => {
      const { fileName, bytes } = await readUpload(request, { maxBytes: MAX_IMPORT_BYTES, noFileCode: 'import.no-file' });
      return reply.code(201).send(await uploadImport(ctx, staffOf(request), { fileName, bytes }));
    },
  });

  app.post('/api/v1/families/imports/:id/start', {
    config: { policy: staffOnly(FAMILY_IMPORTERS, 'families') },
    schema: { tags: ['families'], params: idParams, body: startImportBody, response: { 202: importStatus } },
    handler: async (request, reply) => reply.code(202).send(await startImport(ctx, staffOf(request), request.params.id, request.body)),
  });

  app.get('/api/v1/families/imports/:id', {
    config: { policy: staffOnly(FAMILY_IMPORTERS, 'families') },
    schema: { tags: ['families'], params: idParams, response: { 200: importStatus } },
    handler: (request) => getImport(ctx, staffOf(request), request.params.id),
  });

  app.get('/api/v1/families/:id/access-log', {
    config: { policy: staffOnly(ACCESS_LOG_READERS, 'families') },
    schema: { tags: ['families'], params: idParams, response: { 200: z.array(accessLogEntry) } },
    handler: (request) => familyAccessLog(ctx, staffOf(request), request.params.id),
  });
}
