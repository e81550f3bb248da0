import type { Kysely } from 'kysely';

/** Placeholder for committees, members, meetings, agendas, votes, minutes (issue 5 §7); filled by the module that owns it. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
