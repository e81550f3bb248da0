import { formatDualDate, type Language } from '../../domain/dates.js';
import { escapeHtml } from '../../platform/http/html.js';
import type { CopyEvent } from './privacy.access-copy-read.js';
import { FACT_LABELS } from './privacy.access-copy-rules.js';

/**
 * Issue 25 §3 (F2): the access copy's two files, written as the registry walk goes (each event is
 * appended to the file's text; nothing else is kept): a readable print page in the requester's
 * language (Arabic right to left, or English) with every date in both calendars, and a JSON file
 * holding the same data for another system. Each personal value carries the registry's label in the
 * copy's language (the JSON keeps the column's name beside it, for another system).
 */
export interface CopyHeader {
  reference: string;
  subjectLabel: string;
  producedAt: Date;
  expiresAt: Date;
  language: Language;
}

const TITLES: Record<string, { ar: string; en: string }> = {
  families: { ar: 'سجل الأسرة', en: 'The family’s record' },
  household_members: { ar: 'أفراد الأسرة', en: 'Household members' },
  family_channel_changes: { ar: 'تغييرات قنوات التواصل', en: 'Changes of contact channel' },
  family_consents: { ar: 'الموافقات', en: 'Consents' },
  requests: { ar: 'الطلبات والقرارات', en: 'Requests and decisions' },
  request_history: { ar: 'مراحل الطلبات', en: 'Requests’ history' },
  complaints: { ar: 'الشكاوى والاستفسارات', en: 'Complaints and inquiries' },
  complaint_steps: { ar: 'مراحل الشكاوى', en: 'Complaints’ handling' },
  complaint_entries: { ar: 'مراسلات الشكاوى', en: 'Complaints’ correspondence' },
  outbox_messages: { ar: 'الرسائل المرسلة إليكم', en: 'Messages sent to you' },
  survey_responses: { ar: 'إجابات الاستبيانات', en: 'Survey answers' },
  survey_invitations: { ar: 'دعوات الاستبيانات', en: 'Survey invitations' },
  compensation_cases: { ar: 'قضايا التعويض', en: 'Compensation cases' },
  compensation_steps: { ar: 'مراحل قضايا التعويض', en: 'Compensation cases’ history' },
  compensation_rulings: { ar: 'الأحكام', en: 'Rulings' },
  compensation_rounds: { ar: 'عروض التسوية', en: 'Settlement offers' },
  compensation_settlements: { ar: 'التسويات', en: 'Settlements' },
  compensation_payments: { ar: 'المبالغ المصروفة', en: 'Payments' },
};
const TEXT = {
  ar: {
    title: 'نسخة من بياناتكم الشخصية',
    reference: 'رقم الطلب',
    subject: 'صاحب البيانات',
    produced: 'تاريخ الإعداد',
    expires: 'متاحة للتنزيل حتى',
    documents: 'المستندات (الأسماء فقط)',
    note: 'أُعدّت وفق نظام حماية البيانات الشخصية. أرقام هويات الأفراد الآخرين مخفية عدا آخر أربعة أرقام، وملاحظات الموظفين الداخلية وبيانات الأشخاص الآخرين غير مشمولة.',
  },
  en: {
    title: 'A copy of your personal data',
    reference: 'Request',
    subject: 'Data subject',
    produced: 'Prepared on',
    expires: 'Downloadable until',
    documents: 'Documents (names only)',
    note: 'Prepared under the Personal Data Protection Law. Other people’s ID numbers show their last four digits only; internal staff notes and other people’s personal data are left out.',
  },
} as const;

const dual = (value: string | Date, language: Language) => {
  const d = formatDualDate(value, { language, withTime: typeof value !== 'string' || value.length > 10 });
  return `${d.hijri} — ${d.gregorian}`;
};
const isDateFact = (name: string) => name === 'at' || name.endsWith('_at') || name.endsWith('_day');
const e = escapeHtml;

export class CopyWriters {
  private readonly html: string[] = [];
  private readonly json: string[] = [];
  private isFirstSection = true;
  private isFirstItem = true;
  private section: string | null = null;
  rowCount = 0;

