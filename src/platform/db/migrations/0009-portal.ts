import type { Kysely } from 'kysely';

/** Placeholder for the beneficiary portal's one-time codes (issue 5 §2); filled by the module that owns it. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
