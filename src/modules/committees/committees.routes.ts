import {
  addAgendaBody,
  amendMinutesBody,
  approveMinutesBody,
  awaitingStudyList,
  awaitingStudyQuery,
  castVoteBody,
  committee,
  committeeList,
  createCommitteeBody,
  createMeetingBody,
  excuseMemberBody,
  meeting,
  meetingList,
  meetingSummary,
  minutes,
  requestInformationBody,
  updateCommitteeBody,
  updateMeetingBody,
  updateMinutesBody,
} from '../../contracts/committees.js';
import { idParams } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { COMMITTEE_READERS, COMMITTEE_WORKERS, MEETING_SCHEDULERS } from './committees.policy.js';
import * as committees from './committees.service.js';
import * as meetings from './meetings.service.js';
import { amendMinutes } from './minutes.amendment.js';
import { approveMinutes, excuseMember } from './minutes.approval.js';
import { generateMinutes, updateMinutesNotes } from './minutes.drafting.js';
import { getMinutes } from './minutes.present.js';
import { printMinutes } from './minutes.print.js';

/** Committees, meetings, votes and minutes (issue 5 §7; C5). Membership is checked in the services: non-members get 404. */
const ADMIN = staffOnly(['administrator']);
const READERS = staffOnly(COMMITTEE_READERS);
const SCHEDULERS = staffOnly(MEETING_SCHEDULERS, 'families');
const WORKERS = staffOnly(COMMITTEE_WORKERS, 'families');

export function committeeRoutes(app: App, ctx: AppContext): void {
  // ---- committees (settings) ----
  app.get('/api/v1/committees', {
    config: { policy: READERS },
    schema: { tags: ['committees'], response: { 200: committeeList } },
    handler: (request) => committees.listCommittees(ctx, staffOf(request)),
  });

  app.post('/api/v1/committees', {
    config: { policy: ADMIN },
    schema: { tags: ['committees'], body: createCommitteeBody, response: { 201: committee } },
    handler: async (request, reply) => reply.code(201).send(await committees.createCommittee(ctx, staffOf(request), request.body)),
  });

  app.get('/api/v1/committees/:id', {
    config: { policy: READERS },
    schema: { tags: ['committees'], params: idParams, response: { 200: committee } },
    handler: (request) => committees.getCommittee(ctx, staffOf(request), request.params.id),
  });

  app.patch('/api/v1/committees/:id', {
    config: { policy: ADMIN },
    schema: { tags: ['committees'], params: idParams, body: updateCommitteeBody, response: { 200: committee } },
    handler: (request) => committees.updateCommittee(ctx, staffOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/committees/:id/awaiting-study', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, querystring: awaitingStudyQuery, response: { 200: awaitingStudyList } },
    handler: (request) => committees.awaitingStudy(ctx, staffOf(request), request.params.id, request.query),
  });

  // ---- meetings ----
  app.get('/api/v1/committees/:id/meetings', {
    config: { policy: SCHEDULERS },
    schema: { tags: ['committees'], params: idParams, response: { 200: meetingList } },
    handler: (request) => meetings.listMeetings(ctx, staffOf(request), request.params.id),
  });

  app.post('/api/v1/committees/:id/meetings', {
    config: { policy: SCHEDULERS },
    schema: { tags: ['committees'], params: idParams, body: createMeetingBody, response: { 201: meetingSummary } },
    handler: async (request, reply) =>
      reply.code(201).send(await meetings.createMeeting(ctx, staffOf(request), request.params.id, request.body.day)),
  });

  app.get('/api/v1/meetings/:id', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, response: { 200: meeting } },
    handler: (request) => meetings.getMeeting(ctx, staffOf(request), request.params.id),
  });

  app.patch('/api/v1/meetings/:id', {
    config: { policy: SCHEDULERS },
    schema: { tags: ['committees'], params: idParams, body: updateMeetingBody, response: { 200: meeting } },
    handler: (request) => meetings.updateMeeting(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/meetings/:id/agenda', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: addAgendaBody, response: { 200: meeting } },
    handler: (request) => meetings.addToAgenda(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/meetings/:id/votes', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: castVoteBody, response: { 200: meeting } },
    handler: (request) => meetings.castVote(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/meetings/:id/information-requests', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: requestInformationBody, response: { 200: meeting } },
    handler: (request) => meetings.requestInformationAtMeeting(ctx, staffOf(request), request.params.id, request.body),
  });

  // ---- minutes ----
  app.post('/api/v1/meetings/:id/minutes', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, response: { 200: minutes, 201: minutes } },
    handler: async (request, reply) => {
      const result = await generateMinutes(ctx, staffOf(request), request.params.id);
      return reply.code(result.isNew ? 201 : 200).send(result.minutes);
    },
  });

  app.get('/api/v1/minutes/:id', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, response: { 200: minutes } },
    handler: (request) => getMinutes(ctx, staffOf(request), request.params.id),
  });

  // The printable minutes (A4, letterhead); the staff app opens it in a window and prints it.
  app.get('/api/v1/minutes/:id/print', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, produces: ['text/html'] },
    handler: async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(await printMinutes(ctx, staffOf(request), request.params.id)),
  });

  app.patch('/api/v1/minutes/:id', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: updateMinutesBody, response: { 200: minutes } },
    handler: (request) => updateMinutesNotes(ctx, staffOf(request), request.params.id, request.body.notes),
  });

  app.post('/api/v1/minutes/:id/approvals', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: approveMinutesBody, response: { 200: minutes } },
    handler: (request) => approveMinutes(ctx, staffOf(request), request.params.id, request.body.sha256),
  });

  // C5: a member present who can no longer approve (deactivated, left the committee), recorded by the chair.
  app.post('/api/v1/minutes/:id/excusals', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: excuseMemberBody, response: { 200: minutes } },
    handler: (request) => excuseMember(ctx, staffOf(request), request.params.id, request.body.memberId),
  });

  app.post('/api/v1/minutes/:id/amendments', {
    config: { policy: WORKERS },
    schema: { tags: ['committees'], params: idParams, body: amendMinutesBody, response: { 201: minutes } },
    handler: async (request, reply) =>
      reply.code(201).send(await amendMinutes(ctx, staffOf(request), request.params.id, request.body.notes)),
  });
}
