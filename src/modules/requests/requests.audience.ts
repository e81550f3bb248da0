import type { AudienceNarrower } from '../families/index.js';

/**
 * The requests' part of a bulk send's audience (issue 20 §2): families with a request of a type, or
 * with a request still open (submitted and not yet closed). A subquery on the requests' own table,
 * registered in the requests area's `wire`, so families read nothing of requests.
 */
const OPEN_STATUSES = ['complete', 'under-study', 'information-requested', 'decided', 'notified'];

export const requestsAudience: AudienceNarrower = {
  narrow(query, audience) {
    const requestType = typeof audience.requestType === 'string' ? audience.requestType : null;
    const isOpenOnly = audience.hasOpenRequest === true;
    if (!requestType && !isOpenOnly) return query;
    return query.where((eb) => {
      let requests = eb.selectFrom('requests').select('requests.family_id').whereRef('requests.family_id', '=', 'families.id');
      if (requestType) requests = requests.where('requests.type_code', '=', requestType);
      if (isOpenOnly) requests = requests.where('requests.status', 'in', OPEN_STATUSES);
      return eb.exists(requests);
    });
  },
};
