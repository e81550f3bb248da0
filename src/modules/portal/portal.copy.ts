import type { DecisionOutcome, RequestStatus } from '../../contracts/requests.js';

/** The portal page's words, Arabic first (issue 5 §2, §9). */
export interface PortalCopy {
  title: string;
  intro: string;
  today: string;
  switchLabel: string;
  switchLang: 'ar' | 'en';
  signInTitle: string;
  nationalIdLabel: string;
  nationalIdHint: string;
  sendCode: string;
  codeSent: string;
  codeLabel: string;
  signIn: string;
  restart: string;
  noScript: string;
  unavailableTitle: string;
  unavailable: string;
  notRegisteredTitle: string;
  notRegistered: string;
  errorNationalId: string;
  errorCode: string;
  errorCodeFormat: string;
  errorThrottled: string;
  errorGeneric: string;
  welcome: string;
  familyNumber: string;
  signOut: string;
  myRequests: string;
  noRequests: string;
  requestNumber: string;
  submittedOn: string;
  deadline: string;
  noDeadline: string;
  missing: string;
  attestation: string;
  notAttested: string;
  decision: string;
  reasons: string;
  statuses: Record<RequestStatus, string>;
  outcomes: Record<DecisionOutcome, string>;
}

export const PORTAL_COPY: Record<'ar' | 'en', PortalCopy> = {
  ar: {
    title: 'بوابة الأسر',
    intro: 'تابعوا طلباتكم لدينا: حالة كل طلب، وما ينقصه، وموعد الرد عليه، والقرار وأسبابه.',
    today: 'اليوم',
    switchLabel: 'English',
    switchLang: 'en',
    signInTitle: 'الدخول برمز يصل إلى جوالكم',
    nationalIdLabel: 'رقم الهوية الوطنية أو الإقامة لرب الأسرة',
    nationalIdHint: 'عشرة أرقام، كما في بطاقة الهوية.',
    sendCode: 'أرسلوا لي رمز الدخول',
    codeSent:
      'إذا كان هذا الرقم مسجلاً لدينا ومعه رقم جوال، فقد أرسلنا إلى الجوال المسجل رسالة نصية فيها رمز من 6 أرقام صالح لمدة 10 دقائق. إذا لم تصلكم الرسالة فتفضلوا بزيارة الاستقبال لتحديث بياناتكم أو تقديم طلبكم.',
    codeLabel: 'رمز الدخول (6 أرقام)',
    signIn: 'دخول',
    restart: 'رقم آخر أو رمز جديد',
    noScript: 'يحتاج الدخول إلى تفعيل JavaScript في المتصفح. يمكنكم أيضاً متابعة طلباتكم لدى الاستقبال.',
    unavailableTitle: 'الدخول إلى البوابة غير متاح حالياً',
    unavailable: 'لا نستطيع إرسال رموز الدخول الآن. لتقديم طلب أو متابعته تفضلوا بزيارة الاستقبال أو الاتصال بنا على',
    notRegisteredTitle: 'أسرتكم غير مسجلة لدينا؟',
    notRegistered: 'يكون التسجيل لدى الاستقبال. للاستفسار اتصلوا بنا على',
    errorNationalId: 'رقم الهوية غير صحيح. تأكدوا من الأرقام العشرة وأعيدوا المحاولة.',
    errorCode: 'الرمز غير صحيح أو انتهت صلاحيته أو سبق استخدامه. أدخلوه مرة أخرى أو اطلبوا رمزاً جديداً.',
    errorCodeFormat: 'الرمز ستة أرقام.',
    errorThrottled: 'محاولات كثيرة. انتظروا ربع ساعة ثم أعيدوا المحاولة، أو تفضلوا بزيارة الاستقبال.',
    errorGeneric: 'تعذّر الاتصال. أعيدوا المحاولة بعد قليل.',
    welcome: 'مرحباً،',
    familyNumber: 'رقم ملف الأسرة',
    signOut: 'خروج',
    myRequests: 'طلباتي',
    noRequests: 'لا توجد لكم طلبات بعد. لتقديم طلب تفضلوا بزيارة الاستقبال أو الاتصال بنا على',
    requestNumber: 'رقم الطلب',
    submittedOn: 'تاريخ الطلب',
    deadline: 'موعد الرد',
    noDeadline: 'يبدأ احتساب مدة الرد عند اكتمال الطلب وتأكيد بياناته.',
    missing: 'ما ينقص الطلب',
    attestation: 'تأكيد البيانات',
    notAttested: 'لم تؤكَّد بيانات الطلب بعد.',
    decision: 'القرار',
    reasons: 'الأسباب',
    statuses: {
      draft: 'قيد الاستكمال',
      complete: 'مكتمل، بانتظار دراسة اللجنة',
      'under-study': 'قيد دراسة اللجنة',
      'information-requested': 'مطلوب منكم معلومات إضافية',
      decided: 'صدر القرار',
      notified: 'صدر القرار',
      closed: 'مغلق',
    },
    outcomes: {
      approved: 'الموافقة',
      'partly-approved': 'الموافقة الجزئية',
      rejected: 'الاعتذار عن الطلب',
    },
  },
  en: {
    title: 'Families’ portal',
    intro: 'Follow your requests with us: the status of each, what it still needs, when we will answer, and the decision with its reasons.',
    today: 'Today',
    switchLabel: 'العربية',
    switchLang: 'ar',
    signInTitle: 'Sign in with a code sent to your mobile',
    nationalIdLabel: 'National ID or Iqama number of the head of the family',
    nationalIdHint: 'Ten digits, as on the ID card.',
    sendCode: 'Send me a sign-in code',
    codeSent:
      'If this number is registered with us together with a mobile number, we have sent a text message with a 6-digit code, valid for 10 minutes, to that mobile. If no message arrives, please visit reception to update your details or make your request.',
    codeLabel: 'Sign-in code (6 digits)',
    signIn: 'Sign in',
    restart: 'Another number or a new code',
    noScript: 'Signing in needs JavaScript enabled in your browser. You can also follow your requests at reception.',
    unavailableTitle: 'Signing in to the portal is not available at the moment',
    unavailable: 'We cannot send sign-in codes right now. To make or follow a request, please visit reception or call us on',
    notRegisteredTitle: 'Your family is not registered with us?',
    notRegistered: 'Registration is done at reception. For questions, call us on',
    errorNationalId: 'This ID number is not valid. Check the ten digits and try again.',
    errorCode: 'The code is not correct, has expired or was already used. Type it again or ask for a new code.',
    errorCodeFormat: 'The code has six digits.',
    errorThrottled: 'Too many attempts. Wait a quarter of an hour and try again, or visit reception.',
    errorGeneric: 'We could not connect. Please try again shortly.',
    welcome: 'Welcome,',
    familyNumber: 'Family file number',
    signOut: 'Sign out',
    myRequests: 'My requests',
    noRequests: 'You have no requests yet. To make a request, please visit reception or call us on',
    requestNumber: 'Request number',
    submittedOn: 'Requested on',
    deadline: 'Answer due by',
    noDeadline: 'The time to answer starts once the request is complete and its data confirmed.',
    missing: 'What the request still needs',
    attestation: 'Data confirmation',
    notAttested: 'The request’s data has not been confirmed yet.',
    decision: 'Decision',
    reasons: 'Reasons',
    statuses: {
      draft: 'Being completed',
      complete: 'Complete, awaiting the committee',
      'under-study': 'Under committee study',
      'information-requested': 'More information needed from you',
      decided: 'Decided',
      notified: 'Decided',
      closed: 'Closed',
    },
    outcomes: {
      approved: 'Approved',
      'partly-approved': 'Partly approved',
      rejected: 'Not approved',
    },
  },
};
