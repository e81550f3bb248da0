import type { NotificationEvent, TemplateChannel } from '../../contracts/notifications.js';

/**
 * The templates Sila ships, in Arabic and English. An administrator's edit replaces one (stored in
 * `message_templates`); removing the edit brings the default back. WhatsApp names are the ones to
 * register in WhatsApp Manager (its approved text must match, with {{1}}, {{2}}… in this order).
 */
export interface TemplateText {
  subject: string | null;
  body: string;
  whatsappTemplate: string | null;
}

type Defaults = Record<NotificationEvent, Partial<Record<TemplateChannel, { ar: TemplateText; en: TemplateText }>>>;

const t = (body: string, subject: string | null = null, whatsappTemplate: string | null = null): TemplateText => ({
  subject,
  body,
  whatsappTemplate,
});

export const DEFAULT_TEMPLATES: Defaults = {
  'family.registered': {
    sms: {
      ar: t('{{associationName}}: أهلاً {{familyName}}، سُجّلت أسرتكم لدينا برقم {{reference}}. احتفظوا بهذا الرقم عند التواصل معنا.'),
      en: t(
        '{{associationName}}: Welcome {{familyName}}. Your family is registered with reference {{reference}}. Please quote it when you contact us.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nيسرّنا إبلاغكم بأن أسرتكم سُجّلت في {{associationName}} برقم المرجع {{reference}}.\nيُرجى الاحتفاظ بهذا الرقم وذكره عند التواصل معنا.\n\nمع خالص التحية،\n{{associationName}}',
        'تسجيل أسرتكم — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nYour family is now registered with {{associationName}} under reference {{reference}}.\nPlease keep this number and quote it when you contact us.\n\nKind regards,\n{{associationName}}',
        'Your family is registered — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('أهلاً {{familyName}}، سُجّلت أسرتكم لدى {{associationName}} برقم {{reference}}.', null, 'sila_family_registered'),
      en: t(
        'Welcome {{familyName}}, your family is registered with {{associationName}} under reference {{reference}}.',
        null,
        'sila_family_registered',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nنفيدكم بأن أسرتكم سُجّلت لدى {{associationName}} برقم المرجع {{reference}}، ونأمل الاحتفاظ بهذا الرقم وذكره في كل مراجعة.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار تسجيل أسرة',
      ),
      en: t(
        'To the family of {{familyName}},\n\nWe are pleased to confirm that your family is registered with {{associationName}} under reference {{reference}}. Please quote this number whenever you contact us.\n\nYours sincerely,\n{{associationName}}',
        'Confirmation of registration',
      ),
    },
    'phone-call': {
      ar: t('عرّف بنفسك من {{associationName}}، وأبلغ {{familyName}} بأن الأسرة سُجّلت برقم {{reference}}، واطلب الاحتفاظ بالرقم.'),
      en: t(
        'Introduce yourself from {{associationName}}; tell {{familyName}} the family is registered under {{reference}} and ask them to keep the number.',
      ),
    },
  },
  'auth.one-time-code': {
    sms: {
      ar: t('رمز الدخول إلى بوابة {{associationName}}: {{code}}\nصالح {{minutes}} دقائق. لا تشاركه مع أحد.'),
      en: t('{{associationName}} portal sign-in code: {{code}}\nValid for {{minutes}} minutes. Do not share it.'),
    },
    // Issue 20 §7: to the registered mobile by WhatsApp (an approved authentication template), or to a verified e-mail.
    whatsapp: {
      ar: t('رمز الدخول إلى بوابة {{associationName}}: {{code}} صالح {{minutes}} دقائق. لا تشاركه مع أحد.', null, 'sila_portal_code'),
      en: t('{{associationName}} portal sign-in code: {{code}}. Valid for {{minutes}} minutes. Do not share it.', null, 'sila_portal_code'),
    },
    email: {
      ar: t(
        'السلام عليكم،\n\nرمز الدخول إلى بوابة {{associationName}}: {{code}}\nصالح {{minutes}} دقائق، ولمرة واحدة. لا تشاركه مع أحد؛ لن نطلبه منكم أبدًا.\n\nإن لم تطلبوا الدخول فتجاهلوا هذه الرسالة.\n\n{{associationName}}',
        'رمز الدخول: {{code}}',
      ),
      en: t(
        'Hello,\n\nYour {{associationName}} portal sign-in code: {{code}}\nValid for {{minutes}} minutes, once. Do not share it; we will never ask you for it.\n\nIf you did not ask to sign in, ignore this message.\n\n{{associationName}}',
        'Sign-in code: {{code}}',
      ),
    },
  },
  'request.attestation-code': {
    sms: {
      ar: t('رمز تأكيد بيانات طلبكم رقم {{reference}} لدى {{associationName}}: {{code}}\nصالح {{minutes}} دقائق. لا تشاركه مع أحد.'),
      en: t(
        'Code to confirm the data of your request {{reference}} with {{associationName}}: {{code}}\nValid for {{minutes}} minutes. Do not share it.',
      ),
    },
  },
  'request.status-changed': {
    sms: {
      ar: t('{{associationName}}: طلبكم رقم {{reference}} أصبح: {{status}}. {{link}}'),
      en: t('{{associationName}}: your request {{reference}} is now: {{status}}. {{link}}'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nتغيّرت حالة طلبكم رقم {{reference}} إلى: {{status}}.\nموعد الرد: {{deadline}}\n{{link}}\n\nمع خالص التحية،\n{{associationName}}',
        'طلبكم {{reference}}: {{status}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nYour request {{reference}} is now: {{status}}.\nWe will answer by: {{deadline}}\n{{link}}\n\nKind regards,\n{{associationName}}',
        'Your request {{reference}}: {{status}}',
      ),
    },
    whatsapp: {
      ar: t('طلبكم رقم {{reference}} لدى {{associationName}} أصبح: {{status}}.', null, 'sila_request_status'),
      en: t('Your request {{reference}} with {{associationName}} is now: {{status}}.', null, 'sila_request_status'),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nنفيدكم بأن حالة طلبكم رقم {{reference}} أصبحت: {{status}}.\nموعد الرد: {{deadline}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار بحالة طلب',
      ),
      en: t(
        'To the family of {{familyName}},\n\nYour request {{reference}} is now: {{status}}.\nWe will answer by: {{deadline}}\n\nYours sincerely,\n{{associationName}}',
        'Update on your request',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بأن حالة الطلب {{reference}} أصبحت: {{status}}، وموعد الرد {{deadline}}.'),
      en: t('Tell {{familyName}} that request {{reference}} is now: {{status}}, answer due {{deadline}}.'),
    },
    'staff-app': {
      ar: t('الطلب {{reference}} أصبح: {{status}}. موعد الرد: {{deadline}}', 'الطلب {{reference}}: {{status}}'),
      en: t('Request {{reference}} is now: {{status}}. Answer due: {{deadline}}', 'Request {{reference}}: {{status}}'),
    },
  },
  'complaint.received': {
    sms: {
      ar: t('{{associationName}}: استلمنا شكواك برقم {{reference}}. تابع حالتها عبر: {{link}}'),
      en: t('{{associationName}}: we received your complaint {{reference}}. Follow it at: {{link}}'),
    },
    email: {
      ar: t(
        'السلام عليكم ورحمة الله،\n\nاستلمنا شكواك برقم المرجع {{reference}}، وستتولى لجنة المتابعة دراستها.\nتابع حالتها في أي وقت عبر الرابط التالي (يحمل رمز التتبع الخاص بك، فلا تشاركه):\n{{link}}\n\nمع خالص التحية،\n{{associationName}}',
        'استلمنا شكواك — {{reference}}',
      ),
      en: t(
        'Hello,\n\nWe received your complaint under reference {{reference}}; the follow-up committee will study it.\nFollow its progress at any time through this link (it carries your private tracking code, so do not share it):\n{{link}}\n\nKind regards,\n{{associationName}}',
        'We received your complaint — {{reference}}',
      ),
    },
  },
  'inquiry.received': {
    sms: {
      ar: t('{{associationName}}: استلمنا استفسارك برقم {{reference}}. تابع الرد عبر: {{link}}'),
      en: t('{{associationName}}: we received your inquiry {{reference}}. Follow the answer at: {{link}}'),
    },
    email: {
      ar: t(
        'السلام عليكم ورحمة الله،\n\nاستلمنا استفسارك برقم المرجع {{reference}}، وسيصلك الرد من ضابط الاتصال المختص.\nتابع حالته في أي وقت عبر الرابط التالي (يحمل رمز التتبع الخاص بك، فلا تشاركه):\n{{link}}\n\nمع خالص التحية،\n{{associationName}}',
        'استلمنا استفسارك — {{reference}}',
      ),
      en: t(
        'Hello,\n\nWe received your inquiry under reference {{reference}}; the contact officer concerned will answer it.\nFollow its progress at any time through this link (it carries your private tracking code, so do not share it):\n{{link}}\n\nKind regards,\n{{associationName}}',
        'We received your inquiry — {{reference}}',
      ),
    },
  },
  'complaint.acknowledged': {
    sms: {
      ar: t('{{associationName}}: استلمنا شكواك برقم {{reference}}. رمز التتبع الخاص بك: {{trackingCode}} — تابعها عبر: {{link}}'),
      en: t('{{associationName}}: we received your complaint {{reference}}. Your tracking code: {{trackingCode}} — follow it at: {{link}}'),
    },
    email: {
      ar: t(
        'السلام عليكم ورحمة الله،\n\nاستلمنا شكواك برقم المرجع {{reference}}، وستتولى لجنة المتابعة دراستها.\nرمز التتبع الخاص بك: {{trackingCode}} (لا تشاركه مع أحد)\nتابع حالتها في أي وقت عبر: {{link}}\n\nمع خالص التحية،\n{{associationName}}',
        'استلمنا شكواك — {{reference}}',
      ),
      en: t(
        'Hello,\n\nWe received your complaint under reference {{reference}}; the follow-up committee will study it.\nYour private tracking code: {{trackingCode}} (do not share it)\nFollow its progress at any time at: {{link}}\n\nKind regards,\n{{associationName}}',
        'We received your complaint — {{reference}}',
      ),
    },
    letter: {
      ar: t(
        'السلام عليكم ورحمة الله وبركاته،\n\nنفيدكم باستلام شكواكم وقيدها برقم المرجع {{reference}}، وستتولى لجنة المتابعة دراستها والرد عليكم.\nرمز التتبع الخاص بكم: {{trackingCode}}\nيمكنكم متابعة حالتها عبر الرابط: {{link}}\nنرجو عدم إطلاع أحد على رمز التتبع.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار استلام شكوى',
      ),
      en: t(
        'Dear Sir or Madam,\n\nWe confirm receipt of your complaint, registered under reference {{reference}}; the follow-up committee will study it and reply to you.\nYour private tracking code: {{trackingCode}}\nYou may follow its progress at: {{link}}\nPlease do not share the tracking code.\n\nYours sincerely,\n{{associationName}}',
        'Acknowledgement of your complaint',
      ),
    },
    'phone-call': {
      ar: t(
        'عرّف بنفسك من {{associationName}}، وأبلغ مقدّم الشكوى باستلامها برقم {{reference}}، وأملِ عليه رمز التتبع {{trackingCode}} حرفًا حرفًا.',
      ),
      en: t(
        'Introduce yourself from {{associationName}}; confirm the complaint was received as {{reference}} and read out the tracking code {{trackingCode}} character by character.',
      ),
    },
  },
  'inquiry.acknowledged': {
    sms: {
      ar: t('{{associationName}}: استلمنا استفسارك برقم {{reference}}. رمز التتبع الخاص بك: {{trackingCode}} — تابع الرد عبر: {{link}}'),
      en: t(
        '{{associationName}}: we received your inquiry {{reference}}. Your tracking code: {{trackingCode}} — follow the answer at: {{link}}',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم ورحمة الله،\n\nاستلمنا استفسارك برقم المرجع {{reference}}، وسيصلك الرد من ضابط الاتصال المختص.\nرمز التتبع الخاص بك: {{trackingCode}} (لا تشاركه مع أحد)\nتابع حالته في أي وقت عبر: {{link}}\n\nمع خالص التحية،\n{{associationName}}',
        'استلمنا استفسارك — {{reference}}',
      ),
      en: t(
        'Hello,\n\nWe received your inquiry under reference {{reference}}; the contact officer concerned will answer it.\nYour private tracking code: {{trackingCode}} (do not share it)\nFollow its progress at any time at: {{link}}\n\nKind regards,\n{{associationName}}',
        'We received your inquiry — {{reference}}',
      ),
    },
    letter: {
      ar: t(
        'السلام عليكم ورحمة الله وبركاته،\n\nنفيدكم باستلام استفساركم وقيده برقم المرجع {{reference}}، وسيتولى ضابط الاتصال المختص الرد عليكم.\nرمز التتبع الخاص بكم: {{trackingCode}}\nيمكنكم متابعة الرد عبر الرابط: {{link}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار استلام استفسار',
      ),
      en: t(
        'Dear Sir or Madam,\n\nWe confirm receipt of your inquiry, registered under reference {{reference}}; the contact officer concerned will answer you.\nYour private tracking code: {{trackingCode}}\nYou may follow the answer at: {{link}}\n\nYours sincerely,\n{{associationName}}',
        'Acknowledgement of your inquiry',
      ),
    },
    'phone-call': {
      ar: t(
        'عرّف بنفسك من {{associationName}}، وأبلغ السائل باستلام استفساره برقم {{reference}}، وأملِ عليه رمز التتبع {{trackingCode}} حرفًا حرفًا.',
      ),
      en: t(
        'Introduce yourself from {{associationName}}; confirm the inquiry was received as {{reference}} and read out the tracking code {{trackingCode}} character by character.',
      ),
    },
  },
  'complaint.responded': {
    sms: {
      ar: t('{{associationName}}: صدر الرد على شكواك {{reference}}: {{response}}\n{{escalation}}'),
      en: t('{{associationName}}: the response to your complaint {{reference}}: {{response}}\n{{escalation}}'),
    },
    email: {
      ar: t(
        'السلام عليكم ورحمة الله،\n\nدرست لجنة المتابعة شكواك رقم {{reference}}، وهذا ردها:\n\n{{response}}\n\nإن لم يرضك الرد: {{escalation}}\n\nمع خالص التحية،\n{{associationName}}',
        'الرد على شكواك — {{reference}}',
      ),
      en: t(
        'Hello,\n\nThe follow-up committee has studied your complaint {{reference}}. Its response:\n\n{{response}}\n\nIf you are not satisfied: {{escalation}}\n\nKind regards,\n{{associationName}}',
        'Response to your complaint — {{reference}}',
      ),
    },
    letter: {
      ar: t(
        'السلام عليكم ورحمة الله وبركاته،\n\nإشارة إلى شكواكم رقم {{reference}}، نفيدكم بأن لجنة المتابعة درستها، وهذا ردها:\n\n{{response}}\n\nوفي حال عدم رضاكم عن الرد: {{escalation}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'الرد على شكوى',
      ),
      en: t(
        'Dear Sir or Madam,\n\nFurther to your complaint {{reference}}, the follow-up committee has studied it. Its response:\n\n{{response}}\n\nIf you are not satisfied: {{escalation}}\n\nYours sincerely,\n{{associationName}}',
        'Response to your complaint',
      ),
    },
    'phone-call': {
      ar: t(
        'عرّف بنفسك من {{associationName}}، واقرأ على مقدّم الشكوى {{reference}} الرد: {{response}}، ثم بيّن له طريق التصعيد: {{escalation}}',
      ),
      en: t(
        'Introduce yourself from {{associationName}}; read the response to complaint {{reference}}: {{response}}, then explain how to escalate: {{escalation}}',
      ),
    },
  },
  'inquiry.answered': {
    sms: {
      ar: t('{{associationName}}: الرد على استفسارك {{reference}}: {{answer}}'),
      en: t('{{associationName}}: the answer to your inquiry {{reference}}: {{answer}}'),
    },
    email: {
      ar: t(
        'السلام عليكم ورحمة الله،\n\nردًا على استفسارك رقم {{reference}}:\n\n{{answer}}\n\nمع خالص التحية،\n{{associationName}}',
        'الرد على استفسارك — {{reference}}',
      ),
      en: t(
        'Hello,\n\nIn answer to your inquiry {{reference}}:\n\n{{answer}}\n\nKind regards,\n{{associationName}}',
        'Answer to your inquiry — {{reference}}',
      ),
    },
    letter: {
      ar: t(
        'السلام عليكم ورحمة الله وبركاته،\n\nإشارة إلى استفساركم رقم {{reference}}، نفيدكم بما يلي:\n\n{{answer}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'الرد على استفسار',
      ),
      en: t(
        'Dear Sir or Madam,\n\nFurther to your inquiry {{reference}}:\n\n{{answer}}\n\nYours sincerely,\n{{associationName}}',
        'Answer to your inquiry',
      ),
    },
    'phone-call': {
      ar: t('عرّف بنفسك من {{associationName}}، واقرأ على السائل الرد على استفساره {{reference}}: {{answer}}'),
      en: t('Introduce yourself from {{associationName}}; read the answer to inquiry {{reference}}: {{answer}}'),
    },
  },
  'complaint.assigned': {
    'staff-app': {
      ar: t('أُسند إليك {{reference}}. موعد الرد: {{deadline}}', 'أُسند إليك {{reference}}'),
      en: t('{{reference}} is assigned to you. Reply due: {{deadline}}', '{{reference}} assigned to you'),
    },
  },
  'complaint.deadline-warning': {
    'staff-app': {
      ar: t('اقترب موعد الرد على {{reference}}: {{deadline}}.', 'اقترب موعد الرد — {{reference}}'),
      en: t('The reply to {{reference}} is due soon: {{deadline}}.', 'Reply due soon — {{reference}}'),
    },
  },
  'complaint.deadline-breached': {
    'staff-app': {
      ar: t('تجاوز {{reference}} موعد الرد ({{deadline}}) ورُفع إلى الإدارة.', 'تأخر الرد — {{reference}}'),
      en: t('{{reference}} passed its reply date ({{deadline}}) and was escalated to management.', 'Reply overdue — {{reference}}'),
    },
  },
  'request.received': {
    sms: {
      ar: t(
        '{{associationName}}: استلمنا طلبكم ({{typeName}}) برقم {{reference}} مكتملاً، وأُحيل إلى اللجنة المختصة لدراسته. موعد الرد: {{deadline}}.',
      ),
      en: t(
        '{{associationName}}: your request ({{typeName}}) {{reference}} is complete and has gone to the competent committee. Reply due by {{deadline}}.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nنفيدكم باستلام طلبكم ({{typeName}}) برقم المرجع {{reference}} مكتملاً، وقد أُحيل إلى اللجنة المختصة لدراسته.\nسنوافيكم بالرد عبر وسيلة التواصل المتفق عليها في موعد أقصاه: {{deadline}}.\n\nمع خالص التحية،\n{{associationName}}',
        'استلام طلبكم — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nYour request ({{typeName}}) under reference {{reference}} has been received complete and passed to the competent committee for study.\nWe will reply through the channel agreed with you by: {{deadline}}.\n\nKind regards,\n{{associationName}}',
        'Your request is received — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t(
        'استلمنا طلبكم رقم {{reference}} لدى {{associationName}} وأُحيل إلى اللجنة المختصة. موعد الرد: {{deadline}}.',
        null,
        'sila_request_received',
      ),
      en: t(
        'Your request {{reference}} with {{associationName}} has gone to the competent committee. Reply due by {{deadline}}.',
        null,
        'sila_request_received',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nنفيدكم باستلام طلبكم ({{typeName}}) برقم المرجع {{reference}} مكتملاً، وقد أُحيل إلى اللجنة المختصة لدراسته، وسنوافيكم بالرد في موعد أقصاه {{deadline}}.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار باستلام طلب',
      ),
      en: t(
        'To the family of {{familyName}},\n\nYour request ({{typeName}}) under reference {{reference}} has been received complete and passed to the competent committee. We will reply by {{deadline}}.\n\nYours sincerely,\n{{associationName}}',
        'Your request is received',
      ),
    },
    'phone-call': {
      ar: t(
        'أبلغ {{familyName}} باستلام الطلب {{reference}} ({{typeName}}) مكتملاً وإحالته إلى اللجنة المختصة، وأن موعد الرد {{deadline}}.',
      ),
      en: t(
        'Tell {{familyName}} that request {{reference}} ({{typeName}}) is complete and with the competent committee; reply due {{deadline}}.',
      ),
    },
  },
  'request.information-requested': {
    sms: {
      ar: t('{{associationName}}: تحتاج اللجنة إلى معلومات إضافية لطلبكم رقم {{reference}}: {{note}}. يُرجى مراجعتنا.'),
      en: t('{{associationName}}: the committee needs more information for your request {{reference}}: {{note}}. Please contact us.'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nتحتاج اللجنة المختصة إلى معلومات إضافية لاستكمال دراسة طلبكم ({{typeName}}) رقم {{reference}}:\n{{note}}\n\nيُرجى تزويدنا بها في أقرب وقت، ويُستأنف احتساب مدة الرد عند استلامها.\n\nمع خالص التحية،\n{{associationName}}',
        'مطلوب معلومات إضافية — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nThe competent committee needs more information to study your request ({{typeName}}) {{reference}}:\n{{note}}\n\nPlease send it to us soon; the reply period resumes once we receive it.\n\nKind regards,\n{{associationName}}',
        'More information needed — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('تحتاج اللجنة إلى معلومات إضافية لطلبكم رقم {{reference}} لدى {{associationName}}: {{note}}', null, 'sila_request_information'),
      en: t(
        'The committee needs more information for your request {{reference}} with {{associationName}}: {{note}}',
        null,
        'sila_request_information',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nتحتاج اللجنة المختصة إلى معلومات إضافية لاستكمال دراسة طلبكم رقم {{reference}}، وهي:\n{{note}}\n\nنأمل تزويدنا بها في أقرب وقت.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'طلب معلومات إضافية',
      ),
      en: t(
        'To the family of {{familyName}},\n\nThe competent committee needs more information to study your request {{reference}}:\n{{note}}\n\nPlease send it to us soon.\n\nYours sincerely,\n{{associationName}}',
        'More information needed',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بأن اللجنة تحتاج إلى معلومات إضافية للطلب {{reference}}: {{note}}'),
      en: t('Tell {{familyName}} the committee needs more information for request {{reference}}: {{note}}'),
    },
  },
  'request.decided': {
    sms: {
      ar: t('{{associationName}}: صدر قرار اللجنة في طلبكم رقم {{reference}}: {{outcome}}. {{reasons}}'),
      en: t('{{associationName}}: the committee has decided on your request {{reference}}: {{outcome}}. {{reasons}}'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nنفيدكم بأن اللجنة المختصة درست طلبكم ({{typeName}}) رقم {{reference}}، وقررت: {{outcome}}.\nالأسباب: {{reasons}}\n\nمع خالص التحية،\n{{associationName}}',
        'قرار اللجنة في طلبكم — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nThe competent committee has studied your request ({{typeName}}) {{reference}} and decided: {{outcome}}.\nReasons: {{reasons}}\n\nKind regards,\n{{associationName}}',
        'The committee’s decision — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('قرار اللجنة في طلبكم رقم {{reference}} لدى {{associationName}}: {{outcome}}. {{reasons}}', null, 'sila_request_decided'),
      en: t(
        'The committee’s decision on your request {{reference}} with {{associationName}}: {{outcome}}. {{reasons}}',
        null,
        'sila_request_decided',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nنفيدكم بأن اللجنة المختصة درست طلبكم ({{typeName}}) رقم {{reference}}، وقررت: {{outcome}}.\nالأسباب: {{reasons}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار بقرار اللجنة',
      ),
      en: t(
        'To the family of {{familyName}},\n\nThe competent committee has studied your request ({{typeName}}) {{reference}} and decided: {{outcome}}.\nReasons: {{reasons}}\n\nYours sincerely,\n{{associationName}}',
        'The committee’s decision',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بقرار اللجنة في الطلب {{reference}}: {{outcome}}، مع الأسباب: {{reasons}}'),
      en: t('Tell {{familyName}} the committee’s decision on request {{reference}}: {{outcome}}, with the reasons: {{reasons}}'),
    },
  },
  'request.deadline-warning': {
    'staff-app': {
      ar: t(
        'اقترب موعد الرد على الطلب {{reference}} ({{typeName}}) لأسرة {{familyName}}: {{deadline}}.',
        'اقترب موعد الرد — {{reference}}',
      ),
      en: t(
        'The reply to request {{reference}} ({{typeName}}) for {{familyName}} is due soon: {{deadline}}.',
        'Reply due soon — {{reference}}',
      ),
    },
  },
  'request.deadline-breached': {
    'staff-app': {
      ar: t(
        'تجاوز الطلب {{reference}} ({{typeName}}) لأسرة {{familyName}} موعد الرد المحدد {{deadline}}.',
        'تجاوز موعد الرد — {{reference}}',
      ),
      en: t(
        'Request {{reference}} ({{typeName}}) for {{familyName}} passed its reply deadline {{deadline}}.',
        'Reply overdue — {{reference}}',
      ),
    },
  },
  // G3, F2 (issue 20 §2): an announcement in bulk, always with the way to stop receiving them.
  'announcement.general': {
    sms: {
      ar: t('{{associationName}}: {{text}}\nلإيقاف هذه الرسائل: {{withdrawLink}}'),
      en: t('{{associationName}}: {{text}}\nTo stop these messages: {{withdrawLink}}'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\n{{text}}\n\nمع خالص التحية،\n{{associationName}}\n\nوصلتكم هذه الرسالة لأنكم وافقتم على تلقي أخبار الجمعية. لإيقافها: {{withdrawLink}}',
        'رسالة من {{associationName}}',
      ),
      en: t(
        'Dear {{familyName}},\n\n{{text}}\n\nKind regards,\n{{associationName}}\n\nYou receive this because you agreed to hear the association’s news. To stop: {{withdrawLink}}',
        'A message from {{associationName}}',
      ),
    },
    whatsapp: {
      ar: t('{{text}}\nلإيقاف هذه الرسائل: {{withdrawLink}}', null, 'sila_announcement'),
      en: t('{{text}}\nTo stop these messages: {{withdrawLink}}', null, 'sila_announcement'),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\n{{text}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}\n\nلإيقاف رسائل الجمعية الإخبارية: {{withdrawLink}}',
        'إشعار من الجمعية',
      ),
      en: t(
        'Dear {{familyName}} family,\n\n{{text}}\n\nWith our best regards,\n{{associationName}}\n\nTo stop the association’s news: {{withdrawLink}}',
        'A notice from the association',
      ),
    },
    'phone-call': {
      ar: t(
        'عرّف بنفسك من {{associationName}}، وأبلغ {{familyName}}: {{text}} — وإن لم ترغب الأسرة في هذه الأخبار فسجّل سحب موافقتها أو أعطها الرابط {{withdrawLink}}.',
      ),
      en: t(
        'Introduce yourself from {{associationName}} and tell {{familyName}}: {{text}} — if the family does not want such news, record the withdrawal or give them {{withdrawLink}}.',
      ),
    },
  },
  // Issue 24 §2 (H1, F2): the survey link, short, with the way to stop survey messages.
  'survey.invitation': {
    sms: {
      ar: t(
        '{{associationName}}: يسعدنا رأيكم في خدمتنا ({{questions}} أسئلة، أقل من دقيقة): {{link}}\nلإيقاف الاستبانات: {{withdrawLink}}',
      ),
      en: t(
        '{{associationName}}: We would value your opinion ({{questions}} questions, under a minute): {{link}}\nTo stop surveys: {{withdrawLink}}',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nيسعدنا أن نعرف رأيكم في خدمتنا. الاستبانة {{questions}} أسئلة وتستغرق أقل من دقيقة:\n{{link}}\n\nمع خالص التحية،\n{{associationName}}\n\nلإيقاف رسائل الاستبانات: {{withdrawLink}}',
        'رأيكم يهمنا — {{associationName}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nWe would like to know what you think of our service. The survey has {{questions}} questions and takes under a minute:\n{{link}}\n\nKind regards,\n{{associationName}}\n\nTo stop survey messages: {{withdrawLink}}',
        'Your opinion matters — {{associationName}}',
      ),
    },
    whatsapp: {
      ar: t('يسعدنا رأيكم في خدمتنا: {{link}}\nلإيقاف الاستبانات: {{withdrawLink}}', null, 'sila_survey'),
      en: t('We would value your opinion: {{link}}\nTo stop surveys: {{withdrawLink}}', null, 'sila_survey'),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nيسعدنا أن نعرف رأيكم في خدمتنا عبر الرابط: {{link}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}\n\nلإيقاف رسائل الاستبانات: {{withdrawLink}}',
        'رأيكم يهمنا',
      ),
      en: t(
        'Dear {{familyName}} family,\n\nWe would like to know what you think of our service: {{link}}\n\nWith our best regards,\n{{associationName}}\n\nTo stop survey messages: {{withdrawLink}}',
        'Your opinion matters',
      ),
    },
    'phone-call': {
      ar: t(
        'عرّف بنفسك من {{associationName}} واسأل {{familyName}} أسئلة الاستبانة ({{questions}} أسئلة) وسجّل الإجابات عبر {{link}} — وإن لم ترغب الأسرة في الاستبانات فسجّل سحب موافقتها ({{withdrawLink}}).',
      ),
      en: t(
        'Introduce yourself from {{associationName}}, ask {{familyName}} the survey’s {{questions}} questions and enter the answers at {{link}} — if the family wants no surveys, record the withdrawal ({{withdrawLink}}).',
      ),
    },
  },
  'survey.follow-up': {
    'staff-app': {
      ar: t(
        'إجابة سلبية في استبانة الرضا ({{score}}) عن {{caseReference}}: يُرجى التواصل مع الأسرة ومتابعة ملاحظتها. المرجع {{reference}}.',
        'متابعة إجابة سلبية — {{caseReference}}',
      ),
      en: t(
        'A negative satisfaction answer ({{score}}) about {{caseReference}}: please contact the family and follow up. Reference {{reference}}.',
        'Negative answer to follow up — {{caseReference}}',
      ),
    },
  },
  // Issue 26 §4–§5 (R1, R2, P-SCOPE): policy acknowledgements.
  'acknowledgement.reminder': {
    'staff-app': {
      ar: t('تذكير: يُرجى قراءة «{{title}}» والإقرار بالاطلاع عليها قبل {{deadline}}.', 'تذكير بالإقرار بالاطلاع — {{title}}'),
      en: t('Reminder: please read “{{title}}” and acknowledge it before {{deadline}}.', 'Reminder to acknowledge — {{title}}'),
    },
  },
  'acknowledgement.link': {
    sms: {
      ar: t('{{associationName}}: يُرجى قراءة «{{title}}» والإقرار بالاطلاع عليها عبر الرابط: {{link}} (صالح لمرة واحدة).'),
      en: t('{{associationName}}: Please read “{{title}}” and acknowledge it at {{link}} (single use).'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nنرجو قراءة «{{title}}» والإقرار بالاطلاع عليها عبر الرابط التالي (صالح لمرة واحدة):\n{{link}}\n\nمع خالص التحية،\n{{associationName}}',
        'إقرار بالاطلاع — {{title}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nPlease read “{{title}}” and acknowledge it at this single-use link:\n{{link}}\n\nKind regards,\n{{associationName}}',
        'Acknowledgement — {{title}}',
      ),
    },
  },
  // Issue 23 §5 (D1–D4): compensation cases; no staff names, no internal notes.
  'compensation.opened': {
    sms: {
      ar: t(
        '{{associationName}}: فُتحت قضية تعويض برقم {{reference}} للنظر فيما تعرّضتم له، وستدرسها لجنة التحقيق والمتابعة، وسنبلغكم بكل خطوة.',
      ),
      en: t(
        '{{associationName}}: A compensation case {{reference}} has been opened to look into the harm you reported. The investigation and follow-up committee will study it, and we will tell you of every step.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nفُتحت قضية تعويض برقم {{reference}} للنظر فيما تعرّضتم له، وستدرسها لجنة التحقيق والمتابعة، وسنبلغكم بكل خطوة.\n\nمع خالص التحية،\n{{associationName}}',
        'فتح قضية تعويض — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nA compensation case {{reference}} has been opened to look into the harm you reported. The investigation and follow-up committee will study it, and we will tell you of every step.\n\nKind regards,\n{{associationName}}',
        'Compensation case opened — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t(
        'فُتحت قضية تعويض برقم {{reference}} للنظر فيما تعرّضتم له، وستدرسها لجنة التحقيق والمتابعة، وسنبلغكم بكل خطوة.',
        null,
        'sila_compensation_opened',
      ),
      en: t(
        'A compensation case {{reference}} has been opened to look into the harm you reported. The investigation and follow-up committee will study it, and we will tell you of every step.',
        null,
        'sila_compensation_opened',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nفُتحت قضية تعويض برقم {{reference}} للنظر فيما تعرّضتم له، وستدرسها لجنة التحقيق والمتابعة، وسنبلغكم بكل خطوة.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار بفتح قضية تعويض',
      ),
      en: t(
        'To the family of {{familyName}},\n\nA compensation case {{reference}} has been opened to look into the harm you reported. The investigation and follow-up committee will study it, and we will tell you of every step.\n\nYours sincerely,\n{{associationName}}',
        'Notice of a compensation case',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بفتح قضية التعويض {{reference}} وبأن لجنة التحقيق والمتابعة ستدرسها.'),
      en: t(
        'Tell {{familyName}} that compensation case {{reference}} is opened and the investigation and follow-up committee will study it.',
      ),
    },
  },
  'compensation.decided': {
    sms: {
      ar: t('{{associationName}}: انتهت دراسة قضية التعويض رقم {{reference}}: {{outcome}}. {{reasons}}'),
      en: t('{{associationName}}: The study of compensation case {{reference}} is complete: {{outcome}}. {{reasons}}'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nانتهت دراسة قضية التعويض رقم {{reference}}: {{outcome}}. {{reasons}}\n\nمع خالص التحية،\n{{associationName}}',
        'نتيجة دراسة قضية التعويض — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nThe study of compensation case {{reference}} is complete: {{outcome}}. {{reasons}}\n\nKind regards,\n{{associationName}}',
        'Outcome of compensation case — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('انتهت دراسة قضية التعويض رقم {{reference}}: {{outcome}}. {{reasons}}', null, 'sila_compensation_decided'),
      en: t('The study of compensation case {{reference}} is complete: {{outcome}}. {{reasons}}', null, 'sila_compensation_decided'),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nانتهت دراسة قضية التعويض رقم {{reference}}: {{outcome}}. {{reasons}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار بنتيجة دراسة قضية التعويض',
      ),
      en: t(
        'To the family of {{familyName}},\n\nThe study of compensation case {{reference}} is complete: {{outcome}}. {{reasons}}\n\nYours sincerely,\n{{associationName}}',
        'Outcome of the compensation case',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بنتيجة دراسة قضية التعويض {{reference}}: {{outcome}}، مع الأسباب: {{reasons}}'),
      en: t('Tell {{familyName}} the outcome of compensation case {{reference}}: {{outcome}}, with the reasons: {{reasons}}'),
    },
  },
  'compensation.offer': {
    sms: {
      ar: t('{{associationName}}: تعرض الجمعية عليكم في قضية التعويض رقم {{reference}}: {{offer}}. نرجو إبلاغنا بردّكم.'),
      en: t(
        '{{associationName}}: In compensation case {{reference}} the association offers you: {{offer}}. Please let us know your answer.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nتعرض الجمعية عليكم في قضية التعويض رقم {{reference}}: {{offer}}. نرجو إبلاغنا بردّكم.\n\nمع خالص التحية،\n{{associationName}}',
        'عرض تسوية — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nIn compensation case {{reference}} the association offers you: {{offer}}. Please let us know your answer.\n\nKind regards,\n{{associationName}}',
        'Settlement offer — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('تعرض الجمعية عليكم في قضية التعويض رقم {{reference}}: {{offer}}. نرجو إبلاغنا بردّكم.', null, 'sila_compensation_offer'),
      en: t(
        'In compensation case {{reference}} the association offers you: {{offer}}. Please let us know your answer.',
        null,
        'sila_compensation_offer',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nتعرض الجمعية عليكم في قضية التعويض رقم {{reference}}: {{offer}}. نرجو إبلاغنا بردّكم.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'عرض تسوية ودية',
      ),
      en: t(
        'To the family of {{familyName}},\n\nIn compensation case {{reference}} the association offers you: {{offer}}. Please let us know your answer.\n\nYours sincerely,\n{{associationName}}',
        'Offer of an amicable settlement',
      ),
    },
    'phone-call': {
      ar: t('اعرض على {{familyName}} في قضية التعويض {{reference}}: {{offer}}، واطلب ردّهم.'),
      en: t('Offer {{familyName}} in compensation case {{reference}}: {{offer}}, and ask for their answer.'),
    },
  },
  'compensation.settled': {
    sms: {
      ar: t('{{associationName}}: اعتُمدت التسوية في قضية التعويض رقم {{reference}} بمبلغ {{amount}}، وسنبلغكم عند كل صرف.'),
      en: t(
        '{{associationName}}: The settlement of compensation case {{reference}} is agreed for {{amount}}; we will tell you of each payment.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nاعتُمدت التسوية في قضية التعويض رقم {{reference}} بمبلغ {{amount}}، وسنبلغكم عند كل صرف.\n\nمع خالص التحية،\n{{associationName}}',
        'اعتماد التسوية — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nThe settlement of compensation case {{reference}} is agreed for {{amount}}; we will tell you of each payment.\n\nKind regards,\n{{associationName}}',
        'Settlement agreed — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('اعتُمدت التسوية في قضية التعويض رقم {{reference}} بمبلغ {{amount}}، وسنبلغكم عند كل صرف.', null, 'sila_compensation_settled'),
      en: t(
        'The settlement of compensation case {{reference}} is agreed for {{amount}}; we will tell you of each payment.',
        null,
        'sila_compensation_settled',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nاعتُمدت التسوية في قضية التعويض رقم {{reference}} بمبلغ {{amount}}، وسنبلغكم عند كل صرف.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار باعتماد التسوية',
      ),
      en: t(
        'To the family of {{familyName}},\n\nThe settlement of compensation case {{reference}} is agreed for {{amount}}; we will tell you of each payment.\n\nYours sincerely,\n{{associationName}}',
        'Notice of the agreed settlement',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} باعتماد التسوية في قضية التعويض {{reference}} بمبلغ {{amount}}.'),
      en: t('Tell {{familyName}} the settlement of compensation case {{reference}} is agreed for {{amount}}.'),
    },
  },
  'compensation.payment': {
    sms: {
      ar: t('{{associationName}}: صُرف لكم {{amount}} في قضية التعويض رقم {{reference}}. المتبقي: {{remaining}}.'),
      en: t('{{associationName}}: {{amount}} has been paid to you in compensation case {{reference}}. Remaining: {{remaining}}.'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nصُرف لكم {{amount}} في قضية التعويض رقم {{reference}}. المتبقي: {{remaining}}.\n\nمع خالص التحية،\n{{associationName}}',
        'صرف التعويض — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\n{{amount}} has been paid to you in compensation case {{reference}}. Remaining: {{remaining}}.\n\nKind regards,\n{{associationName}}',
        'Compensation paid — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('صُرف لكم {{amount}} في قضية التعويض رقم {{reference}}. المتبقي: {{remaining}}.', null, 'sila_compensation_payment'),
      en: t(
        '{{amount}} has been paid to you in compensation case {{reference}}. Remaining: {{remaining}}.',
        null,
        'sila_compensation_payment',
      ),
    },
    letter: {
      ar: t(
        'المكرمون أسرة {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nصُرف لكم {{amount}} في قضية التعويض رقم {{reference}}. المتبقي: {{remaining}}.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار بصرف التعويض',
      ),
      en: t(
        'To the family of {{familyName}},\n\n{{amount}} has been paid to you in compensation case {{reference}}. Remaining: {{remaining}}.\n\nYours sincerely,\n{{associationName}}',
        'Notice of a compensation payment',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بصرف {{amount}} في قضية التعويض {{reference}}، والمتبقي {{remaining}}.'),
      en: t('Tell {{familyName}} that {{amount}} was paid in compensation case {{reference}}; remaining {{remaining}}.'),
    },
  },
  'compensation.round-due': {
    'staff-app': {
      ar: t('يقترب موعد الرد في جولة التفاوض لقضية التعويض {{reference}}: {{deadline}}.', 'موعد جولة التفاوض — {{reference}}'),
      en: t('The negotiation round of compensation case {{reference}} is due: {{deadline}}.', 'Negotiation round due — {{reference}}'),
    },
  },
  // Issue 25 (F2): data-subject requests and breaches.
  'privacy.request-extended': {
    sms: {
      ar: t('{{associationName}}: مُدّدت مهلة الرد على طلبكم بشأن بياناتكم الشخصية رقم {{reference}} حتى {{deadline}}، والسبب: {{reason}}'),
      en: t(
        '{{associationName}}: The time to answer your personal-data request {{reference}} is extended to {{deadline}}. Reason: {{reason}}',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nمُدّدت مهلة الرد على طلبكم بشأن بياناتكم الشخصية رقم {{reference}} حتى {{deadline}}، والسبب: {{reason}}\n\nمع خالص التحية،\n{{associationName}}',
        'تمديد مهلة الرد على طلبكم — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nThe time to answer your personal-data request {{reference}} is extended to {{deadline}}. Reason: {{reason}}\n\nKind regards,\n{{associationName}}',
        'Your request’s answer period is extended — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t(
        'مُدّدت مهلة الرد على طلبكم بشأن بياناتكم الشخصية رقم {{reference}} حتى {{deadline}}، والسبب: {{reason}}',
        null,
        'sila_privacy_extended',
      ),
      en: t(
        'The time to answer your personal-data request {{reference}} is extended to {{deadline}}. Reason: {{reason}}',
        null,
        'sila_privacy_extended',
      ),
    },
    letter: {
      ar: t(
        'المكرمون {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nمُدّدت مهلة الرد على طلبكم بشأن بياناتكم الشخصية رقم {{reference}} حتى {{deadline}}، والسبب: {{reason}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'تمديد مهلة الرد على طلبكم — {{reference}}',
      ),
      en: t(
        'To {{familyName}},\n\nThe time to answer your personal-data request {{reference}} is extended to {{deadline}}. Reason: {{reason}}\n\nYours sincerely,\n{{associationName}}',
        'Your request’s answer period is extended — {{reference}}',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بتمديد مهلة الرد على طلب البيانات {{reference}} حتى {{deadline}}، والسبب: {{reason}}'),
      en: t('Tell {{familyName}} the answer to data request {{reference}} is extended to {{deadline}}. Reason: {{reason}}'),
    },
  },
  'privacy.request-answered': {
    sms: {
      ar: t('{{associationName}}: ردّنا على طلبكم بشأن بياناتكم الشخصية رقم {{reference}}: {{answer}}'),
      en: t('{{associationName}}: Our answer to your personal-data request {{reference}}: {{answer}}'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nردّنا على طلبكم بشأن بياناتكم الشخصية رقم {{reference}}: {{answer}}\n\nمع خالص التحية،\n{{associationName}}',
        'الرد على طلبكم بشأن بياناتكم — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nOur answer to your personal-data request {{reference}}: {{answer}}\n\nKind regards,\n{{associationName}}',
        'Answer to your data request — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t('ردّنا على طلبكم بشأن بياناتكم الشخصية رقم {{reference}}: {{answer}}', null, 'sila_privacy_answered'),
      en: t('Our answer to your personal-data request {{reference}}: {{answer}}', null, 'sila_privacy_answered'),
    },
    letter: {
      ar: t(
        'المكرمون {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nردّنا على طلبكم بشأن بياناتكم الشخصية رقم {{reference}}: {{answer}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'الرد على طلبكم بشأن بياناتكم — {{reference}}',
      ),
      en: t(
        'To {{familyName}},\n\nOur answer to your personal-data request {{reference}}: {{answer}}\n\nYours sincerely,\n{{associationName}}',
        'Answer to your data request — {{reference}}',
      ),
    },
    'phone-call': {
      ar: t('اقرأ على {{familyName}} الرد على طلب البيانات {{reference}}: {{answer}}'),
      en: t('Read {{familyName}} the answer to data request {{reference}}: {{answer}}'),
    },
  },
  'privacy.request-refused': {
    sms: {
      ar: t(
        '{{associationName}}: تعذّر إجابة طلبكم بشأن بياناتكم الشخصية رقم {{reference}}، والسبب النظامي: {{reason}}. ولكم التظلم إلى الجهة المختصة.',
      ),
      en: t(
        '{{associationName}}: We cannot grant your personal-data request {{reference}}. Legal reason: {{reason}}. You may complain to the competent authority.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nتعذّر إجابة طلبكم بشأن بياناتكم الشخصية رقم {{reference}}، والسبب النظامي: {{reason}}. ولكم التظلم إلى الجهة المختصة.\n\nمع خالص التحية،\n{{associationName}}',
        'الرد على طلبكم بشأن بياناتكم — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nWe cannot grant your personal-data request {{reference}}. Legal reason: {{reason}}. You may complain to the competent authority.\n\nKind regards,\n{{associationName}}',
        'Answer to your data request — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t(
        'تعذّر إجابة طلبكم بشأن بياناتكم الشخصية رقم {{reference}}، والسبب النظامي: {{reason}}. ولكم التظلم إلى الجهة المختصة.',
        null,
        'sila_privacy_refused',
      ),
      en: t(
        'We cannot grant your personal-data request {{reference}}. Legal reason: {{reason}}. You may complain to the competent authority.',
        null,
        'sila_privacy_refused',
      ),
    },
    letter: {
      ar: t(
        'المكرمون {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nتعذّر إجابة طلبكم بشأن بياناتكم الشخصية رقم {{reference}}، والسبب النظامي: {{reason}}. ولكم التظلم إلى الجهة المختصة.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'الرد على طلبكم بشأن بياناتكم — {{reference}}',
      ),
      en: t(
        'To {{familyName}},\n\nWe cannot grant your personal-data request {{reference}}. Legal reason: {{reason}}. You may complain to the competent authority.\n\nYours sincerely,\n{{associationName}}',
        'Answer to your data request — {{reference}}',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} برفض طلب البيانات {{reference}}، والسبب النظامي: {{reason}}'),
      en: t('Tell {{familyName}} data request {{reference}} is refused. Legal reason: {{reason}}'),
    },
  },
  // Issue 25 §3 (F2): the access copy is ready; the copy itself is never in the message.
  'privacy.copy-ready': {
    sms: {
      ar: t('{{associationName}}: نسخة بياناتكم الشخصية لطلبكم رقم {{reference}} جاهزة. {{howToReceive}}، وهي متاحة حتى {{until}}.'),
      en: t(
        '{{associationName}}: The copy of your personal data for your request {{reference}} is ready. {{howToReceive}}; it is available until {{until}}.',
      ),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nنسخة بياناتكم الشخصية لطلبكم رقم {{reference}} جاهزة. {{howToReceive}}، وهي متاحة حتى {{until}}.\n\nمع خالص التحية،\n{{associationName}}',
        'نسخة بياناتكم الشخصية جاهزة — {{reference}}',
      ),
      en: t(
        'Dear {{familyName}},\n\nThe copy of your personal data for your request {{reference}} is ready. {{howToReceive}}; it is available until {{until}}.\n\nKind regards,\n{{associationName}}',
        'The copy of your personal data is ready — {{reference}}',
      ),
    },
    whatsapp: {
      ar: t(
        'نسخة بياناتكم الشخصية لطلبكم رقم {{reference}} جاهزة. {{howToReceive}}، وهي متاحة حتى {{until}}.',
        null,
        'sila_privacy_copy_ready',
      ),
      en: t(
        'The copy of your personal data for your request {{reference}} is ready. {{howToReceive}}; it is available until {{until}}.',
        null,
        'sila_privacy_copy_ready',
      ),
    },
    letter: {
      ar: t(
        'المكرمون {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nنسخة بياناتكم الشخصية لطلبكم رقم {{reference}} جاهزة. {{howToReceive}}، وهي متاحة حتى {{until}}.\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'نسخة بياناتكم الشخصية جاهزة — {{reference}}',
      ),
      en: t(
        'To {{familyName}},\n\nThe copy of your personal data for your request {{reference}} is ready. {{howToReceive}}; it is available until {{until}}.\n\nYours sincerely,\n{{associationName}}',
        'The copy of your personal data is ready — {{reference}}',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بأن نسخة بياناتهم لطلب {{reference}} جاهزة. {{howToReceive}}، وهي متاحة حتى {{until}}'),
      en: t('Tell {{familyName}} the copy of their data for request {{reference}} is ready. {{howToReceive}}; available until {{until}}'),
    },
  },
  'privacy.request-due': {
    'staff-app': {
      ar: t('موعد الرد على طلب البيانات الشخصية {{reference}}: {{deadline}}.', 'مهلة طلب بيانات شخصية — {{reference}}'),
      en: t('The personal-data request {{reference}} is due: {{deadline}}.', 'Data request due — {{reference}}'),
    },
  },
  'privacy.breach-due': {
    'staff-app': {
      ar: t(
        'يجب إبلاغ الجهة المختصة بتسرّب البيانات {{reference}} قبل {{deadline}} (72 ساعة).',
        'مهلة إبلاغ عن تسرّب بيانات — {{reference}}',
      ),
      en: t('The regulator must be told of breach {{reference}} by {{deadline}} (72 hours).', 'Breach notification due — {{reference}}'),
    },
  },
  'privacy.breach-notice': {
    sms: {
      ar: t('{{associationName}}: نحيطكم علماً بحادثة تخص بياناتكم الشخصية: {{message}}'),
      en: t('{{associationName}}: We must tell you of an incident affecting your personal data: {{message}}'),
    },
    email: {
      ar: t(
        'السلام عليكم {{familyName}}،\n\nنحيطكم علماً بحادثة تخص بياناتكم الشخصية: {{message}}\n\nمع خالص التحية،\n{{associationName}}',
        'إشعار بحادثة تخص بياناتكم الشخصية',
      ),
      en: t(
        'Dear {{familyName}},\n\nWe must tell you of an incident affecting your personal data: {{message}}\n\nKind regards,\n{{associationName}}',
        'Notice of an incident affecting your personal data',
      ),
    },
    whatsapp: {
      ar: t('نحيطكم علماً بحادثة تخص بياناتكم الشخصية: {{message}}', null, 'sila_privacy_breach'),
      en: t('We must tell you of an incident affecting your personal data: {{message}}', null, 'sila_privacy_breach'),
    },
    letter: {
      ar: t(
        'المكرمون {{familyName}}          المحترمين\n\nالسلام عليكم ورحمة الله وبركاته،\n\nنحيطكم علماً بحادثة تخص بياناتكم الشخصية: {{message}}\n\nوتقبلوا خالص التحية والتقدير،\n{{associationName}}',
        'إشعار بحادثة تخص بياناتكم الشخصية',
      ),
      en: t(
        'To {{familyName}},\n\nWe must tell you of an incident affecting your personal data: {{message}}\n\nYours sincerely,\n{{associationName}}',
        'Notice of an incident affecting your personal data',
      ),
    },
    'phone-call': {
      ar: t('أبلغ {{familyName}} بحادثة تخص بياناتهم الشخصية: {{message}}'),
      en: t('Tell {{familyName}} of an incident affecting their personal data: {{message}}'),
    },
  },
};

export function defaultTemplate(event: NotificationEvent, channel: TemplateChannel, language: 'ar' | 'en'): TemplateText | null {
  return DEFAULT_TEMPLATES[event][channel]?.[language] ?? null;
}
