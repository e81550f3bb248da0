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

/**
 * Links in messages (issue 20 §6): a link placeholder's value is a path (`/complaints/track#…`),
 * kept in the stored text between two private-use characters and made absolute by the dispatcher
 * against SILA_PUBLIC_URL when the message is sent — so a message queued while the address was
 * unset goes out right once it is set. The markers never reach a person.
 */
const LINK_OPEN = '\uE000';
const LINK_CLOSE = '\uE001';
const LINK = /\uE000([^\uE000\uE001]*)\uE001/g;

/** Placeholders whose values are links: `link`, and any name ending in `Link` (e.g. `withdrawLink`). */
export function isLinkPlaceholder(name: string): boolean {
  return name === 'link' || name.endsWith('Link');
}

/** The stored form of a link to `path` (a path on this installation, starting with `/`). */
export function linkToken(path: string): string {
  return `${LINK_OPEN}${path}${LINK_CLOSE}`;
}

export function hasLinks(text: string | null): boolean {
  return text?.includes(LINK_OPEN) ?? false;
}

/** Makes every link in `text` absolute against `base` (the public URL, with or without a trailing slash). */
export function resolveLinks(text: string, base: string): string {
  const root = base.replace(/\/+$/, '');
  return text.replace(LINK, (_whole, path: string) => `${root}${path}`);
}
