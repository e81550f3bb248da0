import { nationalIdCheckDigit } from '../../src/domain/national-id.js';
import type { Rng } from './rng.js';

/**
 * Common Saudi names as people write them, with the spellings the search has to bring together
 * (SAUDI-LOCALE.md "Arabic text for search"): hamza on alef or not (أحمد/احمد), ta marbuta or ha
 * (فاطمة/فاطمه), alef maqsura or ya (ليلى/ليلي), family names with and without "ال", and now and then
 * tashkeel. Each entry is [canonical, transliteration, …variants].
 */
type Name = readonly [string, string, ...string[]];

export const FEMALE_FIRST: readonly Name[] = [
  ['فاطمة', 'Fatimah', 'فاطمه'],
  ['نورة', 'Noura', 'نوره'],
  ['سارة', 'Sarah', 'ساره'],
  ['عائشة', 'Aisha', 'عايشة', 'عائشه'],
  ['مريم', 'Maryam'],
  ['هيا', 'Haya'],
  ['منيرة', 'Munirah', 'منيره'],
  ['لطيفة', 'Latifah', 'لطيفه'],
  ['أمل', 'Amal', 'امل'],
  ['ليلى', 'Layla', 'ليلي'],
  ['هند', 'Hind'],
  ['أسماء', 'Asma', 'اسماء'],
  ['خلود', 'Khulood'],
  ['جواهر', 'Jawaher'],
  ['حصة', 'Hessa', 'حصه'],
  ['موضي', 'Modhi'],
  ['العنود', 'Alanoud', 'عنود'],
  ['شيخة', 'Sheikha', 'شيخه'],
  ['رقية', 'Ruqayyah', 'رقيه'],
  ['زينب', 'Zainab'],
  ['إيمان', 'Iman', 'ايمان'],
  ['هدى', 'Huda', 'هدي'],
  ['منى', 'Mona', 'مني'],
  ['نجلاء', 'Najla'],
  ['بشرى', 'Bushra', 'بشري'],
  ['أروى', 'Arwa', 'اروى', 'اروي'],
  ['دلال', 'Dalal'],
  ['وفاء', 'Wafa'],
  ['غادة', 'Ghada', 'غاده'],
  ['عبير', 'Abeer'],
];

export const MALE_FIRST: readonly Name[] = [
  ['محمد', 'Mohammed', 'مُحَمَّد'],
  ['أحمد', 'Ahmed', 'احمد', 'أَحْمَد'],
  ['عبدالله', 'Abdullah', 'عبد الله'],
  ['عبدالرحمن', 'Abdulrahman', 'عبد الرحمن'],
  ['عبدالعزيز', 'Abdulaziz', 'عبد العزيز'],
  ['خالد', 'Khalid'],
  ['فهد', 'Fahad'],
  ['سعود', 'Saud'],
  ['سلطان', 'Sultan'],
  ['فيصل', 'Faisal'],
  ['تركي', 'Turki'],
  ['ناصر', 'Nasser'],
  ['إبراهيم', 'Ibrahim', 'ابراهيم'],
  ['علي', 'Ali', 'عَلِي'],
  ['حسن', 'Hassan'],
  ['حسين', 'Hussain'],
  ['يوسف', 'Yousef'],
  ['عيسى', 'Issa', 'عيسي'],
  ['مصطفى', 'Mustafa', 'مصطفي'],
  ['صالح', 'Saleh'],
  ['سلمان', 'Salman'],
  ['بندر', 'Bandar'],
  ['ماجد', 'Majed'],
  ['عمر', 'Omar'],
  ['حمزة', 'Hamzah', 'حمزه'],
  ['أسامة', 'Osama', 'اسامة', 'اسامه'],
  ['مرتضى', 'Murtada', 'مرتضي'],
  ['طلال', 'Talal'],
];

