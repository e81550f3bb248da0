// The public complaints pages (issue 6 §1, §3) are rendered on the server; this light entry (no
// framework) brings their styles and makes the form and the tracking page work.
import '../public/public.css';
import './complaints-public.css';
import { setUpCaseForm } from './case-form.js';
import { readCopy } from './copy.js';
import { setUpTracking } from './track.js';

const copy = readCopy();
if (document.body.dataset.page === 'new') setUpCaseForm(copy);
if (document.body.dataset.page === 'track') setUpTracking(copy);
