/**
 * The areas' texts the menu's labels need before their pages load (the list itself is web/ui/nav.ts,
 * shared with the home page).
 */
// The registry's texts (namespace `families`), so its menu item has a label before its pages load.
import '../families/i18n.js';
// Service requests and committees (namespaces `requests`, `committees`), for the same reason.
import '../requests/i18n.js';
import '../committees/i18n.js';
import '../calendar/i18n.js';
import '../notifications/i18n.js';
import '../complaints/i18n.js';
// Issue 6's other screens (namespaces `inquiries`, `contactOfficers`, `oversight`, `complaintSettings`).
import '../inquiries/i18n.js';
import '../contact-officers/i18n.js';
import '../oversight/i18n.js';
import '../complaint-settings/i18n.js';
// Issue 23: compensation cases (namespace `compensation`).
import '../compensation/i18n.js';
// Issue 24: satisfaction surveys (namespace `surveys`).
import '../surveys/i18n.js';
// Issue 26: the document library (namespace `documents`).
import '../documents/i18n.js';
// Issue 26 §4–§5: policy acknowledgements and departments (namespace `acknowledgements`).
import '../acknowledgements/i18n.js';
// Issue 25: the privacy area (namespace `privacy`).
import '../privacy/i18n.js';
// Issue 25 §6: retention (namespace `erasure`).
import '../erasure/i18n.js';
