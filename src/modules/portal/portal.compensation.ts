import type { PortalCompensationCase } from '../../contracts/compensation.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { CompensationStatus } from '../../domain/compensation-status.js';
import { formatDualDate } from '../../domain/dates.js';
import { html, type SafeHtml } from '../../platform/http/html.js';

/**
 * Issue 23 §5: the family's compensation cases on its portal page — reference, step and the dates
 * of each step reached, in both calendars. Nothing internal: no offers, amounts, notes or staff
 * names (the family hears of those in its messages and signs the terms it agreed).
 */
type Language = 'ar' | 'en';

interface CompensationCopy {
  title: string;
  caseNumber: string;
  opened: string;
  established: string;
  settled: string;
  closed: string;
  statuses: Record<CompensationStatus, string>;
}

export const PORTAL_COMPENSATION_COPY: Record<Language, CompensationCopy> = {
  ar: {
    title: 'مطالبات التعويض',
    caseNumber: 'رقم القضية',
    opened: 'فُتحت في',
    established: 'ثبت الضرر في',
    settled: 'تمت التسوية في',
    closed: 'أُغلقت في',
    statuses: {
      opened: 'استُلمت المطالبة',
      'under-investigation': 'قيد الدراسة لدى اللجنة',
      established: 'ثبت الضرر',
      'no-fault': 'لم يثبت خطأ الجمعية',
      negotiating: 'قيد التفاوض',
      'negotiation-failed': 'لم يُتوصّل إلى اتفاق',
      settled: 'تمت التسوية',
      paying: 'قيد الصرف',
      closed: 'مغلقة',
      withdrawn: 'سُحبت المطالبة',
    },
  },
  en: {
    title: 'Compensation claims',
    caseNumber: 'Case number',
    opened: 'Opened on',
    established: 'Harm established on',
    settled: 'Settled on',
    closed: 'Closed on',
    statuses: {
      opened: 'Claim received',
      'under-investigation': 'Under study by the committee',
      established: 'Harm established',
      'no-fault': 'No fault of the association found',
      negotiating: 'In negotiation',
      'negotiation-failed': 'No agreement reached',
      settled: 'Settled',
      paying: 'Being paid',
      closed: 'Closed',
      withdrawn: 'Claim withdrawn',
    },
  },
};

/** The section, or nothing for a family without a case (most families: no empty list to alarm them). */
export function compensationSection(
  language: Language,
  digits: AssociationSettings['digits'],
  cases: readonly PortalCompensationCase[],
): SafeHtml | '' {
  if (!cases.length) return '';
  const t = PORTAL_COMPENSATION_COPY[language];
  const day = (label: string, at: string | null) => {
    if (!at) return '';
    const date = formatDualDate(at, { language, digits });
    return html`<div class="row"><dt>${label}</dt><dd><time>${date.hijri}</time> · <time>${date.gregorian}</time></dd></div>`;
  };
  return html`<section aria-labelledby="compensation-heading" data-testid="portal-compensation">
<h2 class="section-title" id="compensation-heading">${t.title}</h2>
${cases.map(
  (c) => html`<article class="card request" aria-labelledby="compensation-${c.id}">
  <header class="request-head">
    <h3 id="compensation-${c.id}">${t.caseNumber} <bdi dir="ltr">${c.reference}</bdi></h3>
    <p class="status status-compensation-${c.status}">${t.statuses[c.status]}</p>
  </header>
  <dl>${day(t.opened, c.openedAt)}${day(t.established, c.establishedAt)}${day(t.settled, c.settledAt)}${day(t.closed, c.closedAt)}</dl>
</article>`,
)}
</section>`;
}
