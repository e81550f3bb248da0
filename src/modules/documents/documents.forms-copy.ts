/**
 * The public request forms' words (issue 26 §3; B5, C2, G2), Arabic first. The printed blank form
 * is Arabic in both languages (the letter and fax channels are Arabic): its words are `BLANK_FORM`.
 */

/** "n working days" with Arabic's number agreement (1, 2, 3–10, 11 and more). */
function workingDaysAr(n: number): string {
  if (n === 1) return 'يوم عمل واحد';
  if (n === 2) return 'يومَي عمل';
  if (n >= 3 && n <= 10) return `${n} أيام عمل`;
  return `${n} يوم عمل`;
}

export const FORMS_COPY = {
  ar: {
    title: 'نماذج طلب الخدمة',
    intro:
      'لكل نوع من أنواع الطلبات معايير للأهلية وقائمة بما يلزم تقديمه من بيانات ومستندات؛ اطّلع عليها قبل التقديم ليُستلم طلبك كاملاً. يمكنك التقديم عبر بوابة المستفيدين، أو طباعة النموذج فارغاً وتعبئته وإرساله إلى الجمعية بخطاب أو فاكس.',
    description: 'نماذج طلب الخدمة لدى {name}: معايير الأهلية لكل طلب وما يلزم من بيانات ومستندات، ونموذج فارغ للطباعة.',
    criteria: 'معايير الأهلية',
    fields: 'البيانات المطلوبة',
    documents: 'المستندات المطلوبة',
    required: 'مطلوب',
    optional: 'اختياري',
    replyWithin: (n: number) => `يُرد على الطلب خلال مدة لا تتجاوز ${workingDaysAr(n)} من تاريخ اكتماله.`,
    version: 'النسخة {n}',
    inForceSince: 'نافذة منذ {date}',
    inForce: 'النسخة النافذة',
    previous: 'نسخة سابقة',
    history: 'سجل النسخ',
    from: 'من {date}',
    changed: 'ما الذي تغيّر',
    firstVersion: 'الإصدار الأول',
    changes: {
      names: 'اسم الطلب',
      criteria: 'معايير الأهلية',
      checklist: 'البيانات والمستندات المطلوبة',
      days: 'مدة الرد',
      offered: 'إتاحة الطلب',
    },
    openForm: 'النموذج وسجل نسخه',
    apply: 'قدّم الطلب عبر بوابة المستفيدين',
    printTitle: 'نموذج للطباعة',
    printHint:
      'عند طباعة هذه الصفحة من المتصفح يُطبع نموذج فارغ باللغة العربية لتعبئته باليد، ثم يُرسل إلى الجمعية بخطاب أو فاكس مع صور المستندات المطلوبة.',
    none: 'لا توجد أنواع طلبات متاحة حالياً.',
    notFound: 'النموذج غير موجود',
    notFoundHint: 'لا يوجد نوع طلب متاح بهذا الرمز؛ ربما أُوقف أو تغيّر رمزه. اختر من قائمة النماذج.',
    allForms: 'كل نماذج الطلبات',
    libraryLink: 'نماذج طلب الخدمة',
    libraryLinkHint: 'معايير كل طلب وما يلزم له من بيانات ومستندات، ونموذج فارغ للطباعة.',
  },
  en: {
    title: 'Service request forms',
    intro:
      'Each kind of request has eligibility criteria and a list of the information and documents it needs: read them before applying so your request is received complete. Apply through the beneficiaries’ portal, or print the blank form, fill it in and send it to the association by letter or fax.',
    description:
      '{name}’s service request forms: the eligibility criteria of each request, the information and documents it needs, and a blank form to print.',
    criteria: 'Eligibility criteria',
    fields: 'Information required',
    documents: 'Documents required',
    required: 'required',
    optional: 'optional',
    replyWithin: (n: number) => `We reply within ${n} working ${n === 1 ? 'day' : 'days'} of the request being complete.`,
    version: 'Version {n}',
    inForceSince: 'In force since {date}',
    inForce: 'Version in force',
    previous: 'Previous version',
    history: 'Version history',
    from: 'From {date}',
    changed: 'What changed',
    firstVersion: 'First version',
    changes: {
      names: 'Name',
      criteria: 'Eligibility criteria',
      checklist: 'Information and documents required',
      days: 'Reply time',
      offered: 'Availability',
    },
    openForm: 'The form and its versions',
    apply: 'Apply through the beneficiaries’ portal',
    printTitle: 'Printable form',
    printHint:
      'Printing this page from your browser prints a blank form in Arabic to fill in by hand and send to the association by letter or fax, with copies of the documents required.',
    none: 'No request types are offered at the moment.',
    notFound: 'No such form',
    notFoundHint: 'No request type is offered under this code; it may have been withdrawn or renamed. Choose from the list of forms.',
    allForms: 'All request forms',
    libraryLink: 'Service request forms',
    libraryLinkHint: 'The criteria of each request, the information and documents it needs, and a blank form to print.',
  },
} as const;

export type FormsCopy = (typeof FORMS_COPY)['ar' | 'en'];

/** The printed blank form (Arabic only). */
export const BLANK_FORM = {
  heading: 'نموذج طلب خدمة',
  type: 'نوع الطلب',
  version: 'رقم نسخة النموذج',
  dateHijri: 'التاريخ:',
  hijriSuffix: 'هـ',
  dateGregorian: 'الموافق:',
  gregorianSuffix: 'م',
  applicant: 'بيانات مقدّم الطلب',
  applicantFields: ['الاسم الكامل', 'رقم الهوية الوطنية أو الإقامة', 'رقم الجوال', 'المدينة والحي', 'رقم ملف الأسرة لدى الجمعية (إن وُجد)'],
  request: 'بيانات الطلب',
  documents: 'المستندات المرفقة (ضع علامة على ما أرفقته)',
  requiredNote: 'ما عليه علامة (*) مطلوب، ولا يُستلم الطلب إلا كاملاً.',
  yes: 'نعم',
  no: 'لا',
  chooseOne: 'اختر واحداً',
  chooseAny: 'اختر كل ما ينطبق',
  criteria: 'معايير الأهلية',
  declarationTitle: 'إقرار',
  declaration:
    'أقرّ أنا الموقّع أدناه بأن جميع البيانات والمعلومات والمستندات المقدّمة في هذا الطلب صحيحة وكاملة، وأتحمّل المسؤولية المباشرة عن صحتها، وأتعهد بإبلاغ الجمعية بأي تغيير يطرأ عليها.',
  name: 'الاسم:',
  signature: 'التوقيع:',
  office: 'للاستخدام الرسمي',
  officeFields: ['رقم الطلب', 'اسم المستلم', 'تاريخ الاستلام'],
  channel: 'قناة الاستلام:',
  letter: 'خطاب',
  fax: 'فاكس',
  sendTo: 'يُرسل إلى',
  faxLabel: 'فاكس',
  phoneLabel: 'هاتف',
} as const;
