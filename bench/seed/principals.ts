/**
 * The staff accounts the benchmark signs in as (issue 7 §2). BENCH DATA ONLY: the password and the
 * TOTP secret below are public constants so `npm run bench` can sign in without a person; a database
 * seeded by `npm run bench:seed` must never be used for real beneficiaries.
 *
 * Each account is inserted exactly as the staff service inserts one (staff.service.ts createStaffUser:
 * argon2id hash, TOTP secret encrypted with the AAD `totp:<id>`, roles and scope rows, one
 * `staff.create` audit row), except that the password is already chosen (must_change_password = 0)
 * and the authenticator is already enrolled (totp_enabled = 1), so sign-in is password → code.
 */
import type { StaffRole } from '../../src/domain/roles.js';
import type { StaffScope } from '../../src/domain/scope.js';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import * as staffRepo from '../../src/modules/staff/staff.repo.js';
import type { AppContext } from '../../src/platform/context.js';
import { hashPassword } from '../../src/platform/crypto/passwords.js';
import { totpCodeAt } from '../../src/platform/crypto/totp.js';
import { uuidv7 } from '../../src/platform/ids.js';

/** Bench data only (see above). */
export const BENCH_PASSWORD = 'bench-only password: never on real data 7';
/** Base32 TOTP secret shared by every bench account (bench data only). */
export const BENCH_TOTP_SECRET = 'KRUGKIDCMVXGG2BAONSWKZBAN5XGY6JA';

export type BenchPrincipalKey = 'reception' | 'followUp' | 'management' | 'administrator' | 'contactOfficer' | 'committeeMember';

export interface BenchPrincipalSpec {
  key: BenchPrincipalKey;
  username: string;
  displayName: string;
  roles: StaffRole[];
  scope: StaffScope;
}

/**
 * The scoped reception user works in one office, on two of the four categories and three of the
 * five domains, so every scope filter (F2) applies to its worklists and searches.
 */
export const RECEPTION_SCOPE: StaffScope = {
  offices: ['dammam'],
  categories: ['productive-family', 'home-business-owner'],
  domains: ['training', 'marketing', 'financial-aid'],
};

const ALL: StaffScope = { categories: [], domains: [], offices: [] };

export const BENCH_PRINCIPALS: readonly BenchPrincipalSpec[] = [
  { key: 'reception', username: 'bench.reception', displayName: 'موظفة استقبال الدمام', roles: ['reception'], scope: RECEPTION_SCOPE },
  { key: 'followUp', username: 'bench.followup', displayName: 'عضو لجنة المتابعة', roles: ['follow-up-committee'], scope: ALL },
  { key: 'management', username: 'bench.management', displayName: 'الإدارة التنفيذية', roles: ['management'], scope: ALL },
  { key: 'administrator', username: 'bench.admin', displayName: 'مدير النظام (قياس الأداء)', roles: ['administrator'], scope: ALL },
  { key: 'contactOfficer', username: 'bench.contact', displayName: 'مسؤول التواصل', roles: ['contact-officer'], scope: ALL },
  { key: 'committeeMember', username: 'bench.committee', displayName: 'عضو لجنة البت', roles: ['committee-member'], scope: ALL },
];

export function benchPrincipal(key: BenchPrincipalKey): BenchPrincipalSpec {
  const found = BENCH_PRINCIPALS.find((p) => p.key === key);
  if (!found) throw new Error(`No bench principal ${key}`);
  return found;
}

/** The current authenticator code for a bench account (each code is accepted once per account). */
export function benchTotpCode(at: Date = new Date()): Promise<string> {
  return totpCodeAt(BENCH_TOTP_SECRET, at);
}

/** Creates the bench accounts (one transaction); returns their ids by key. Existing usernames are refused. */
export async function createBenchPrincipals(ctx: AppContext): Promise<Record<BenchPrincipalKey, string>> {
  const now = ctx.clock.now();
  const hash = await hashPassword(BENCH_PASSWORD);
  const ids = {} as Record<BenchPrincipalKey, string>;
  await ctx.db.transaction().execute(async (trx) => {
    for (const spec of BENCH_PRINCIPALS) {
      if (await staffRepo.findStaffRowByUsername(trx, spec.username)) throw new Error(`Bench account ${spec.username} already exists`);
      const id = uuidv7(now.getTime());
      ids[spec.key] = id;
      await staffRepo.insertStaff(trx, {
        id,
        username: spec.username,
        display_name: spec.displayName,
        email: null,
        password_hash: hash,
        must_change_password: 0,
        password_changed_at: now.toISOString(),
        totp_secret: ctx.keys.encryptor.encrypt(BENCH_TOTP_SECRET, `totp:${id}`),
        totp_enabled: 1,
        totp_last_step: null,
        language: 'ar',
        is_active: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        deactivated_at: null,
      });
      await staffRepo.replaceRolesAndScope(trx, id, spec.roles, spec.scope);
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'system', id: null },
        action: 'staff.create',
        entity: 'staff_user',
        entityId: id,
        fields: ['username', 'displayName', 'roles', 'scope'],
      });
    }
  });
  return ids;
}
