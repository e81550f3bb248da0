import type { Kysely } from 'kysely';

/** Placeholder for service requests (issue 5): request types, requests, documents, attestations, history; filled by the module that owns it. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
