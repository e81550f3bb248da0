import { FamilyPage } from '../families/family-page.js';
import { FamilyRequests } from '../requests/family-requests.js';

/**
 * The family's page with its requests: the requests' screens hand their list in here, so the
 * registry's and the requests' screens never import each other (issue 19 §1).
 */
export function FamilyRoute() {
  return <FamilyPage requests={FamilyRequests} />;
}
