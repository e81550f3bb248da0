import type { CONTACT_CHANNELS } from '../../contracts/families.js';
import type { DecisionOutcome, FieldType, RequestStatus } from '../../contracts/requests.js';

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
  apply: ApplyCopy;
}

/** The online application's words (issue 5 §2: C2–C6 as the family meets them). */
export interface ApplyCopy {
  newRequest: string;
  open: string;
  continueDraft: string;
  answerCommittee: string;
  backToRequests: string;
  chooseTitle: string;
  chooseIntro: string;
  noTypes: string;
  seeCriteria: string;
  criteriaTitle: string;
  criteriaIntro: string;
  checklistTitle: string;
  checklistIntro: string;
  fieldsToFill: string;
  documentsToUpload: string;
  required: string;
  optional: string;
  replyWithin: (days: number) => string;
  start: string;
  startHint: string;
  otherType: string;
  /** B5, G2 (issue 26 §3): the same request's public form, to read or print for a letter or fax. */
  printableForm: string;
  notFoundTitle: string;
  notFound: string;
  questionTitle: string;
  questionHint: string;
  answersTitle: string;
  answersHint: string;
  save: string;
  saved: string;
  yes: string;
  no: string;
  chooseOne: string;
  fieldKinds: Partial<Record<FieldType, string>>;
  documentsTitle: string;
  documentsHint: string;
  uploaded: string;
  noFileYet: string;
  chooseFile: string;
  upload: string;
  remove: string;
  missingTitle: string;
  nothingMissing: string;
  missingIntro: string;
  confirmTitle: string;
  confirmLocked: string;
  confirmIntro: string;
  confirmFamily: string;
  headName: string;
  city: string;
  membersCount: string;
  confirmAnswers: string;
  confirmDocuments: string;
  sendConfirmCode: string;
  confirmCodeSent: string;
  confirmCodeLabel: string;
  confirm: string;
  confirmed: string;
  confirmAtReception: string;
  submitTitle: string;
  submitIntro: string;
  submit: string;
  sendBack: string;
  sendBackIntro: string;
  submittedTitle: string;
  receivedOn: string;
  deadlineIntro: (days: number) => string;
  pausedNote: string;
  newsBy: string;
  channels: Record<(typeof CONTACT_CHANNELS)[number], string>;
  errors: {
    fieldInvalid: string;
    fieldNumber: string;
    fieldDate: string;
    fieldTooLong: string;
    versionConflict: string;
    fileTooLarge: string;
    fileType: string;
    fileName: string;
    fileEmpty: string;
    fileMissing: string;
    dataChanged: string;
    incomplete: string;
    notEditable: string;
  };
}

