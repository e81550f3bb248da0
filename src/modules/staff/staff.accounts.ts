import type { Kysely } from 'kysely';
import type { Database, StaffUserTable } from '../../platform/db/schema.js';
import * as repo from './staff.repo.js';

/**
 * A staff account as the sign-in steps read and change it (the auth area, through staff/index.ts):
 * the password, the authenticator and the replay guard live on the account, so auth asks staff.
 */
type Db = Kysely<Database>;

export const findAccount = (db: Db, id: string) => repo.findStaffRow(db, id);
export const findAccountByUsername = (db: Db, username: string) => repo.findStaffRowByUsername(db, username);
export const loadAccountRecord = (db: Db, id: string) => repo.loadStaff(db, id);
export const updateAccount = (db: Db, id: string, patch: Partial<StaffUserTable>) => repo.updateStaffRow(db, id, patch);

/** The authenticator secret's binding (auth seals and opens it; rotation re-seals it). */
export const totpAad = (userId: string) => `totp:${userId}`;
