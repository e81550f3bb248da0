import { SEEDED_COMMITTEES } from '../../contracts/committees.js';
import type { ChecklistItem, CreateRequestTypeBody } from '../../contracts/requests.js';

/**
 * Harif's demo request types for productive families (issue 5 §1), seeded on the first read of an
 * empty table; every one is editable by an administrator. Criteria are what the family is told
 * before applying (C2); the checklist is what intake must gather (C3).
 */
const idCopy: ChecklistItem = {
  key: 'id-copy',
  kind: 'document',
  labelAr: 'صورة الهوية الوطنية أو الإقامة',
  labelEn: 'Copy of the National ID or Iqama',
  isRequired: true,
};
const ibanCertificate: ChecklistItem = {
  key: 'iban-certificate',
  kind: 'document',
  labelAr: 'شهادة الآيبان البنكية',
  labelEn: 'Bank IBAN certificate',
  isRequired: true,
};
const monthlyIncome: ChecklistItem = {
  key: 'monthly-income',
  kind: 'field',
  fieldType: 'number',
  labelAr: 'دخل الأسرة الشهري (ريال)',
  labelEn: 'Monthly family income (SAR)',
  isRequired: true,
};
const activity: ChecklistItem = {
  key: 'activity',
  kind: 'field',
  fieldType: 'choice',
  labelAr: 'نوع النشاط المنزلي',
  labelEn: 'Home business activity',
  isRequired: true,
  options: [
    { value: 'food', labelAr: 'أطعمة ومعجنات', labelEn: 'Food and pastries' },
    { value: 'sewing', labelAr: 'خياطة وتطريز', labelEn: 'Sewing and embroidery' },
    { value: 'handicrafts', labelAr: 'حِرف يدوية', labelEn: 'Handicrafts' },
    { value: 'perfumes', labelAr: 'عطور وبخور', labelEn: 'Perfumes and incense' },
    { value: 'beauty', labelAr: 'تجميل وعناية', labelEn: 'Beauty and care' },
    { value: 'other', labelAr: 'أخرى', labelEn: 'Other' },
  ],
};

