import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DB } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-audit-chain.js';
import * as m0003 from './migrations/0003-families.js';
import * as m0004 from './migrations/0004-calendar.js';
import * as m0005 from './migrations/0005-files.js';
import * as m0006 from './migrations/0006-outbox.js';
import * as m0007 from './migrations/0007-requests.js';
import * as m0008 from './migrations/0008-committees.js';
import * as m0009 from './migrations/0009-portal.js';
import * as m0010 from './migrations/0010-complaints.js';
import * as m0011 from './migrations/0011-complaints-handling.js';
import * as m0012 from './migrations/0012-requests-gaps.js';
import * as m0013 from './migrations/0013-oversight-indexes.js';
import * as m0014 from './migrations/0014-audit-unsealed-partial.js';
import * as m0015 from './migrations/0015-families-ordered-scans.js';
import * as m0016 from './migrations/0016-oversight-by-kind.js';
import * as m0017 from './migrations/0017-key-sentinels.js';
import * as m0018 from './migrations/0018-outbox-priority.js';
import * as m0019 from './migrations/0019-outbox-truth.js';
import * as m0020 from './migrations/0020-consent-purposes-notices.js';
import * as m0021 from './migrations/0021-family-consents.js';
import * as m0022 from './migrations/0022-committee-subjects.js';
import * as m0023 from './migrations/0023-committee-purposes.js';
import * as m0024 from './migrations/0024-subject-attestations.js';
import * as m0025 from './migrations/0025-bulk-sends.js';
import * as m0026 from './migrations/0026-family-email-verified.js';
import * as m0027 from './migrations/0027-delivery-reports.js';
import * as m0028 from './migrations/0028-compensation.js';
import * as m0029 from './migrations/0029-saved-views.js';
import * as m0030 from './migrations/0030-surveys.js';
import * as m0031 from './migrations/0031-c6-ceiling.js';
import * as m0032 from './migrations/0032-survey-campaigns.js';
import * as m0034 from './migrations/0034-setup-marks.js';
import * as m0037 from './migrations/0037-documents.js';
import * as m0038 from './migrations/0038-harif-policy.js';
import * as m0039 from './migrations/0039-privacy.js';
import * as m0040 from './migrations/0040-erasure.js';
import * as m0041 from './migrations/0041-request-type-versions.js';
import * as m0042 from './migrations/0042-acknowledgements.js';
import * as m0043 from './migrations/0043-access-copies.js';

/** One migration history for both engines, listed here so it works from source and from dist. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-audit-chain': m0002,
  '0003-families': m0003,
  '0004-calendar': m0004,
  '0005-files': m0005,
  '0006-outbox': m0006,
  '0007-requests': m0007,
  '0008-committees': m0008,
  '0009-portal': m0009,
  '0010-complaints': m0010,
  '0011-complaints-handling': m0011,
  '0012-requests-gaps': m0012,
  '0013-oversight-indexes': m0013,
  '0014-audit-unsealed-partial': m0014,
  '0015-families-ordered-scans': m0015,
  '0016-oversight-by-kind': m0016,
  '0017-key-sentinels': m0017,
  '0018-outbox-priority': m0018,
  '0019-outbox-truth': m0019,
  '0020-consent-purposes-notices': m0020,
  '0021-family-consents': m0021,
  '0022-committee-subjects': m0022,
  '0023-committee-purposes': m0023,
  '0024-subject-attestations': m0024,
  '0025-bulk-sends': m0025,
  '0026-family-email-verified': m0026,
  '0027-delivery-reports': m0027,
  '0028-compensation': m0028,
  '0029-saved-views': m0029,
  '0030-surveys': m0030,
  '0031-c6-ceiling': m0031,
  '0032-survey-campaigns': m0032,
  '0034-setup-marks': m0034,
  '0037-documents': m0037,
  '0038-harif-policy': m0038,
  '0039-privacy': m0039,
  '0040-erasure': m0040,
  '0041-request-type-versions': m0041,
  '0042-acknowledgements': m0042,
  '0043-access-copies': m0043,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'sila_migrations', migrationLockTableName: 'sila_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations' names in the order they run. */
export const migrationNames = (): string[] => Object.keys(migrations).sort();

/** Migrates up (or down) to `name` exactly: tests build a database as an older release left it (issue 22). */
export async function migrateTo(db: DB, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'sila_migrations', migrationLockTableName: 'sila_migration_lock' });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