export const PORTAL_COPY: Record<'ar' | 'en', PortalCopy> = {
  ar: {
    title: 'بوابة الأسر',
    intro: 'قدّموا طلباتكم لدينا وتابعوها: حالة كل طلب، وما ينقصه، وموعد الرد عليه، والقرار وأسبابه.',
    today: 'اليوم',
    switchLabel: 'English',
    switchLang: 'en',
    signInTitle: 'الدخول برمز يصل إلى جوالكم',
    nationalIdLabel: 'رقم الهوية الوطنية أو الإقامة لرب الأسرة',
    nationalIdHint: 'عشرة أرقام، كما في بطاقة الهوية.',
    sendCode: 'أرسلوا لي رمز الدخول',
    codeSent:
      'إذا كان هذا الرقم مسجلاً لدينا، فقد أرسلنا رمزًا من 6 أرقام صالحًا لمدة 10 دقائق عبر وسيلة التواصل المتفق عليها معكم: رسالة نصية أو واتساب إلى الجوال المسجل، أو البريد الإلكتروني الذي أكّدناه معكم. إذا لم يصلكم الرمز فتفضلوا بزيارة الاستقبال لتحديث بياناتكم أو تقديم طلبكم.',
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
    noRequests: 'لا توجد لكم طلبات بعد. يمكنكم تقديم طلب من زر «تقديم طلب جديد» أعلاه، أو لدى الاستقبال، أو بالاتصال بنا على',
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
    apply: {
      newRequest: 'تقديم طلب جديد',
      open: 'عرض الطلب',
      continueDraft: 'متابعة تعبئة الطلب',
      answerCommittee: 'الرد على اللجنة',
      backToRequests: 'العودة إلى طلباتي',
      chooseTitle: 'اختاروا نوع الطلب',
      chooseIntro: 'نعرض لكم شروط كل نوع وما يلزمه من معلومات ومستندات قبل أن تبدؤوا التعبئة.',
      noTypes: 'لا يمكن تقديم طلبات عبر البوابة الآن. تفضلوا بزيارة الاستقبال أو الاتصال بنا على',
      seeCriteria: 'الشروط وما يلزم',
      criteriaTitle: 'شروط الاستحقاق',
      criteriaIntro: 'يُقبل الطلب إذا انطبقت هذه الشروط على أسرتكم:',
      checklistTitle: 'ما يلزم الطلب',
      checklistIntro: 'جهّزوا ما يلي قبل البدء؛ ويمكنكم حفظ الطلب وإكماله لاحقاً.',
      fieldsToFill: 'معلومات تكتبونها',
      documentsToUpload: 'مستندات ترفعونها',
      required: 'مطلوب',
      optional: 'اختياري',
      replyWithin: (days) => `نرد على الطلب خلال ${days} يوم عمل من اكتماله وتأكيد بياناته.`,
      start: 'ابدأ الطلب',
      startHint: 'يُحفظ الطلب مسودةً باسم أسرتكم، ولا يصل إلى اللجنة حتى تؤكدوا بياناتكم وترسلوه.',
      otherType: 'نوع آخر',
      printableForm: 'نموذج هذا الطلب للطباعة (للتقديم بخطاب أو فاكس)',
      notFoundTitle: 'لم نجد هذا الطلب',
      notFound: 'ربما انتهت صلاحية الرابط أو أن الطلب ليس لأسرتكم.',
      questionTitle: 'سؤال اللجنة',
      questionHint: 'أضيفوا المعلومة أو المستند المطلوب، ثم أكدوا بياناتكم وأرسلوا الرد.',
      answersTitle: 'معلومات الطلب',
      answersHint: 'احفظوا ما كتبتم في أي وقت، وأكملوا الطلب لاحقاً من صفحة طلباتي.',
      save: 'حفظ المعلومات',
      saved: 'حُفظت المعلومات.',
      yes: 'نعم',
      no: 'لا',
      chooseOne: 'اختاروا',
      fieldKinds: { number: 'أرقام فقط', date: 'التاريخ الميلادي' },
      documentsTitle: 'المستندات',
      documentsHint: 'صورة واضحة (JPG أو PNG) أو ملف PDF، حتى 5 ميجابايت لكل ملف.',
      uploaded: 'مرفوع:',
      noFileYet: 'لم يُرفع بعد.',
      chooseFile: 'اختاروا الملف',
      upload: 'رفع المستند',
      remove: 'حذف',
      missingTitle: 'ما ينقص الطلب',
      nothingMissing: 'لا ينقص الطلب شيء. الخطوة التالية: تأكيد بياناتكم.',
      missingIntro: 'لا يمكن إرسال الطلب قبل استكمال ما يلي:',
      confirmTitle: 'تأكيد البيانات',
      confirmLocked: 'يصبح تأكيد البيانات متاحاً بعد استكمال ما ينقص الطلب.',
      confirmIntro: 'راجعوا البيانات التالية جيداً. بإدخال الرمز الذي يصل إلى جوالكم تقرّون بأنها صحيحة وكاملة.',
      confirmFamily: 'بيانات الأسرة',
      headName: 'رب الأسرة',
      city: 'المدينة',
      membersCount: 'عدد أفراد الأسرة المسجلين',
      confirmAnswers: 'معلومات الطلب',
      confirmDocuments: 'المستندات المرفوعة',
      sendConfirmCode: 'أرسلوا لي رمز التأكيد',
      confirmCodeSent: 'أرسلنا إلى جوالكم المسجل رسالة نصية فيها رمز من 6 أرقام صالح لمدة 10 دقائق.',
      confirmCodeLabel: 'رمز التأكيد (6 أرقام)',
      confirm: 'أؤكد صحة بياناتي',
      confirmed: 'أكدتم صحة بيانات الطلب كما هي الآن.',
      confirmAtReception:
        'لا نستطيع إرسال رمز التأكيد إلى جوالكم الآن. لتأكيد البيانات وإرسال الطلب تفضلوا بزيارة الاستقبال أو الاتصال بنا على',
      submitTitle: 'إرسال الطلب',
      submitIntro: 'اكتمل الطلب وأكدتم بياناته. بعد الإرسال يبدأ احتساب مدة الرد.',
      submit: 'إرسال الطلب',
      sendBack: 'إرسال الرد إلى اللجنة',
      sendBackIntro: 'بعد الإرسال تعود اللجنة إلى دراسة طلبكم، ويستأنف احتساب مدة الرد من حيث توقف.',
      submittedTitle: 'وصل طلبكم',
      receivedOn: 'تاريخ الاكتمال',
      deadlineIntro: (days) => `نرد عليكم خلال ${days} يوم عمل، في موعد أقصاه:`,
      pausedNote: 'يتوقف احتساب المدة إلى أن تصلنا المعلومات المطلوبة منكم.',
      newsBy: 'نبلغكم بكل جديد عن الطلب عبر وسيلة التواصل المتفق عليها:',
      channels: {
        sms: 'رسالة نصية إلى جوالكم',
        'phone-call': 'اتصال هاتفي',
        email: 'البريد الإلكتروني',
        whatsapp: 'واتساب',
        letter: 'خطاب بريدي',
        fax: 'الفاكس',
      },
      errors: {
        fieldInvalid: 'هذه الإجابة غير صالحة.',
        fieldNumber: 'اكتبوا رقماً فقط، دون حروف أو رموز.',
        fieldDate: 'التاريخ غير صحيح.',
        fieldTooLong: 'النص أطول من المسموح.',
        versionConflict: 'تغيّر الطلب في نافذة أخرى. أعيدوا تحميل الصفحة ثم أعيدوا المحاولة.',
        fileTooLarge: 'الملف أكبر من 5 ميجابايت. صغّروا حجمه أو صوّروا المستند من جديد.',
        fileType: 'نقبل صور JPG وPNG وWebP وملفات PDF فقط.',
        fileName: 'اسم الملف غير مقبول. أعيدوا تسميته ثم ارفعوه.',
        fileEmpty: 'الملف فارغ.',
        fileMissing: 'اختاروا ملفاً أولاً.',
        dataChanged: 'تغيّرت بيانات الطلب بعد عرضها. راجعوها من جديد ثم اطلبوا رمزاً جديداً.',
        incomplete: 'لا يمكن إرسال الطلب بعد. راجعوا ما ينقصه.',
        notEditable: 'لم يعد هذا الطلب قابلاً للتعديل.',
      },
    },
  },
  en: {
    title: 'Families’ portal',
    intro:
      'Make and follow your requests with us: the status of each, what it still needs, when we will answer, and the decision with its reasons.',
    today: 'Today',
    switchLabel: 'العربية',
    switchLang: 'ar',
    signInTitle: 'Sign in with a code sent to your mobile',
    nationalIdLabel: 'National ID or Iqama number of the head of the family',
    nationalIdHint: 'Ten digits, as on the ID card.',
    sendCode: 'Send me a sign-in code',
    codeSent:
      'If this number is registered with us, we have sent a 6-digit code, valid for 10 minutes, by the channel agreed with you: a text message or WhatsApp to the registered mobile, or the e-mail address we confirmed with you. If no code arrives, please visit reception to update your details or make your request.',
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
    noRequests: 'You have no requests yet. You can make one with “Make a new request” above, at reception, or by calling us on',
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
    apply: {
      newRequest: 'Make a new request',
      open: 'View the request',
      continueDraft: 'Continue filling in',
      answerCommittee: 'Answer the committee',
      backToRequests: 'Back to my requests',
      chooseTitle: 'Choose the kind of request',
      chooseIntro: 'We show you each kind’s conditions and what it needs before you start filling anything in.',
      noTypes: 'Requests cannot be made through the portal right now. Please visit reception or call us on',
      seeCriteria: 'Conditions and what is needed',
      criteriaTitle: 'Eligibility conditions',
      criteriaIntro: 'The request is accepted when these conditions apply to your family:',
      checklistTitle: 'What the request needs',
      checklistIntro: 'Have these ready before you start; you can save the request and finish it later.',
      fieldsToFill: 'Information you type in',
      documentsToUpload: 'Documents you upload',
      required: 'required',
      optional: 'optional',
      replyWithin: (days) => `We answer within ${days} working days of the request being complete and its data confirmed.`,
      start: 'Start the request',
      startHint:
        'The request is saved as a draft in your family’s name; it does not reach the committee until you confirm your data and send it.',
      otherType: 'Another kind',
      printableForm: 'This request’s printable form (to apply by letter or fax)',
      notFoundTitle: 'We could not find this request',
      notFound: 'The link may have expired, or the request is not your family’s.',
      questionTitle: 'The committee’s question',
      questionHint: 'Add the information or document asked for, then confirm your data and send your answer.',
      answersTitle: 'Request information',
      answersHint: 'Save what you typed at any time and finish the request later from My requests.',
      save: 'Save the information',
      saved: 'The information is saved.',
      yes: 'Yes',
      no: 'No',
      chooseOne: 'Choose',
      fieldKinds: { number: 'digits only', date: 'Gregorian date' },
      documentsTitle: 'Documents',
      documentsHint: 'A clear photo (JPG or PNG) or a PDF file, up to 5 MB each.',
      uploaded: 'Uploaded:',
      noFileYet: 'Not uploaded yet.',
      chooseFile: 'Choose the file',
      upload: 'Upload the document',
      remove: 'Remove',
      missingTitle: 'What the request still needs',
      nothingMissing: 'Nothing is missing. Next step: confirm your data.',
      missingIntro: 'The request cannot be sent until these are completed:',
      confirmTitle: 'Confirm your data',
      confirmLocked: 'You can confirm your data once nothing is missing.',
      confirmIntro: 'Check the data below carefully. By typing the code sent to your mobile you confirm that it is correct and complete.',
      confirmFamily: 'Family details',
      headName: 'Head of the family',
      city: 'City',
      membersCount: 'Registered family members',
      confirmAnswers: 'Request information',
      confirmDocuments: 'Documents uploaded',
      sendConfirmCode: 'Send me a confirmation code',
      confirmCodeSent: 'We have sent a text message with a 6-digit code, valid for 10 minutes, to your registered mobile.',
      confirmCodeLabel: 'Confirmation code (6 digits)',
      confirm: 'I confirm my data is correct',
      confirmed: 'You have confirmed the request’s data as it is now.',
      confirmAtReception:
        'We cannot send a confirmation code to your mobile now. To confirm your data and send the request, please visit reception or call us on',
      submitTitle: 'Send the request',
      submitIntro: 'The request is complete and its data confirmed. Once you send it, the time to answer starts.',
      submit: 'Send the request',
      sendBack: 'Send the answer to the committee',
      sendBackIntro: 'Once sent, the committee studies your request again, and the time to answer resumes where it stopped.',
      submittedTitle: 'Your request has arrived',
      receivedOn: 'Complete on',
      deadlineIntro: (days) => `We will answer you within ${days} working days, at the latest by:`,
      pausedNote: 'The time to answer stands still until the information asked of you arrives.',
      newsBy: 'We will tell you of every step through the contact you agreed with us:',
      channels: {
        sms: 'a text message to your mobile',
        'phone-call': 'a phone call',
        email: 'email',
        whatsapp: 'WhatsApp',
        letter: 'a letter by post',
        fax: 'fax',
      },
      errors: {
        fieldInvalid: 'This answer is not valid.',
        fieldNumber: 'Type a number only, without letters or symbols.',
        fieldDate: 'This date is not valid.',
        fieldTooLong: 'The text is longer than allowed.',
        versionConflict: 'The request changed in another window. Reload the page and try again.',
        fileTooLarge: 'The file is larger than 5 MB. Make it smaller or photograph the document again.',
        fileType: 'We accept JPG, PNG and WebP images and PDF files only.',
        fileName: 'This file name is not accepted. Rename the file and upload it again.',
        fileEmpty: 'The file is empty.',
        fileMissing: 'Choose a file first.',
        dataChanged: 'The request’s data changed after it was shown. Check it again, then ask for a new code.',
        incomplete: 'The request cannot be sent yet. Check what it still needs.',
        notEditable: 'This request can no longer be changed.',
      },
    },
  },
};