export const DEFAULT_REQUEST_TYPES: CreateRequestTypeBody[] = [
  {
    code: 'training-enrolment',
    nameAr: 'الالتحاق ببرنامج تدريبي',
    nameEn: 'Training programme enrolment',
    criteriaAr:
      'أن تكون الأسرة مسجلة لدى الجمعية ضمن الأسر المنتجة.\nأن يكون المتدرب من أفراد الأسرة ولا يقل عمره عن ١٨ سنة.\nالالتزام بحضور ما لا يقل عن ٨٠٪ من ساعات البرنامج.\nألا يكون المتدرب قد التحق بالبرنامج نفسه خلال السنة الماضية.',
    criteriaEn:
      'The family is registered with the association as a productive family.\nThe trainee is a family member aged 18 or over.\nAttendance of at least 80% of the programme hours.\nThe trainee has not taken the same programme in the past year.',
    checklist: [
      { key: 'trainee-name', kind: 'field', fieldType: 'text', labelAr: 'اسم المتدرب', labelEn: 'Trainee name', isRequired: true },
      {
        key: 'programme',
        kind: 'field',
        fieldType: 'choice',
        labelAr: 'البرنامج المطلوب',
        labelEn: 'Programme',
        isRequired: true,
        options: [
          { value: 'cooking', labelAr: 'فنون الطهي والضيافة', labelEn: 'Cooking and hospitality' },
          { value: 'sewing', labelAr: 'الخياطة والتفصيل', labelEn: 'Sewing and tailoring' },
          { value: 'digital-marketing', labelAr: 'التسويق الإلكتروني', labelEn: 'Online marketing' },
          { value: 'bookkeeping', labelAr: 'مبادئ المحاسبة للمشاريع الصغيرة', labelEn: 'Bookkeeping for small businesses' },
        ],
      },
      {
        key: 'previous-experience',
        kind: 'field',
        fieldType: 'long-text',
        labelAr: 'الخبرة السابقة في المجال',
        labelEn: 'Previous experience',
        isRequired: false,
      },
      {
        key: 'can-attend-mornings',
        kind: 'field',
        fieldType: 'yes-no',
        labelAr: 'هل يستطيع الحضور صباحاً؟',
        labelEn: 'Can attend in the mornings?',
        isRequired: true,
      },
      idCopy,
    ],
    committeeId: SEEDED_COMMITTEES.requests,
    responseWorkingDays: 15,
    warningThreshold: 3,
    isActive: true,
    sortOrder: 10,
  },
  {
    code: 'exhibition-participation',
    nameAr: 'المشاركة في معرض أو فعالية تسويقية',
    nameEn: 'Exhibition and marketing participation',
    criteriaAr:
      'أن يكون للأسرة منتج قائم وجاهز للبيع.\nأن تلتزم الأسرة بتجهيز الركن وحضوره طوال أيام المعرض.\nالالتزام باشتراطات السلامة الغذائية للمنتجات الغذائية.\nتُعطى الأولوية للأسر التي لم تشارك خلال الأشهر الستة الماضية.',
    criteriaEn:
      'The family has an existing product ready for sale.\nThe family staffs its stand on every day of the exhibition.\nFood products meet food-safety requirements.\nFamilies who have not taken part in the past six months come first.',
    checklist: [
      {
        key: 'product-description',
        kind: 'field',
        fieldType: 'long-text',
        labelAr: 'وصف المنتجات',
        labelEn: 'Description of the products',
        isRequired: true,
      },
      activity,
      {
        key: 'sales-channels',
        kind: 'field',
        fieldType: 'multi-choice',
        labelAr: 'قنوات البيع الحالية',
        labelEn: 'Current sales channels',
        isRequired: false,
        options: [
          { value: 'social-media', labelAr: 'وسائل التواصل الاجتماعي', labelEn: 'Social media' },
          { value: 'delivery-apps', labelAr: 'تطبيقات التوصيل', labelEn: 'Delivery apps' },
          { value: 'bazaars', labelAr: 'البازارات والأسواق الشعبية', labelEn: 'Bazaars and markets' },
          { value: 'none', labelAr: 'لا يوجد', labelEn: 'None' },
        ],
      },
      { key: 'product-photos', kind: 'document', labelAr: 'صور المنتجات', labelEn: 'Product photos', isRequired: true },
      idCopy,
    ],
    committeeId: SEEDED_COMMITTEES.requests,
    responseWorkingDays: 15,
    warningThreshold: 3,
    isActive: true,
    sortOrder: 20,
  },
  {
    code: 'tools-aid',
    nameAr: 'دعم بأدوات ومعدات',
    nameEn: 'Tools and equipment aid',
    criteriaAr:
      'أن تكون الأدوات لازمة لنشاط منزلي قائم أو لمشروع اجتازت الأسرة تدريبه.\nألا يتجاوز دخل الأسرة الشهري حد الاستحقاق المعتمد لدى الجمعية.\nتقديم عرض سعر من مورد معتمد.\nالتعهد باستخدام الأدوات في النشاط وعدم بيعها.',
    criteriaEn:
      'The tools are needed for an existing home business or one the family has been trained for.\nMonthly family income within the association’s eligibility limit.\nA quotation from an approved supplier.\nA commitment to use the tools for the business and not to sell them.',
    checklist: [
      activity,
      {
        key: 'tools-needed',
        kind: 'field',
        fieldType: 'long-text',
        labelAr: 'الأدوات والمعدات المطلوبة',
        labelEn: 'Tools and equipment needed',
        isRequired: true,
      },
      {
        key: 'estimated-cost',
        kind: 'field',
        fieldType: 'number',
        labelAr: 'التكلفة التقديرية (ريال)',
        labelEn: 'Estimated cost (SAR)',
        isRequired: true,
      },
      monthlyIncome,
      { key: 'quotation', kind: 'document', labelAr: 'عرض سعر من المورد', labelEn: 'Supplier quotation', isRequired: true },
      idCopy,
    ],
    committeeId: SEEDED_COMMITTEES.requests,
    responseWorkingDays: 15,
    warningThreshold: 3,
    isActive: true,
    sortOrder: 30,
  },
  {
    code: 'financial-aid',
    nameAr: 'مساعدة مالية',
    nameEn: 'Financial aid',
    criteriaAr:
      'أن تكون الأسرة مسجلة لدى الجمعية ومقيمة في نطاق خدمتها.\nألا يتجاوز دخل الأسرة الشهري حد الاستحقاق المعتمد.\nألا تكون الأسرة قد حصلت على مساعدة مالية من الجمعية خلال الأشهر الستة الماضية.\nإرفاق ما يثبت الحاجة وشهادة الآيبان باسم رب الأسرة.',
    criteriaEn:
      'The family is registered with the association and lives in its service area.\nMonthly family income within the eligibility limit.\nNo financial aid from the association in the past six months.\nProof of need and an IBAN certificate in the head of family’s name.',
    checklist: [
      {
        key: 'purpose',
        kind: 'field',
        fieldType: 'long-text',
        labelAr: 'الغرض من المساعدة',
        labelEn: 'Purpose of the aid',
        isRequired: true,
      },
      {
        key: 'amount-requested',
        kind: 'field',
        fieldType: 'number',
        labelAr: 'المبلغ المطلوب (ريال)',
        labelEn: 'Amount requested (SAR)',
        isRequired: true,
      },
      monthlyIncome,
      {
        key: 'household-size',
        kind: 'field',
        fieldType: 'number',
        labelAr: 'عدد أفراد الأسرة',
        labelEn: 'Household size',
        isRequired: true,
      },
      {
        key: 'proof-of-need',
        kind: 'document',
        labelAr: 'مستند يثبت الحاجة (فاتورة، صك، تقرير)',
        labelEn: 'Proof of need (bill, deed, report)',
        isRequired: true,
      },
      ibanCertificate,
      idCopy,
    ],
    committeeId: SEEDED_COMMITTEES.requests,
    responseWorkingDays: 15,
    warningThreshold: 3,
    isActive: true,
    sortOrder: 40,
  },
  {
    code: 'home-business-licence',
    nameAr: 'دعم استخراج رخصة العمل الحر أو السجل',
    nameEn: 'Home-business licensing support',
    criteriaAr:
      'أن يكون للأسرة نشاط منزلي قائم منذ ثلاثة أشهر على الأقل.\nأن يكون النشاط من الأنشطة المسموح بها للعمل من المنزل.\nالالتزام بإكمال إجراءات التسجيل في منصة العمل الحر أو بلدي خلال شهر من الموافقة.',
    criteriaEn:
      'The family has run a home business for at least three months.\nThe activity is one allowed to be run from home.\nRegistration on the Freelance or Balady platform completed within a month of approval.',
    checklist: [
      activity,
      {
        key: 'business-start-date',
        kind: 'field',
        fieldType: 'date',
        labelAr: 'تاريخ بدء النشاط',
        labelEn: 'Business start date',
        isRequired: true,
      },
      {
        key: 'licence-kind',
        kind: 'field',
        fieldType: 'choice',
        labelAr: 'نوع الترخيص المطلوب',
        labelEn: 'Licence needed',
        isRequired: true,
        options: [
          { value: 'freelance', labelAr: 'وثيقة العمل الحر', labelEn: 'Freelance document' },
          { value: 'balady', labelAr: 'رخصة أسر منتجة (بلدي)', labelEn: 'Productive family licence (Balady)' },
          { value: 'commercial-register', labelAr: 'سجل تجاري', labelEn: 'Commercial register' },
        ],
      },
      {
        key: 'has-health-certificate',
        kind: 'field',
        fieldType: 'yes-no',
        labelAr: 'هل لديك شهادة صحية سارية؟',
        labelEn: 'Do you hold a valid health certificate?',
        isRequired: false,
      },
      idCopy,
    ],
    committeeId: SEEDED_COMMITTEES.requests,
    responseWorkingDays: 15,
    warningThreshold: 3,
    isActive: true,
    sortOrder: 50,
  },
];