  constructor(private readonly header: CopyHeader) {
    const t = TEXT[header.language];
    const dir = header.language === 'ar' ? 'rtl' : 'ltr';
    this.html.push(
      `<!doctype html><html lang="${header.language}" dir="${dir}"><head><meta charset="utf-8"><title>${e(t.title)}</title><style>`,
      'body{font-family:system-ui,"Noto Naskh Arabic",sans-serif;margin:2rem;color:#111;line-height:1.5}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem;border-bottom:1px solid #999}',
      'dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0 1rem;padding:.5rem;border:1px solid #ddd;break-inside:avoid}dt{color:#444}dd{margin:0;white-space:pre-wrap}',
      '@media print{body{margin:0}h2{break-after:avoid}@page{margin:1.5cm}}</style></head><body>',
      `<h1>${e(t.title)}</h1><dl><dt>${e(t.reference)}</dt><dd>${e(header.reference)}</dd><dt>${e(t.subject)}</dt><dd>${e(header.subjectLabel)}</dd>`,
      `<dt>${e(t.produced)}</dt><dd>${e(dual(header.producedAt, header.language))}</dd><dt>${e(t.expires)}</dt><dd>${e(dual(header.expiresAt, header.language))}</dd></dl><p>${e(t.note)}</p>`,
    );
    this.json.push(
      `{"reference":${JSON.stringify(header.reference)},"subject":${JSON.stringify(header.subjectLabel)},"language":"${header.language}",`,
      `"producedAt":"${header.producedAt.toISOString()}","expiresAt":"${header.expiresAt.toISOString()}","sections":[`,
    );
  }

  private open(table: string): void {
    if (this.section === table) return;
    const title = TITLES[table]?.[this.header.language] ?? table;
    this.html.push(`<h2>${e(title)}</h2>`);
    if (this.section !== null) this.json.push(']}');
    this.json.push(`${this.isFirstSection ? '' : ','}{"table":${JSON.stringify(table)},"title":${JSON.stringify(title)},"items":[`);
    this.isFirstSection = false;
    this.isFirstItem = true;
    this.section = table;
  }

  private item(value: unknown): void {
    this.json.push(`${this.isFirstItem ? '' : ','}${JSON.stringify(value)}`);
    this.isFirstItem = false;
  }

  add(event: CopyEvent): void {
    const lang = this.header.language;
    this.open(event.table);
    if (event.type === 'section') return;
    if (event.type === 'document') {
      this.item({ document: { name: event.name, mediaType: event.mediaType, size: event.size, createdAt: event.createdAt } });
      this.html.push(`<dl><dt>${e(TEXT[lang].documents)}</dt><dd>${e(event.name)} (${e(dual(event.createdAt, lang))})</dd></dl>`);
      return;
    }
    this.rowCount++;
    // Issue 25 §3: the JSON keeps each code as stored and puts its words beside it, in the copy's
    // language (`factValueLabels`, a field's `valueLabel`), as it does for the columns' names.
    const factValueLabels = Object.fromEntries(Object.entries(event.factValueLabels).map(([name, words]) => [name, words[lang]]));
    this.item({
      facts: event.facts,
      ...(Object.keys(factValueLabels).length ? { factValueLabels } : {}),
      fields: event.fields.map((f) => ({
        column: f.column,
        label: f.label[lang],
        value: f.value,
        ...(f.valueLabel ? { valueLabel: f.valueLabel[lang] } : {}),
      })),
    });
    const cells: string[] = [];
    for (const [name, value] of Object.entries(event.facts)) {
      const label = FACT_LABELS[name as keyof typeof FACT_LABELS]?.[lang] ?? name;
      const shown = isDateFact(name) ? dual(value, lang) : (event.factValueLabels[name]?.[lang] ?? value);
      cells.push(`<dt>${e(label)}</dt><dd><bdi>${e(shown)}</bdi></dd>`);
    }
    // <bdi>: a number, a mobile or a masked ID keeps its own direction inside the Arabic page; a
    // coded value (a member's relation) is printed in words, a code with none as itself.
    for (const f of event.fields) cells.push(`<dt>${e(f.label[lang])}</dt><dd><bdi>${e(f.valueLabel?.[lang] ?? f.value)}</bdi></dd>`);
    if (cells.length) this.html.push(`<dl>${cells.join('')}</dl>`);
  }

  finish(): { html: Buffer; json: Buffer } {
    if (this.section !== null) this.json.push(']}');
    this.json.push(']}');
    this.html.push('</body></html>');
    return { html: Buffer.from(this.html.join(''), 'utf8'), json: Buffer.from(this.json.join(''), 'utf8') };
  }
}
