import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { versionInForce } from './documents.store.js';

/**
 * Issue 26 §4 (R1, F4): the published versions the acknowledgements area asks staff and contract
 * parties to read — offered here so that area reads no documents table itself. A version is asked
 * for only while it is in force; a newer version in force replaces it.
 */
export interface AcknowledgeableVersion {
  id: string;
  number: number;
  effectiveOn: string;
  bodyAr: string | null;
  bodyEn: string | null;
  isEnglishSummary: boolean;
  /** The Arabic PDF's content hash, when the version is a PDF. */
  fileArSha256: string | null;
}

export interface AcknowledgeableDocument {
  id: string;
  slug: string;
  kind: string;
  titleAr: string;
  titleEn: string;
  /** Published versions, oldest first. */
  versions: AcknowledgeableVersion[];
  inForce: AcknowledgeableVersion | null;
}

/** The documents holding any of `versionIds`, with their published versions and the one in force on `day`. */
export async function documentsOfVersions(
  db: Kysely<Database>,
  versionIds: readonly string[],
  day: string,
): Promise<AcknowledgeableDocument[]> {
  if (!versionIds.length) return [];
  const docIds = await db
    .selectFrom('document_versions')
    .select('document_id')
    .distinct()
    .where('id', 'in', [...new Set(versionIds)])
    .execute();
  if (!docIds.length) return [];
  const ids = docIds.map((d) => d.document_id);
  const [docs, rows] = await Promise.all([
    db.selectFrom('documents').select(['id', 'slug', 'kind', 'title_ar', 'title_en']).where('id', 'in', ids).execute(),
    db
      .selectFrom('document_versions')
      .leftJoin('files', 'files.id', 'document_versions.file_ar_id')
      .select([
        'document_versions.id',
        'document_versions.document_id',
        'document_versions.number',
        'document_versions.status',
        'document_versions.effective_on',
        'document_versions.body_ar',
        'document_versions.body_en',
        'document_versions.is_english_summary',
        'files.sha256 as file_sha256',
      ])
      .where('document_versions.document_id', 'in', ids)
      .where('document_versions.status', '=', 'published')
      .orderBy('document_versions.number')
      .execute(),
  ]);
  return docs.map((doc) => {
    const own = rows.filter((r) => r.document_id === doc.id);
    const current = versionInForce(own, day);
    const versions = own.map((r) => ({
      id: r.id,
      number: r.number,
      effectiveOn: r.effective_on ?? day,
      bodyAr: r.body_ar,
      bodyEn: r.body_en,
      isEnglishSummary: r.is_english_summary === 1,
      fileArSha256: r.file_sha256 ?? null,
    }));
    return {
      id: doc.id,
      slug: doc.slug,
      kind: doc.kind,
      titleAr: doc.title_ar,
      titleEn: doc.title_en,
      versions,
      inForce: current ? (versions.find((v) => v.id === current.id) ?? null) : null,
    };
  });
}

/**
 * Issue 26 §4 (R1): what decides which version of the documents holding `versionIds` is in force and
 * how it is shown, without the texts — one row per published version with its document's names and
 * both rows' `updated_at`. The acknowledgement gate reads this on every staff request as the key of
 * its cache: a published version's text and file are never edited (only drafts are, and publishing
 * or withdrawing changes the published set and the stamps), so equal stamps mean equal requirements.
 */
export async function acknowledgeableStamps(db: Kysely<Database>, versionIds: readonly string[]): Promise<unknown[][]> {
  if (!versionIds.length) return [];
  const rows = await db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select([
      'documents.id as document_id',
      'documents.slug',
      'documents.kind',
      'documents.title_ar',
      'documents.title_en',
      'documents.updated_at as document_updated_at',
      'document_versions.id',
      'document_versions.number',
      'document_versions.effective_on',
      'document_versions.is_english_summary',
      'document_versions.file_ar_id',
      'document_versions.updated_at',
    ])
    .where('document_versions.status', '=', 'published')
    .where('document_versions.document_id', 'in', (qb) =>
      qb
        .selectFrom('document_versions as required')
        .select('required.document_id')
        .where('required.id', 'in', [...new Set(versionIds)]),
    )
    .orderBy('documents.id')
    .orderBy('document_versions.number')
    .execute();
  return rows.map((r) => Object.values(r));
}

/** A version's document id, for any status (null when there is no such version). */
export async function documentOfVersion(db: Kysely<Database>, versionId: string): Promise<{ documentId: string; status: string } | null> {
  const row = await db.selectFrom('document_versions').select(['document_id', 'status']).where('id', '=', versionId).executeTakeFirst();
  return row ? { documentId: row.document_id, status: row.status } : null;
}
