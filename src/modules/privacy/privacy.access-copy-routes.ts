import { idParams } from '../../contracts/common.js';
import { accessCopyAnswer, accessCopyBody, accessCopyFileParams } from '../../contracts/privacy-access-copy.js';
import type { AppContext } from '../../platform/context.js';
import { sendStoredFile } from '../../platform/files/file-store.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { askForCopy, copyStatus, downloadCopy } from './privacy.access-copy.js';
import { READERS } from './privacy.policy.js';

/** The access copy's API (issue 25 §3, F2): ask for it (202: the job produces it), its state, its two files. */
const POLICY = staffOnly([...READERS], 'families');
const TAGS = ['privacy'];
const BASE = '/api/v1/privacy/requests/:id/access-copy';

export function accessCopyRoutes(app: App, ctx: AppContext): void {
  app.post(BASE, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: accessCopyBody, response: { 202: accessCopyAnswer } },
    handler: async (request, reply) => reply.code(202).send(await askForCopy(ctx, staffOf(request), request.params.id, request.body)),
  });
  app.get(BASE, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, response: { 200: accessCopyAnswer } },
    handler: (request) => copyStatus(ctx, staffOf(request), request.params.id),
  });
  app.get(`${BASE}/:format`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: accessCopyFileParams },
    handler: async (request, reply) =>
      sendStoredFile(reply, await downloadCopy(ctx, staffOf(request), request.params.id, request.params.format)),
  });
}
