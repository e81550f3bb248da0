import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS } from '../../src/contracts/notifications.js';
import { EVENTS } from '../../src/modules/notifications/notifications.events.js';

/**
 * The outbox, tasks and templates screens name each message's event (issue 4 §7, issue 6 §4–§7):
 * every event the code can emit has a label in Arabic and in English, so no screen shows a bare code
 * such as `inquiry.answered`.
 */
type Texts = { [key: string]: string | Texts };
const labels = (language: 'ar' | 'en') =>
  (JSON.parse(readFileSync(path.resolve(`src/web/notifications/i18n/${language}.json`), 'utf8')) as { events: Texts }).events;

function labelOf(tree: Texts, event: string): string | undefined {
  let node: string | Texts | undefined = tree;
  for (const part of event.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** Event names written as `event: '…'` in the server's sources: what enqueueMessage is called with. */
function emittedInSources(dir: string): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      for (const event of emittedInSources(file)) found.add(event);
    } else if (file.endsWith('.ts')) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /\bevent:\s*(?:[^,;\n]*\?\s*)?'([a-z-]+\.[a-z-]+)'(?:\s*:\s*'([a-z-]+\.[a-z-]+)')?/g,
      )) {
        if (match[1]) found.add(match[1]);
        if (match[2]) found.add(match[2]);
      }
    }
  }
  return found;
}

describe('outbox event labels', () => {
  it.each(NOTIFICATION_EVENTS.map((event) => [event]))('%s has a label in Arabic and in English', (event) => {
    const ar = labelOf(labels('ar'), event);
    const en = labelOf(labels('en'), event);
    expect(ar, `Arabic label for ${event}`).toBeTruthy();
    expect(en, `English label for ${event}`).toBeTruthy();
    expect(ar).toMatch(/[\u0600-\u06FF]/);
    expect(en).not.toMatch(/[\u0600-\u06FF]/);
    expect(ar).not.toBe(en);
  });

  it('every event the server enqueues is a known event (so the list above is the whole list)', () => {
    const emitted = emittedInSources(path.resolve('src/modules'));
    expect(emitted.size).toBeGreaterThan(10);
    for (const event of ['inquiry.answered', 'complaint.acknowledged', 'complaint.responded', 'complaint.assigned'])
      expect(emitted).toContain(event);
    for (const event of emitted) expect(NOTIFICATION_EVENTS as readonly string[]).toContain(event);
    expect(Object.keys(EVENTS).sort()).toEqual([...NOTIFICATION_EVENTS].sort());
  });
});
