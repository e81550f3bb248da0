// Sums the test reports of `npm run test:all` into one line, `N passed, N failed`, printed last.
//
//   node scripts/ci/summarize-results.mjs STEP...
//   STEP = vitest:NAME:EXIT_CODE:REPORT.json | playwright:NAME:EXIT_CODE:REPORT.json
//        | step:NAME:EXIT_CODE (a step without tests, such as the build)
//        | absent:NAME:WHY (not there yet: no failure) | notrun:NAME:WHY (could not run: one failure)
//
// A suite that exited non-zero without a readable report, or with a report that shows no failure,
// still counts one failure: a crash must never read as a pass. Exits 1 when anything failed.
import { existsSync, readFileSync } from 'node:fs';

function readJson(file) {
  if (!file || !existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function fromVitest(report) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for (const file of report.testResults ?? []) {
    let fileFailed = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') passed += 1;
      else if (test.status === 'failed') {
        failed += 1;
        fileFailed += 1;
        failures.push(`${file.name}: ${test.fullName ?? test.title}`);
      } else skipped += 1;
    }
    // A file that failed to load or failed in a hook has no failed test of its own.
    if (file.status === 'failed' && fileFailed === 0) {
      failed += 1;
      failures.push(`${file.name}: ${(file.message || 'the file failed outside its tests').split('\n')[0]}`);
    }
  }
  return { passed, failed, skipped, failures };
}

function fromPlaywright(report) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = [...path, spec.title].filter(Boolean).join(' › ');
        if (test.status === 'expected' || test.status === 'flaky') passed += 1;
        else if (test.status === 'skipped') skipped += 1;
        else {
          failed += 1;
          failures.push(`${spec.file ?? ''}: ${name} [${test.projectName ?? ''}]`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  // Errors outside tests: the web server did not start, a file did not compile, global setup threw.
  for (const error of report.errors ?? []) {
    failed += 1;
    failures.push(`(outside tests) ${String(error.message ?? error.value ?? JSON.stringify(error)).split('\n')[0]}`);
  }
  return { passed, failed, skipped, failures };
}

const rows = [];
for (const arg of process.argv.slice(2)) {
  const [kind, name = arg, third = '', ...rest] = arg.split(':');
  const row = { name, passed: 0, failed: 0, skipped: 0, failures: [], note: '' };
  if (kind === 'absent') {
    row.note = `not run: ${[third, ...rest].join(':')}`;
  } else if (kind === 'notrun') {
    row.failed = 1;
    row.note = `could not run: ${[third, ...rest].join(':')}; counted as one failure`;
  } else if (kind === 'step') {
    const code = Number(third);
    if (code !== 0) {
      row.failed = 1;
      row.note = `failed (exit ${third}), counted as one failure`;
    } else row.note = 'ok';
  } else if (kind === 'vitest' || kind === 'playwright') {
    const code = Number(third);
    const file = rest.join(':');
    const report = readJson(file);
    if (!report) {
      row.failed = 1;
      row.note = `crashed before writing its report (exit ${third}), counted as one failure`;
    } else {
      Object.assign(row, kind === 'playwright' ? fromPlaywright(report) : fromVitest(report));
      if (code !== 0 && row.failed === 0) {
        row.failed = 1;
        row.note = `exited ${third} although no test failed (unhandled error or no tests), counted as one failure`;
      }
      if (row.passed + row.failed + row.skipped === 0 && code === 0) row.note = 'ran no tests';
    }
  } else {
    row.failed = 1;
    row.note = `unknown step ${JSON.stringify(arg)}, counted as one failure`;
  }
  rows.push(row);
}

console.log('\nTest summary');
for (const row of rows) {
  const counts = `${row.passed} passed, ${row.failed} failed${row.skipped ? `, ${row.skipped} skipped` : ''}`;
  console.log(`  ${row.name.padEnd(22)} ${counts}${row.note ? ` — ${row.note}` : ''}`);
  for (const failure of row.failures.slice(0, 40)) console.log(`      ✗ ${failure}`);
  if (row.failures.length > 40) console.log(`      … and ${row.failures.length - 40} more`);
}
const passed = rows.reduce((sum, r) => sum + r.passed, 0);
const failed = rows.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
