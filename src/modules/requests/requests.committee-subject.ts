import type { RequestBrief } from '../../contracts/requests.js';
import { type DecisionOutcome, isReasonRequired } from '../../domain/committee-vote.js';
import { requestMinutesSentence } from '../../domain/minutes.js';
import type { CommitteeSubject, MinutesSubject, SubjectBrief, SubjectStage } from '../committees/index.js';
import { applyDecision, beginStudy, requestBriefs, requestInformation, requestsAwaitingStudy } from './requests.workflow.js';

/**
 * Service requests as a committee subject (C5, C6; issue 22): what a committee needs from a request,
 * registered under the kind `request` in requests/index.ts. The minutes' sentences are the ones the
 * minutes printed before subjects had kinds, word for word (frozen minutes are amended with them).
 */
const STAGE_OF: Partial<Record<RequestBrief['status'], SubjectStage>> = {
  complete: 'awaiting-study',
  'under-study': 'under-study',
  'information-requested': 'information-requested',
};

const brief = (r: RequestBrief): SubjectBrief => ({
  id: r.id,
  reference: r.reference,
  typeCode: r.typeCode,
  typeNameAr: r.typeNameAr,
  typeNameEn: r.typeNameEn,
  familyName: r.familyName,
  status: r.status,
  stage: STAGE_OF[r.status] ?? 'other',
  committeeId: r.committeeId,
  deadlineDay: r.deadlineDay,
});

const DECISION_EN: Record<DecisionOutcome | 'deferred', string> = {
  approved: 'The request is approved',
  'partly-approved': 'The request is partly approved',
  rejected: 'The request is rejected',
  deferred: 'The decision waits for the information asked of the family',
};

/** C5: the Arabic lines are the ones every minutes printed before subjects had kinds (domain/minutes.ts). */
function minutesSentence(subject: MinutesSubject, language: 'ar' | 'en') {
  return language === 'ar'
    ? requestMinutesSentence(subject)
    : { heading: `Request ${subject.reference}`, decision: DECISION_EN[subject.outcome] };
}

export const requestCommitteeSubject: CommitteeSubject = {
  nameAr: 'الطلب',
  pluralAr: 'الطلبات',
  nameEn: 'Request',
  awaitingStudy: async (ctx, query) => {
    const page = await requestsAwaitingStudy(ctx, query);
    return { items: page.items.map(brief), nextCursor: page.nextCursor };
  },
  briefs: async (db, ctx, ids, scope) => (await requestBriefs(db, ctx, ids, scope)).map(brief),
  beginStudy,
  requestInformation,
  // C5: approve, partly approve or reject; the last two say why.
  decision: { options: ['approve', 'partly-approve', 'reject'], isReasonRequired },
  minutesSentence,
  applyDecision,
};
