#!/usr/bin/env bash
# `npm run test:all` — the README's test command (ARCHITECTURE.md "Tests and commands").
#
# On a fresh Debian machine: installs what is missing (Debian's Chromium, fonts-noto-core,
# PostgreSQL), builds, starts a throwaway PostgreSQL, runs the unit tests, the integration tests on
# SQLite and on PostgreSQL, and the Playwright journeys, then prints `N passed, N failed` as its last
# line. Exits non-zero when anything failed or a suite could not run.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

export CI=${CI:-true}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # Debian's /usr/bin/chromium only, never a downloaded browser
export FORCE_COLOR=${FORCE_COLOR:-0}

REPORTS=$ROOT/.tmp/test-reports
E2E_REPORT=$ROOT/test-results/e2e.json # written by playwright.config.ts
STARTED=$(date +%s)
STEPS=()
PG_DIR=

say() { printf '\n=== %s (at %ss)\n' "$*" "$(($(date +%s) - STARTED))"; }

cleanup() {
  if [[ -n $PG_DIR ]]; then
    "$ROOT/scripts/ci/throwaway-postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
    PG_DIR=
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. System packages, only when missing -----------------------------------------------------
has_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
has_fonts() { dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'install ok installed'; }

say 'System packages'
if [[ -x /usr/bin/chromium ]] && has_fonts && has_postgres; then
  echo 'chromium, fonts-noto-core and PostgreSQL are installed.'
else
  if [[ $EUID -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update </dev/null &&
      apt-get install -y --no-install-recommends chromium fonts-noto-core postgresql </dev/null
  else
    echo 'Not root: install them with apt-get install -y --no-install-recommends chromium fonts-noto-core postgresql' >&2
  fi
  if [[ -x /usr/bin/chromium ]] && has_fonts && has_postgres; then
    STEPS+=('step:system-packages:0')
  else
    # Carry on: what can run without them still runs, and the summary counts this step as failed.
    echo 'chromium, fonts-noto-core or PostgreSQL is still missing.' >&2
    STEPS+=('step:system-packages:1')
  fi
fi

# --- 2. Build ----------------------------------------------------------------------------------
say 'Build (npm run build)'
npm run build </dev/null
build_code=$?
STEPS+=("step:build:$build_code")
[[ $build_code -eq 0 ]] || echo "The build failed (exit $build_code): the tests still run from source; the journeys need the build." >&2

# --- 2b. Lint: Biome and the import rules (issue 18: area boundaries hold in CI) ---------------
say 'Lint (npm run lint)'
npm run lint </dev/null
STEPS+=("step:lint:$?")

# --- 3. Throwaway PostgreSQL -------------------------------------------------------------------
say 'Throwaway PostgreSQL'
if pg_env=$("$ROOT/scripts/ci/throwaway-postgres.sh" start $$); then
  PG_DIR=$(sed -n 's/^PG_DIR=//p' <<<"$pg_env")
  SILA_TEST_PG_URL=$(sed -n 's/^PG_URL=//p' <<<"$pg_env")
  export SILA_TEST_PG_URL
  echo "PostgreSQL at $SILA_TEST_PG_URL (data in $PG_DIR)"
else
  echo 'Could not start a throwaway PostgreSQL: the PostgreSQL suite will count as failed.' >&2
  unset SILA_TEST_PG_URL
fi

# --- 4. Vitest: unit, integration on SQLite, integration on PostgreSQL --------------------------
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
for project in unit integration-sqlite integration-postgres; do
  say "Vitest: $project"
  if [[ $project == integration-postgres && -z ${SILA_TEST_PG_URL:-} ]]; then
    STEPS+=("notrun:$project:no PostgreSQL server")
    continue
  fi
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$REPORTS/$project.json" </dev/null
  STEPS+=("vitest:$project:$?:$REPORTS/$project.json")
done

# --- 5. Playwright journeys --------------------------------------------------------------------
say 'Playwright journeys'
playwright_config=$(compgen -G 'playwright.config.*' | head -n 1 || true)
if [[ -z $playwright_config || ! -d tests/e2e ]]; then
  echo 'No playwright.config or tests/e2e yet: 0 journeys run.'
  STEPS+=("absent:e2e:no playwright config or tests/e2e directory yet")
else
  rm -f "$E2E_REPORT"
  npx playwright test </dev/null
  STEPS+=("playwright:e2e:$?:$E2E_REPORT")
fi

# --- 5b. Bench smoke (issue 7): a tiny seed on SQLite and `npm run bench -- --smoke` -------------
say 'Bench smoke (SQLite)'
BENCH_DIR=$(mktemp -d)
# The runner exits non-zero when a path answers anything but 2xx or the ceiling's bytes differ.
if SILA_DATA_DIR=$BENCH_DIR DATABASE_URL= npm run bench:seed -- --families 300 --requests 1000 --complaints 100 </dev/null >/dev/null; then
  SILA_DATA_DIR=$BENCH_DIR DATABASE_URL= npm run bench -- --smoke </dev/null
  STEPS+=("step:bench-smoke:$?")
else
  STEPS+=('step:bench-smoke:1')
fi
rm -rf "$BENCH_DIR"
# Issue 20 §2: a bulk send to 500 seeded families in a separate server process, with sign-in codes
# queued mid-send; fails unless every family is worked through and every code is handed over.
say 'Bulk-send bench smoke (SQLite)'
DATABASE_URL= npm run bench:bulk-send -- --smoke </dev/null
STEPS+=("step:bulk-send-smoke:$?")
# Issue 25 bad input (F2): the access copy's job on 200 messages; fails unless the copy holds them all.
say 'Access-copy bench smoke (SQLite)'
DATABASE_URL= npm run bench:access-copy -- --smoke </dev/null
STEPS+=("step:access-copy-smoke:$?")

# --- 6. Summary (its last line is `N passed, N failed`) -----------------------------------------
cleanup
echo
echo "test:all took $(($(date +%s) - STARTED)) s; reports in $REPORTS and $E2E_REPORT"
node "$ROOT/scripts/ci/summarize-results.mjs" "${STEPS[@]}"
