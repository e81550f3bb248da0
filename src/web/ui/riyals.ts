/** Riyals typed by a person (Latin or Arabic-Indic digits, up to two decimals) as halalas; null when not a positive amount. */
export function halalasFrom(text: string): number | null {
  const latin = text
    .trim()
    .replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)))
    .replace(/[,،\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(latin)) return null;
  const [whole, fraction = ''] = latin.split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return value > 0 ? value : null;
}
