import type { Kysely } from 'kysely';

/**
 * Issue 26 §2: Harif's default document — the policy Sila serves, "سياسة تنظيم العلاقة مع
 * المستفيدين" — as the library's first published document. Its Arabic text is copied here from the
 * seed with the typos SPEC.md lists corrected (الإجابة، وإيقاع، أي معلومات، بشكل دوري، التقيّد،
 * بما يضمن، لكلا الطرفين، الإشكالات، الإشراف، أخلاقيات); the letterhead and page numbers are left
 * out. The English is a summary, marked as such (the Arabic is the official text). Published without
 * an acknowledgement requirement: an administrator turns that on (issue 26 §4). A migration never
 * reads module code or files outside the repository: the texts live in this file. `## ` starts a
 * heading, a blank line a paragraph.
 */
const AT = '2026-01-01T00:00:00.000Z';
export const HARIF_POLICY_DOCUMENT_ID = '00000000-0000-7000-8000-000000002601';
const VERSION_ID = '00000000-0000-7000-8000-000000002602';

const POLICY_AR = `تتمثل هذه السياسة بتنظيم العلاقة بين الجمعية والمستفيدين من خدماتها، وذلك بما يكفل الحقوق لكلا الطرفين، كما أن الاتفاقيات والعقود هي التي تشكل أساس ومصدر الحقوق والواجبات في التعامل بين الجمعية والمستفيدين، كما تسعى الجمعية جاهدة على تحديث وتجديد الحقوق وطريقة أدائها ومعالجة التقصير فيها بما يكفل حماية الحقوق.

## النطاق

تحدد هذه السياسة المسؤوليات العامة على كافة العاملين ومن لهم علاقات تعاقدية مع الجمعية، ويستثنى من ذلك من تصدر لهم سياسات خاصة وفقاً للأنظمة.

## البيان

## أ- قنوات التواصل مع المستفيدين

١. المقابلة.
٢. المخاطبات-المراسلات.
٣. الاتصال الهاتفي.
٤. الفاكس.
٥. الموقع - البريد الإلكتروني.
٦. خدمة التطوع.

## ب- أدوات التواصل مع المستفيدين

١. اللائحة الأساسية.
٢. سياسة التعامل مع الشركاء المنفذين والأطراف.
٣. سياسة إدارة التطوع.
٤. سياسة صرف المساعدات.
٥. نموذج طلب خدمة.

## ت- التعامل مع المستفيدين

١. حسن الاستقبال للمستفيد بالأخلاق الرفيعة، وتقديم الضيافة حسب المستطاع، واستقبال استفساره مع توفير الإجابة المناسبة والرد عليها بمعلومة دقيقة سليمة صحيحة.

٢. حال استقبال معاملة يجب استلامها كاملة مع تزويده بمعايير واشتراطات الطلبات للتأكد من اكتمالها.

٣. التأكد من اكتمال جميع البيانات والمعلومات قبل مغادرة المستفيد.

٤. التأكيد على صحة البيانات والمعلومات وأخذ توقيع المستفيد على صحتها، وأنه مسؤول مسؤولية مباشرة عنها.

٥. التوضيح للمستفيد بأن الطلب يعرض على اللجنة المختصة للدراسة وسيتم موافاته بالجديد على الوسيلة المتفق عليها للتواصل معه.

٦. تحدد المدة للرد على الطلب بمدة لا تتجاوز (١٥) يوم عمل من تاريخ اكتمال الطلب.

## ث- تعويض المستفيدين

١. إذا ثبت أن الجمعية هي من تسبب في الخلل وإيقاع الضرر الذي لحق بالمستفيد.

٢. إقرار الجمعية بمحضر من لجنة التحقيق والمتابعة مؤرخ ومعتمد من أعضائها، موضحاً به هذا الضرر وحجمه والأسباب التي أدت إليه.

٣. صدور حكم قضائي أو حكم نهائي من الجهات والسلطات المعنية بتسوية المنازعات.

٤. التفاوض مع المستفيد المتضرر لحل الخلاف والتعويض بما يضمن الحقوق.

## ج- استقبال الشكوى والخلافات من المستفيدين وتسويتها

١. تسهيل عملية تبليغ الشكوى عبر الرابط المباشر في الموقع الإلكتروني والفاكس وسرعة معالجتها عن طريق لجنة المتابعة.

٢. تقديم الدعم الفني لحل الإشكالات واستقبال الاستفسارات فيما يخص التواصل بين الجمعية والمستفيد.

٣. السعي الحثيث لحل الخلافات والإشكالات ودياً بما يضمن صفاء واستمرار العلاقة بين الجمعية والمستفيد.

## ح- بناء العلاقة مع المستفيدين وضمان استمراريتها

١. المحافظة على حقوق الملكية الفكرية للمستفيدين.

٢. المحافظة على خصوصية المستفيدين وحفظ بياناتهم بما يضمن الحفاظ على سرية المعلومات والمستندات.

٣. تأدية ما لهم من حقوق وواجبات عند استحقاقها.

٤. التقيّد والالتزام بالمعايير والسياسات المنظمة لميثاق أخلاقيات المهنة والسلوك.

## خ- تزويد وتمكين المستفيد بالمعلومات الواجبة له

١. تحديد ضابط اتصال مع المستفيدين حسب فئاتهم وحسب مجالات الجمعية لاستقبال الاستفسارات والرد عليها.
٢. توفير وتعزيز قنوات التواصل مع المستفيدين لاستقبال الاستفسارات وتزويدهم بالطلبات والمعلومات.
٣. عمل التحديثات اللازمة على أي معلومات طرأ التعديل عليها عبر الوسائل المعتمدة في الجمعية.

## د- قياس رضا المستفيدين

١. رفع استبانة قياس الرضا بشكل دوري.
٢. المسح الميداني.
٣. الزيارات الإشرافية على المكاتب.
٤. المقابلات.
٥. المتابعة المستمرة من الإدارة العليا على رابط الشكاوى والاستفسارات.
٦. الإشراف من الإدارة العليا على ضابط الاتصال والتواصل.

## المسؤوليات

تطبق هذه السياسة ضمن أنشطة الجمعية وعلى جميع العاملين الذين يعملون تحت إدارة وإشراف الجمعية الاطلاع على الأنظمة المتعلقة بعملهم وعلى هذه السياسة والإلمام بها والتوقيع عليها، والالتزام بما ورد فيها من أحكام عند أداء واجباتهم ومسؤولياتهم الوظيفية. وعلى إدارة الموارد البشرية نشر الوعي بثقافة ومبادئ السلوك الوظيفي وأخلاقيات الوظيفة وتزويد جميع الإدارات والأقسام بنسخة منها.`;

