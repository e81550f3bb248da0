import type { Kysely } from 'kysely';
import type {
  Attestation,
  AttestationSummary,
  CreateOnlineRequestBody,
  DecisionOutcome,
  FamilyRequestView,
  RequestBrief,
  RequestStatus,
  UpdateRequestBody,
} from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * The only way the committees and portal modules reach requests (docs/design/service-requests.md,
 * "Cross-module functions"). Functions that move a request take the caller's transaction `trx`
 * first, so the committee's or portal's change and the request's move commit together.
 */
type Db = Kysely<Database>;

/** The audit actor of a cross-module call. */
export interface WorkflowActor {
  kind: 'staff' | 'family' | 'system';
  id: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** C5: complete requests whose type names `committeeId`, oldest deadline first (keyset cursor). */
export async function requestsAwaitingStudy(
  _ctx: AppContext,
  _query: { committeeId: string; limit?: number; cursor?: string | null },
): Promise<Page<RequestBrief>> {
  throw new Error('requestsAwaitingStudy: arriving with the requests module');
}

/** Lines for agendas and minutes, in the order of `requestIds`; unknown ids are left out. No ID numbers. */
export async function requestBriefs(_db: Db, _ctx: AppContext, _requestIds: readonly string[]): Promise<RequestBrief[]> {
  throw new Error('requestBriefs: arriving with the requests module');
}

/** complete → under-study (a meeting puts it on its agenda). 409 `request.illegal-transition` otherwise. */
export async function beginStudy(
  _trx: Db,
  _ctx: AppContext,
  _actor: WorkflowActor,
  _requestId: string,
  _input: { meetingId: string | null },
): Promise<{ status: RequestStatus }> {
  throw new Error('beginStudy: arriving with the requests module');
}

/** under-study → information-requested (the chair asks the family for more); the clock pauses (C6). */
export async function requestInformation(
  _trx: Db,
  _ctx: AppContext,
  _actor: WorkflowActor,
  _requestId: string,
  _input: { note: string },
): Promise<{ status: RequestStatus }> {
  throw new Error('requestInformation: arriving with the requests module');
}

/**
 * under-study → decided → notified, in the caller's transaction (minutes frozen): the decision's
 * message to the family goes to the outbox, and the clock stops `done` (C5, C6).
 */
export async function applyDecision(
  _trx: Db,
  _ctx: AppContext,
  _actor: WorkflowActor,
  _requestId: string,
  _input: { outcome: DecisionOutcome; reasons: string; meetingId: string | null; minutesId: string | null },
): Promise<{ status: RequestStatus }> {
  throw new Error('applyDecision: arriving with the requests module');
}

/** The portal: the family's own requests, newest first. */
export async function familyRequests(_ctx: AppContext, _familyId: string): Promise<FamilyRequestView[]> {
  throw new Error('familyRequests: arriving with the requests module');
}

/** The portal: one request of the family; 404 `request.not-found` when not the family's. */
export async function familyRequest(_ctx: AppContext, _familyId: string, _requestId: string): Promise<FamilyRequestView> {
  throw new Error('familyRequest: arriving with the requests module');
}

/** The portal's online application (channel `website`); the idempotency key makes one request. */
export async function createOnlineRequest(_ctx: AppContext, _familyId: string, _body: CreateOnlineRequestBody): Promise<FamilyRequestView> {
  throw new Error('createOnlineRequest: arriving with the requests module');
}

/** The portal: answers of a draft (or information-requested) request of the family; voids an attestation. */
export async function updateOnlineRequest(
  _ctx: AppContext,
  _familyId: string,
  _requestId: string,
  _body: UpdateRequestBody,
): Promise<FamilyRequestView> {
  throw new Error('updateOnlineRequest: arriving with the requests module');
}

/** The portal: a document for a checklist item (through the file store: refusals as for staff). */
export async function addOnlineDocument(
  _ctx: AppContext,
  _familyId: string,
  _requestId: string,
  _file: { itemKey: string; fileName: string; bytes: Buffer },
): Promise<FamilyRequestView> {
  throw new Error('addOnlineDocument: arriving with the requests module');
}

/** What the family is about to confirm (C4); its `dataSha256` goes back to `attestByCode`. */
export async function attestationSummary(_ctx: AppContext, _familyId: string, _requestId: string): Promise<AttestationSummary> {
  throw new Error('attestationSummary: arriving with the requests module');
}

/**
 * Records a `one-time-code` attestation once the portal has verified the code, in the portal's
 * transaction. `expectedSha256` (from `attestationSummary`): 409 `request.data-changed` when the data
 * changed since the family read it.
 */
export async function attestByCode(
  _trx: Db,
  _ctx: AppContext,
  _familyId: string,
  _requestId: string,
  _expectedSha256?: string,
): Promise<Attestation> {
  throw new Error('attestByCode: arriving with the requests module');
}

/** The family submits online (draft → complete; or information-requested → under-study). 422 `request.incomplete` with the missing items. */
export async function submitOnlineRequest(_ctx: AppContext, _familyId: string, _requestId: string): Promise<FamilyRequestView> {
  throw new Error('submitOnlineRequest: arriving with the requests module');
}
