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
};

export function defaultTemplate(event: NotificationEvent, channel: TemplateChannel, language: 'ar' | 'en'): TemplateText | null {
  return DEFAULT_TEMPLATES[event][channel]?.[language] ?? null;
}