const POLICY_EN = `This is a summary of the Arabic policy, not the official text. The Arabic text is the official one.

## Purpose
The policy regulates the relationship between the association and the beneficiaries of its services so that both sides keep their rights. Agreements and contracts are the basis and source of rights and duties; the association strives to update those rights and how they are delivered, and to remedy any shortfall.

## Scope
It sets general responsibilities for all staff and everyone with a contractual relationship with the association, except those for whom the regulations issue a policy of their own.

## Channels of contact
In-person interview; letters and correspondence; phone calls; fax; the website and e-mail; volunteer service.

## Tools of contact
The bylaws; the policy for dealing with implementing partners and other parties; the volunteer management policy; the aid disbursement policy; the service request form.

## Dealing with beneficiaries
Courteous reception with hospitality as far as possible, and accurate answers to every inquiry. A request is received complete: the beneficiary is given the criteria and requirements of the request type, all data is checked before they leave, and they sign that it is correct. They are told the competent committee studies the request and that they will hear back through the agreed channel, within 15 working days of the request being complete.

## Compensating beneficiaries
When it is established that the association caused the fault and the harm: by minutes of the investigation and follow-up committee, dated and approved by its members, stating the harm, its extent and its causes; or by a final ruling of the competent authorities. The association negotiates with the beneficiary to settle the dispute and compensate them.

## Complaints and disputes
Complaints can be made easily through the direct link on the website and by fax, and are handled promptly by the follow-up committee; technical support and inquiries about communication are provided; disputes are settled amicably as far as possible.

## Building the relationship
The association protects beneficiaries' intellectual property and privacy, keeps their data and documents confidential, performs what it owes them when due, and abides by the code of professional ethics and conduct.

## Information due to beneficiaries
A contact officer for each beneficiary category and association domain receives and answers inquiries; channels for inquiries, request forms and information are provided; changed information is updated through the association's approved means.

## Measuring satisfaction
A periodic satisfaction questionnaire, field surveys, supervisory visits to offices, interviews, continuous follow-up by top management of the complaints and inquiries link, and top management's supervision of the contact officer.

## Responsibilities
Everyone working under the association's management and supervision reads the regulations of their work and this policy, knows it, signs it and complies with it. Human resources spreads the culture of professional conduct and ethics and gives every department and section a copy of the policy.`;

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('documents')
    .values({
      id: HARIF_POLICY_DOCUMENT_ID,
      slug: 'beneficiary-relations-policy',
      kind: 'policy',
      title_ar: 'سياسة تنظيم العلاقة مع المستفيدين',
      title_en: 'Policy for regulating the relationship with beneficiaries',
      visibility: 'public',
      created_at: AT,
      created_by: null,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('document_versions')
    .values({
      id: VERSION_ID,
      document_id: HARIF_POLICY_DOCUMENT_ID,
      number: 1,
      status: 'published',
      body_ar: POLICY_AR,
      body_en: POLICY_EN,
      is_english_summary: 1,
      file_ar_id: null,
      file_en_id: null,
      effective_on: '2026-01-01',
      change_summary_ar: 'أول نسخة في صلة: نص السياسة المعتمد لدى الجمعية، مع تصحيح أخطائه الإملائية.',
      change_summary_en: 'First version in Sila: the policy as adopted by the association, its spelling mistakes corrected.',
      approved_by: null,
      approved_on: null,
      published_at: AT,
      published_by: null,
      withdrawn_at: null,
      withdrawn_by: null,
      withdraw_reason: null,
      created_at: AT,
      created_by: null,
      updated_at: AT,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('document_versions').where('document_id', '=', HARIF_POLICY_DOCUMENT_ID).execute();
  await db.deleteFrom('documents').where('id', '=', HARIF_POLICY_DOCUMENT_ID).execute();
}
