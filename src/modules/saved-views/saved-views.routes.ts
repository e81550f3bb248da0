import { idParams } from '../../contracts/common.js';
import { createSavedViewBody, savedView, savedViewList, savedViewQuery } from '../../contracts/saved-views.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { createSavedView, deleteSavedView, listSavedViews } from './saved-views.service.js';

// Any staff member keeps views of the worklists they can open; the lists themselves check scope.
const ANY_STAFF = staffOnly('any-role');

/** Saved worklist views (issue 19 §4). */
export function savedViewRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/saved-views', {
    config: { policy: ANY_STAFF },
    schema: { tags: ['saved-views'], querystring: savedViewQuery, response: { 200: savedViewList } },
    handler: (request) => listSavedViews(ctx, staffOf(request), request.query.worklist),
  });

  app.post('/api/v1/saved-views', {
    config: { policy: ANY_STAFF },
    schema: { tags: ['saved-views'], body: createSavedViewBody, response: { 201: savedView } },
    handler: async (request, reply) => reply.code(201).send(await createSavedView(ctx, staffOf(request), request.body)),
  });

  app.delete('/api/v1/saved-views/:id', {
    config: { policy: ANY_STAFF },
    schema: { tags: ['saved-views'], params: idParams },
    handler: async (request, reply) => {
      await deleteSavedView(ctx, staffOf(request), request.params.id);
      return reply.code(204).send();
    },
  });
}
