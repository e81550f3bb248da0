/**
 * Placeholders in message templates: `{{name}}` (spaces inside the braces allowed). Pure, so the
 * template editor's checks and the rendering are tested without a database.
 */
const TOKEN = /\{\{([^{}]*)\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export interface TemplateIssue {
  code: 'template.unknown-placeholder' | 'template.malformed-placeholder' | 'template.missing-placeholder';
  placeholder: string | null;
  detail: string;
}

/** The placeholder names in order of appearance, repeats included (WhatsApp's {{1}}, {{2}}… follow this order). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => (m[1] ?? '').trim()).filter((name) => NAME.test(name));
}

/**
 * What is wrong with a template, checked when an administrator saves it: every placeholder must be
 * one the event offers (named in the answer), braces must pair up, and the event's required
 * placeholders must be there.
 * @example checkTemplate('Hello {{familyNme}}', { allowed: ['familyName'], required: [] })
 *   // [{ code: 'template.unknown-placeholder', placeholder: 'familyNme', … }]
 */
export function checkTemplate(
  text: string,
  { allowed, required = [] }: { allowed: readonly string[]; required?: readonly string[] },
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    const name = (match[1] ?? '').trim();
    if (!NAME.test(name)) {
      issues.push({ code: 'template.malformed-placeholder', placeholder: match[0], detail: `Not a placeholder name: ${match[0]}` });
      continue;
    }
    seen.add(name);
    if (!allowed.includes(name) && !issues.some((i) => i.placeholder === name)) {
      issues.push({
        code: 'template.unknown-placeholder',
        placeholder: name,
        detail: `Unknown placeholder {{${name}}}; this message offers ${allowed.map((a) => `{{${a}}}`).join(', ')}`,
      });
    }
  }
  const leftover = text.replace(TOKEN, '');
  if (leftover.includes('{{') || leftover.includes('}}')) {
    issues.push({ code: 'template.malformed-placeholder', placeholder: null, detail: 'A "{{" or "}}" without its pair' });
  }
  for (const name of required) {
    if (!seen.has(name))
      issues.push({ code: 'template.missing-placeholder', placeholder: name, detail: `This message must contain {{${name}}}` });
  }
  return issues;
}

/**
 * Fills a template. Values are inserted as given, or through `escapeValue` (HTML for printed letters);
 * a placeholder without a value becomes empty, and the result is trimmed line by line.
 * @example renderTemplate('رقم {{reference}}', { reference: 'FAM-2026-000001' }) // 'رقم FAM-2026-000001'
 */
export function renderTemplate(
  text: string,
  values: Readonly<Record<string, string | undefined>>,
  escapeValue: (value: string) => string = (v) => v,
): string {
  return text
    .replace(TOKEN, (whole, inner: string) => {
      const name = inner.trim();
      if (!NAME.test(name)) return whole;
      return escapeValue(values[name] ?? '');
    })
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}
