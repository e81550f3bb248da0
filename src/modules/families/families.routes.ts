import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  accessLogEntry,
  createFamilyBody,
  family,
  familyCountQuery,
  familyList,
  familyListQuery,
  familyLookupBody,
  updateFamilyBody,
} from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { ACCESS_LOG_READERS, FAMILY_READERS, FAMILY_REGISTRARS } from './families.policy.js';
import * as families from './families.service.js';

const READ = staffOnly(FAMILY_READERS, 'families');
const WRITE = staffOnly(FAMILY_REGISTRARS, 'families');

export function familyRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/families', {
    config: { policy: READ },
    schema: { tags: ['families'], querystring: familyListQuery, response: { 200: familyList } },
    handler: (request) => families.listFamilies(ctx, staffOf(request), request.query),
  });

  app.get('/api/v1/families/count', {
    config: { policy: READ },
    schema: { tags: ['families'], querystring: familyCountQuery, response: { 200: z.object({ count: z.number() }) } },
    handler: (request) => families.countFamilies(ctx, staffOf(request), request.query),
  });

  // ID numbers and mobiles are searched in the body, never in a URL (issue 3 §3).
  app.post('/api/v1/families/lookup', {
    config: { policy: READ },
    schema: { tags: ['families'], body: familyLookupBody, response: { 200: familyList } },
    handler: (request) => families.lookupFamilies(ctx, staffOf(request), request.body),
  });

  app.post('/api/v1/families', {
    config: { policy: WRITE },
    schema: { tags: ['families'], body: createFamilyBody, response: { 201: family } },
    handler: async (request, reply) => reply.code(201).send(await families.registerFamily(ctx, staffOf(request), request.body)),
  });

  app.get('/api/v1/families/:id', {
    config: { policy: READ },
    schema: { tags: ['families'], params: idParams, response: { 200: family } },
    handler: (request) => families.getFamily(ctx, staffOf(request), request.params.id),
  });

  app.patch('/api/v1/families/:id', {
    config: { policy: WRITE },
    schema: { tags: ['families'], params: idParams, body: updateFamilyBody, response: { 200: family } },
    handler: (request) => families.updateFamily(ctx, staffOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/families/:id/access-log', {
    config: { policy: staffOnly(ACCESS_LOG_READERS, 'families') },
    schema: { tags: ['families'], params: idParams, response: { 200: z.array(accessLogEntry) } },
    handler: (request) => families.familyAccessLog(ctx, staffOf(request), request.params.id),
  });
}
