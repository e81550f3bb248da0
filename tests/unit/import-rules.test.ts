import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 18 §1: the import rules (.dependency-cruiser.cjs, run by `npm run lint`) each bite. The
 * fixture holds one violation of each rule; an empty or loosened rules file fails here.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'tests/unit/fixtures/import-rules');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');

function cruise(cwd: string): { status: number; output: string } {
  try {
    const output = execFileSync(DEPCRUISE, ['src', '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe('import rules (issue 18 §1)', () => {
  const fixture = cruise(FIXTURE);

  it.each([
    ['domain-pure', 'src/domain/rules.ts → src/platform/db.ts'],
    ['domain-pure', 'src/domain/rules.ts → crypto'],
    ['contracts-domain-only', 'src/contracts/api.ts → src/modules/alpha/alpha.repo.ts'],
    ['platform-no-modules', 'src/platform/db.ts → src/modules/alpha/index.ts'],
    ['web-no-server', 'src/web/page.ts → src/platform/db.ts'],
    ['no-circular', 'src/modules/alpha/alpha.repo.ts →'],
    ['no-circular', 'src/modules/alpha →'],
    ['area-public-face-only', 'src/modules/beta/index.ts → src/modules/alpha/alpha.repo.ts'],
  ])('%s refuses %s', (rule, edge) => {
    expect(fixture.status).not.toBe(0);
    expect(fixture.output).toContain(`error ${rule}: ${edge}`);
  });

  it('the application itself keeps every rule', () => {
    const app = cruise(ROOT);
    expect(app.output).toContain('no dependency violations found');
    expect(app.status).toBe(0);
  }, 60_000);
});