/** Family names: [with "ال", transliteration, …variants]; "آل" names keep their own form. */
export const FAMILY: readonly Name[] = [
  ['القحطاني', 'Al-Qahtani', 'قحطاني'],
  ['الدوسري', 'Al-Dosari', 'دوسري'],
  ['العتيبي', 'Al-Otaibi', 'عتيبي'],
  ['الشمري', 'Al-Shammari', 'شمري'],
  ['الغامدي', 'Al-Ghamdi', 'غامدي'],
  ['الزهراني', 'Al-Zahrani', 'زهراني'],
  ['المطيري', 'Al-Mutairi', 'مطيري'],
  ['الحربي', 'Al-Harbi', 'حربي'],
  ['الشهري', 'Al-Shehri', 'شهري'],
  ['العنزي', 'Al-Anazi', 'عنزي'],
  ['الهاجري', 'Al-Hajri', 'هاجري'],
  ['الخالدي', 'Al-Khalidi', 'خالدي'],
  ['السبيعي', 'Al-Subaie', 'سبيعي'],
  ['البوعينين', 'Al-Buainain', 'بوعينين'],
  ['النعيمي', 'Al-Nuaimi', 'نعيمي'],
  ['الجشي', 'Al-Jishi', 'جشي'],
  ['الخنيزي', 'Al-Khunaizi', 'خنيزي'],
  ['المالكي', 'Al-Maliki', 'مالكي'],
  ['الأحمد', 'Al-Ahmad', 'الاحمد'],
  ['الرشيد', 'Al-Rasheed', 'رشيد'],
  ['آل سعيد', 'Al Saeed', 'ال سعيد'],
  ['آل مبارك', 'Al Mubarak', 'ال مبارك'],
  ['آل عمران', 'Al Omran', 'ال عمران'],
  ['العمري', 'Al-Omari', 'عمري'],
  ['القرني', 'Al-Qarni', 'قرني'],
  ['الصفار', 'Al-Saffar', 'صفار'],
  ['المهنا', 'Al-Muhanna', 'مهنا'],
  ['الملا', 'Al-Mulla', 'ملا'],
  ['بوخمسين', 'Bukhamseen'],
  ['العيسى', 'Al-Issa', 'العيسي'],
];

/** The spelling someone typed: the canonical one usually, a variant about one time in four. */
export function spell(rng: Rng, name: Name): string {
  if (name.length > 2 && rng.chance(0.25)) return rng.pick(name.slice(2) as string[]);
  return name[0];
}

export interface PersonName {
  ar: string;
  en: string;
  familyIndex: number;
}

/** "first father family", e.g. "فاطمة محمد الزهراني" / "Fatimah Mohammed Al-Zahrani". */
export function headName(rng: Rng): PersonName {
  const first = rng.chance(0.8) ? rng.pick(FEMALE_FIRST) : rng.pick(MALE_FIRST);
  const father = rng.pick(MALE_FIRST);
  const familyIndex = rng.int(0, FAMILY.length - 1);
  const family = FAMILY[familyIndex] as Name;
  return {
    ar: `${spell(rng, first)} ${spell(rng, father)} ${spell(rng, family)}`,
    en: `${first[1]} ${father[1]} ${family[1]}`,
    familyIndex,
  };
}

export function memberName(rng: Rng, relation: string, familyIndex: number): string {
  const female = relation === 'daughter' || relation === 'mother' || relation === 'sister' || (relation === 'spouse' && rng.chance(0.2));
  const first = female ? rng.pick(FEMALE_FIRST) : rng.pick(MALE_FIRST);
  return `${spell(rng, first)} ${spell(rng, FAMILY[familyIndex] as Name)}`;
}

// ---- ID numbers and mobiles: unique by construction (a bijection of an index), valid by rule ----

const ID_SPACE = 100_000_000;
const ID_MULTIPLIER = 48_271_019; // odd and not a multiple of 5: a bijection of [0, 10^8)

/** The `slot`-th ID number of the registry: prefix 1 (citizen) or 2 (resident), Luhn check digit. */
export function nationalIdFor(slot: number, isResident: boolean): string {
  if (slot >= ID_SPACE) throw new RangeError('Too many ID numbers for the generator');
  const body = Number((BigInt(slot) * BigInt(ID_MULTIPLIER) + 12_345_679n) % BigInt(ID_SPACE))
    .toString()
    .padStart(8, '0');
  const first9 = `${isResident ? '2' : '1'}${body}`;
  return `${first9}${nationalIdCheckDigit(first9)}`;
}

const MOBILE_SECOND = ['0', '1', '3', '4', '5', '6', '7', '8', '9'] as const; // 050, 051, 053–059 (052 is not a mobile: SAUDI-LOCALE.md)
const MOBILE_SPACE = 9 * 10_000_000;

/** A Saudi mobile in E.164, unique per slot. */
export function mobileFor(slot: number): string {
  const n = Number((BigInt(slot) * 2_654_435_761n + 977n) % BigInt(MOBILE_SPACE));
  return `+9665${MOBILE_SECOND[Math.floor(n / 10_000_000)]}${String(n % 10_000_000).padStart(7, '0')}`;
}

export const OFFICES = [
  ['dammam', 'الدمام', 30],
  ['khobar', 'الخبر', 20],
  ['qatif', 'القطيف', 20],
  ['ahsa', 'الأحساء', 20],
  ['jubail', 'الجبيل', 10],
] as const;

export const DISTRICTS = ['حي الفيصلية', 'حي الشاطئ', 'حي العزيزية', 'حي الراكة', 'حي المحمدية', 'حي الخليج', 'حي النور', 'حي الروضة'];
