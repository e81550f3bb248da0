import type { AreaManifest } from '../../platform/area.js';
import type { FamilyRows, PersonalTable } from '../../platform/personal-data.js';
import { REQUEST_SUBJECT as REQUEST_KIND } from './committee-subjects.js';
import { COMMITTEE_WORKERS } from './committees.policy.js';
import { committeeRoutes } from './committees.routes.js';
import { minutesAad, voteAadOf, votePayloadAad } from './meeting-state.js';

/**
 * Committees' public face (C5, D2, E1): membership reads, and the subject kinds other areas
 * register (`committeeSubjects`) so that committees study their cases without importing them.
 */
export {
  type CommitteeSubject,
  committeeSubjects,
  type DecisionPayload,
  type MinutesSentence,
  type MinutesSubject,
  REQUEST_SUBJECT,
  type SubjectActor,
  type SubjectBrief,
  type SubjectStage,
} from './committee-subjects.js';
export {
  type CommitteeReadiness,
  committeeForPurpose,
  committeeMembers,
  committeeOfMeeting,
  committeesForPurpose,
  committeesOf,
  committeesReadiness,
  isOnAgendaOf,
} from './membership.js';

/** Issue 25 §5: a family's votes are those on its requests and compensation cases (the subject kinds). */
const VOTES_OF_FAMILY: readonly FamilyRows[] = [
  { column: 'subject_id', where: { subject_kind: REQUEST_KIND }, in: { table: 'requests', rows: { column: 'family_id' } } },
  { column: 'subject_id', where: { subject_kind: 'compensation' }, in: { table: 'compensation_cases', rows: { column: 'family_id' } } },
];

const MINUTES_LABELS = {
  text: { ar: 'نص المحضر', en: 'The minutes’ text' },
  notes: { ar: 'ملاحظات المحضر', en: 'The minutes’ notes' },
  decisions: { ar: 'قرارات المحضر', en: 'The minutes’ decisions' },
} as const;

const COMMITTEES_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'committee_votes',
    key: ['meeting_id', 'subject_kind', 'subject_id', 'member_id'],
    subject: 'family',
    columns: [
      {
        column: 'reasons',
        kind: 'encrypted',
        holds: 'a member’s reasons (may describe a family’s circumstances)',
        label: { ar: 'أسباب تصويت العضو', en: 'A member’s reasons for the vote' },
        aad: (k) => voteAadOf(k.meeting_id as string, k.subject_kind as string, k.subject_id as string, k.member_id as string),
        erase: 'null',
        // Issue 25 §3 (decision 015): a member's comment on a case is internal deliberation.
        accessCopy: 'internal',
      },
      {
        column: 'payload',
        kind: 'encrypted',
        holds: 'what a member’s vote carries for its kind (the size of a harm)',
        label: { ar: 'ما يحمله صوت العضو (حجم الضرر)', en: 'What a member’s vote carries (the size of a harm)' },
        aad: (k) => votePayloadAad(k.meeting_id as string, k.subject_kind as string, k.subject_id as string, k.member_id as string),
        // The size of a harm a member voted for is part of the decision the association keeps.
        erase: 'keep',
      },
    ],
    erasure: { rows: 'update', of: VOTES_OF_FAMILY },
  },
  {
    table: 'minutes',
    key: ['id'],
    subject: 'family',
    columns: (['text', 'notes', 'decisions'] as const).map((column) => ({
      column,
      kind: 'encrypted' as const,
      holds: `the minutes’ ${column} (name families and their circumstances)`,
      label: MINUTES_LABELS[column],
      aad: (k: { id: string }) => minutesAad(k.id, column),
      // Issue 25 §3 (decision 015): the committee's deliberation, never in an access copy.
      accessCopy: 'internal' as const,
    })),
    erasure: {
      rows: 'outside',
      reason: 'a meeting’s minutes record several families’ cases and are a legal record of the committee’s decisions (D2), kept sealed',
    },
  },
];

export const committeesArea: AreaManifest = {
  name: 'committees',
  routes: (app, ctx) => committeeRoutes(app, ctx),
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  // Votes go with the family's erasure; the minutes stay as the committee's legal record.
  processing: {
    purpose: {
      ar: 'دراسة اللجان للحالات وتوثيق تصويت أعضائها ومحاضر اجتماعاتها',
      en: 'Committees’ study of cases, their members’ votes and the minutes of their meetings',
    },
    readers: COMMITTEE_WORKERS,
    retention: ['families'],
  },
  personalData: COMMITTEES_PERSONAL_DATA,
  auditKinds: [
    'committee.awaiting-study.list',
    'committee.create',
    'committee.update',
    'committee.vote',
    'committee.vote-change',
    'meeting.agenda-add',
    'meeting.create',
    'meeting.information-request',
    'meeting.update',
    'meeting.view',
    'minutes.amend',
    'minutes.approve',
    'minutes.discard',
    'minutes.edit',
    'minutes.excuse',
    'minutes.freeze',
    'minutes.generate',
    'minutes.print',
    'minutes.regenerate',
    'minutes.view',
  ],
};
