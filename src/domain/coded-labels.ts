/**
 * Coded values in words, Arabic and English (issue 25 §3, F2: "the requester receives a readable copy
 * in Arabic"). The staff app names these codes in its own i18n files (src/web/<area>/i18n), which the
 * server may not import; this is the server's catalogue for what it prints itself — the access copy
 * first — worded as the staff app words them (tests/unit/coded-labels.test.ts holds every value of
 * each enum to an Arabic and an English text, so a new value without words fails there).
 * Pure data, no I/O: safe in the browser too.
 */

/** A text in both languages (Arabic first). */
export interface CodedLabel {
  ar: string;
  en: string;
}

/** The lists of codes the server names in words. */
export type CodeList = keyof typeof CODED_LABELS;

export const CODED_LABELS = {
  relation: {
    spouse: { ar: 'زوج/زوجة', en: 'Spouse' },
    son: { ar: 'ابن', en: 'Son' },
    daughter: { ar: 'ابنة', en: 'Daughter' },
    father: { ar: 'أب', en: 'Father' },
    mother: { ar: 'أم', en: 'Mother' },
    brother: { ar: 'أخ', en: 'Brother' },
    sister: { ar: 'أخت', en: 'Sister' },
    grandchild: { ar: 'حفيد/حفيدة', en: 'Grandchild' },
    other: { ar: 'أخرى', en: 'Other' },
  },
  'intake-channel': {
    interview: { ar: 'مقابلة شخصية', en: 'In-person interview' },
    letter: { ar: 'خطاب أو مراسلة', en: 'Letter or correspondence' },
    phone: { ar: 'اتصال هاتفي', en: 'Phone call' },
    fax: { ar: 'فاكس', en: 'Fax' },
    website: { ar: 'الموقع الإلكتروني (البوابة)', en: 'Website (portal)' },
    email: { ar: 'البريد الإلكتروني', en: 'E-mail' },
    volunteer: { ar: 'خدمة تطوعية', en: 'Volunteer service' },
  },
  'consent-channel': {
    interview: { ar: 'مقابلة شخصية', en: 'In-person interview' },
    letter: { ar: 'خطاب', en: 'Letter' },
    phone: { ar: 'هاتف', en: 'Phone' },
    fax: { ar: 'فاكس', en: 'Fax' },
    website: { ar: 'الموقع الإلكتروني', en: 'Website' },
    volunteer: { ar: 'متطوع', en: 'Volunteer' },
    portal: { ar: 'بوابة الأسر', en: 'The family portal' },
    link: { ar: 'رابط في رسالة', en: 'A link in a message' },
  },
  'delivery-channel': {
    sms: { ar: 'رسالة نصية', en: 'SMS' },
    email: { ar: 'بريد إلكتروني', en: 'E-mail' },
    whatsapp: { ar: 'واتساب', en: 'WhatsApp' },
    letter: { ar: 'خطاب', en: 'Letter' },
    fax: { ar: 'فاكس', en: 'Fax' },
    'phone-call': { ar: 'اتصال', en: 'Call' },
    'staff-app': { ar: 'تطبيق الموظفين', en: 'Staff app' },
  },
  'request-status': {
    draft: { ar: 'مسودة', en: 'Draft' },
    complete: { ar: 'مكتمل بانتظار اللجنة', en: 'Complete, awaiting the committee' },
    'under-study': { ar: 'قيد دراسة اللجنة', en: 'Under committee study' },
    'information-requested': { ar: 'بانتظار معلومات من الأسرة', en: 'Awaiting information from the family' },
    decided: { ar: 'صدر القرار', en: 'Decided' },
    notified: { ar: 'أُبلغت الأسرة', en: 'Family notified' },
    closed: { ar: 'مغلق', en: 'Closed' },
  },
  'request-event': {
    create: { ar: 'أُنشئ الطلب', en: 'Request created' },
    edit: { ar: 'عُدّلت البيانات', en: 'Details edited' },
    document: { ar: 'أُرفق مستند', en: 'Document attached' },
    attested: { ar: 'صادقت الأسرة على البيانات', en: 'Family attested the data' },
    'attestation-voided': { ar: 'أُلغيت المصادقة لتغيّر البيانات', en: 'Attestation voided by a change' },
    submit: { ar: 'اكتمل الطلب وأُرسل', en: 'Completed and sent' },
    'begin-study': { ar: 'بدأت دراسة اللجنة', en: 'Committee study began' },
    'request-information': { ar: 'طُلبت معلومات من الأسرة', en: 'Information requested from the family' },
    'information-received': { ar: 'وصلت المعلومات', en: 'Information received' },
    decide: { ar: 'صدر قرار اللجنة', en: 'Committee decided' },
    notify: { ar: 'أُبلغت الأسرة بالقرار', en: 'Family told of the decision' },
    close: { ar: 'أُغلق الطلب', en: 'Request closed' },
    'deadline-capped': {
      ar: 'قُدِّم موعد الرد إلى حدّ السياسة: 15 يوم عمل من اكتمال الطلب (C6)',
      en: "Reply deadline brought within the policy's 15 working days from completion (C6)",
    },
  },
  'message-state': {
    queued: { ar: 'في قائمة الإرسال', en: 'Waiting to be sent' },
    sent: { ar: 'أُرسلت', en: 'Sent' },
    delivered: { ar: 'وصلت', en: 'Delivered' },
    retrying: { ar: 'تعذّر الإرسال — ستُعاد المحاولة', en: 'Failed — will retry' },
    failed: { ar: 'تعذّر الإرسال', en: 'Failed' },
    skipped: { ar: 'لم تُرسل', en: 'Not sent' },
    expired: { ar: 'انتهت صلاحيتها', en: 'Expired' },
    cancelled: { ar: 'أُلغيت', en: 'Cancelled' },
  },
  'complaint-step': {
    received: { ar: 'وردت', en: 'Received' },
    acknowledged: { ar: 'أُبلغ صاحبها بالاستلام', en: 'Acknowledged' },
    assessed: { ar: 'قُيّمت', en: 'Assessed' },
    assigned: { ar: 'أُسندت', en: 'Assigned' },
    investigating: { ar: 'قيد التحقق', en: 'Being investigated' },
    'response-decided': { ar: 'تقرّر الرد', en: 'Response decided' },
    'response-communicated': { ar: 'أُبلغ الرد', en: 'Response sent' },
    closed: { ar: 'أُغلقت', en: 'Closed' },
    'satisfaction-followed-up': { ar: 'تُوبع رضا صاحبها', en: 'Satisfaction followed up' },
    routed: { ar: 'لدى ضابط الاتصال', en: 'With the contact officer' },
    answered: { ar: 'أُجيب', en: 'Answered' },
  },
  'compensation-status': {
    opened: { ar: 'مفتوحة', en: 'Opened' },
    'under-investigation': { ar: 'قيد التحقيق', en: 'Under investigation' },
    established: { ar: 'ثبت الضرر', en: 'Harm established' },
    'no-fault': { ar: 'لم يثبت خطأ', en: 'No fault found' },
    negotiating: { ar: 'قيد التفاوض', en: 'Negotiating' },
    'negotiation-failed': { ar: 'تعثّر التفاوض', en: 'Negotiation failed' },
    settled: { ar: 'تمت التسوية', en: 'Settled' },
    paying: { ar: 'قيد الصرف', en: 'Paying' },
    closed: { ar: 'مغلقة', en: 'Closed' },
    withdrawn: { ar: 'مسحوبة', en: 'Withdrawn' },
  },
  event: {
    'family.registered': { ar: 'تسجيل أسرة', en: 'Family registered' },
    'auth.one-time-code': { ar: 'رمز دخول لمرة واحدة', en: 'One-time sign-in code' },
    'request.attestation-code': { ar: 'رمز تأكيد بيانات طلب', en: 'Code confirming a request’s data' },
    'request.status-changed': { ar: 'تغيّر حالة طلب', en: 'Request status changed' },
    'request.received': { ar: 'استلام طلب خدمة', en: 'Service request received' },
    'request.information-requested': { ar: 'طلب استكمال معلومات', en: 'More information requested' },
    'request.decided': { ar: 'صدور قرار في طلب', en: 'Request decided' },
    'request.deadline-warning': { ar: 'اقتراب موعد طلب', en: 'Request deadline near' },
    'request.deadline-breached': { ar: 'تجاوز موعد طلب', en: 'Request deadline passed' },
    'complaint.received': { ar: 'استلام شكوى', en: 'Complaint received' },
    'complaint.acknowledged': { ar: 'إشعار استلام شكوى', en: 'Complaint acknowledged' },
    'complaint.responded': { ar: 'الرد على شكوى', en: 'Complaint answered' },
    'complaint.assigned': { ar: 'إسناد شكوى أو استفسار', en: 'Complaint or inquiry assigned' },
    'complaint.deadline-warning': { ar: 'اقتراب موعد شكوى أو استفسار', en: 'Complaint or inquiry deadline near' },
    'complaint.deadline-breached': { ar: 'تجاوز موعد شكوى أو استفسار', en: 'Complaint or inquiry deadline passed' },
    'inquiry.received': { ar: 'استلام استفسار', en: 'Inquiry received' },
    'inquiry.acknowledged': { ar: 'إشعار استلام استفسار', en: 'Inquiry acknowledged' },
    'inquiry.answered': { ar: 'الإجابة عن استفسار', en: 'Inquiry answered' },
    'announcement.general': { ar: 'إعلان عام', en: 'General announcement' },
    'compensation.opened': { ar: 'فتح قضية تعويض', en: 'Compensation case opened' },
    'compensation.decided': { ar: 'نتيجة التحقيق في قضية التعويض', en: 'Compensation case: investigation outcome' },
    'compensation.offer': { ar: 'عرض تسوية', en: 'Settlement offer' },
    'compensation.settled': { ar: 'اعتماد التسوية', en: 'Settlement agreed' },
    'compensation.payment': { ar: 'صرف التعويض', en: 'Compensation paid' },
    'compensation.round-due': { ar: 'اقتراب موعد جولة التفاوض', en: 'Negotiation round due soon' },
    'survey.invitation': { ar: 'رابط استبانة الرضا', en: 'Satisfaction survey link' },
    'survey.follow-up': { ar: 'متابعة إجابة سلبية في استبانة الرضا', en: 'Negative survey answer to follow up' },
    'acknowledgement.reminder': { ar: 'تذكير بالإقرار بالاطلاع على سياسة', en: 'Reminder to acknowledge a policy' },
    'acknowledgement.link': { ar: 'رابط الإقرار بالاطلاع لطرف متعاقد', en: 'Acknowledgement link to a contract party' },
    'privacy.request-extended': { ar: 'تمديد مهلة طلب صاحب البيانات', en: 'Data-subject request extended' },
    'privacy.request-answered': { ar: 'الرد على طلب صاحب البيانات', en: 'Data-subject request answered' },
    'privacy.request-refused': { ar: 'رفض طلب صاحب البيانات مع سببه النظامي', en: 'Data-subject request refused, with its legal reason' },
    'privacy.copy-ready': { ar: 'نسخة البيانات الشخصية جاهزة لمقدّم الطلب', en: 'Copy of the personal data ready for the requester' },
    'privacy.request-due': { ar: 'اقتراب مهلة طلب صاحب البيانات أو تجاوزها', en: 'Data-subject request due or overdue' },
    'privacy.breach-due': {
      ar: 'اقتراب مهلة إبلاغ الجهة المختصة بحادثة التسرب (72 ساعة)',
      en: 'Breach notification to the regulator due (72 hours)',
    },
    'privacy.breach-notice': { ar: 'إبلاغ المتأثرين بحادثة تسرب البيانات', en: 'Notice to people affected by a data breach' },
  },
  'consent-action': {
    given: { ar: 'مُنحت الموافقة', en: 'Given' },
    withdrawn: { ar: 'سُحبت الموافقة', en: 'Withdrawn' },
  },
  'case-kind': {
    complaint: { ar: 'شكوى', en: 'Complaint' },
    inquiry: { ar: 'استفسار', en: 'Inquiry' },
  },
  'complaint-entry': {
    note: { ar: 'ملاحظة', en: 'Note' },
    task: { ar: 'مهمة', en: 'Task' },
    evidence: { ar: 'مستند مؤيد', en: 'Evidence' },
  },
  'compensation-action': {
    'begin-investigation': { ar: 'بدء التحقيق', en: 'Investigation begun' },
    establish: { ar: 'ثبوت الضرر', en: 'Harm established' },
    'find-no-fault': { ar: 'عدم ثبوت خطأ', en: 'No fault found' },
    offer: { ar: 'عرض تسوية', en: 'Settlement offered' },
    'fail-negotiation': { ar: 'تعثّر التفاوض', en: 'Negotiation failed' },
    settle: { ar: 'اعتماد التسوية', en: 'Settlement agreed' },
    pay: { ar: 'صرف مبلغ', en: 'Payment made' },
    complete: { ar: 'اكتمال الصرف', en: 'Payments completed' },
    close: { ar: 'إغلاق القضية', en: 'Case closed' },
    withdraw: { ar: 'سحب الأسرة لمطالبتها', en: 'Withdrawn by the family' },
  },
  'survey-invitation': {
    scheduled: { ar: 'مجدولة', en: 'Scheduled' },
    sent: { ar: 'أُرسلت', en: 'Sent' },
    answered: { ar: 'أُجيب عنها', en: 'Answered' },
    expired: { ar: 'انتهت صلاحيتها', en: 'Expired' },
    skipped: { ar: 'لم تُرسل', en: 'Not sent' },
    cancelled: { ar: 'أُلغيت', en: 'Cancelled' },
  },
} as const satisfies Record<string, Readonly<Record<string, CodedLabel>>>;

/**
 * A code in words in `language`; an unknown or legacy code (a value older than the list, or one a
 * later issue adds before its words) is shown as itself, never an error.
 * @example codeInWords('relation', 'son', 'ar') // 'ابن'
 */
export function codeInWords(list: CodeList, code: string, language: 'ar' | 'en'): string {
  return labelOfCode(list, code)?.[language] ?? code;
}

/** Both words of a code, or undefined when the list has none for it. */
export function labelOfCode(list: CodeList, code: string): CodedLabel | undefined {
  const labels: Readonly<Record<string, CodedLabel>> = CODED_LABELS[list];
  return Object.hasOwn(labels, code) ? labels[code] : undefined;
}
