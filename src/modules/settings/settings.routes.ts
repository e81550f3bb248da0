import { z } from 'zod';
import {
  allSettings,
  associationSettings,
  createTaxonomyBody,
  securitySettings,
  taxonomyItem,
  taxonomyItemParams,
  taxonomyParams,
  updateTaxonomyBody,
} from '../../contracts/settings.js';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC, staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { listTaxonomy } from './settings.repo.js';
import * as settings from './settings.service.js';

const ADMIN = staffOnly(['administrator']);

export function settingsRoutes(app: App, ctx: AppContext): void {
  // The association's public details: the public home, the shell's header, printed forms.
  app.get('/api/v1/public/association', {
    config: { policy: PUBLIC },
    schema: { tags: ['public'], response: { 200: associationSettings } },
    handler: () => settings.getAssociation(ctx),
  });

  // Lists every staff member needs to read (scope pickers, labels).
  app.get('/api/v1/settings/taxonomies', {
    config: { policy: staffOnly('any-role') },
    schema: {
      tags: ['settings'],
      response: { 200: z.object({ categories: z.array(taxonomyItem), domains: z.array(taxonomyItem), offices: z.array(taxonomyItem) }) },
    },
    handler: async () => ({
      categories: await listTaxonomy(ctx.db, 'categories'),
      domains: await listTaxonomy(ctx.db, 'domains'),
      offices: await listTaxonomy(ctx.db, 'offices'),
    }),
  });

  app.get('/api/v1/settings', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], response: { 200: allSettings } },
    handler: () => settings.getAllSettings(ctx),
  });

  app.put('/api/v1/settings/association', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: associationSettings, response: { 200: associationSettings } },
    handler: (request) => settings.updateAssociation(ctx, { id: staffOf(request).userId }, request.body),
  });

  app.put('/api/v1/settings/security', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: securitySettings, response: { 200: securitySettings } },
    handler: (request) => settings.updateSecurity(ctx, { id: staffOf(request).userId }, request.body),
  });

  app.post('/api/v1/settings/:kind', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], params: taxonomyParams, body: createTaxonomyBody, response: { 201: taxonomyItem } },
    handler: async (request, reply) => {
      const item = await settings.createTaxonomy(ctx, { id: staffOf(request).userId }, request.params.kind, request.body);
      return reply.code(201).send(item);
    },
  });

  app.patch('/api/v1/settings/:kind/:code', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], params: taxonomyItemParams, body: updateTaxonomyBody, response: { 200: taxonomyItem } },
    handler: (request) =>
      settings.updateTaxonomy(ctx, { id: staffOf(request).userId }, request.params.kind, request.params.code, request.body),
  });
}
