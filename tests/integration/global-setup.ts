import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { uuidv7 } from '../../src/platform/ids.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database each test app copies (harness.ts): a SQLite file, or a PostgreSQL database name. */
    silaTemplate?: string;
  }
}

/**
 * Migrates one template database per run, so each test app copies it instead of running every
 * migration again. The migrations seed nothing that depends on a test database's keys (categories,
 * domains, offices, the audit seal row, the two committees), so a copy is what a fresh migration
 * would give; start-up still runs `migrate`, which finds nothing pending.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (project.name === 'integration-sqlite') return await sqliteTemplate(project);
  if (project.name === 'integration-postgres') return await postgresTemplate(project);
  return undefined;
}

async function sqliteTemplate(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sila-template-'));
  const file = path.join(dir, 'template.db');
  const handle = openDatabase(loadConfig({ SILA_DATA_DIR: dir, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' }).database);
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  // Closing the last connection checkpoints the WAL into the file: the file alone is the database.
  if (existsSync(`${file}-wal`)) throw new Error(`the template database left a WAL file behind: ${file}-wal`);
  project.provide('silaTemplate', file);
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const adminUrl = process.env.SILA_TEST_PG_URL;
  if (!adminUrl) return undefined; // the harness says how to get a server
  const name = `sila_template_${uuidv7().replaceAll('-', '').slice(-16)}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ engine: 'postgres', url: url.toString() });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  // PostgreSQL copies a template only while nobody is connected to it: refuse connections from now on.
  await adminQuery(adminUrl, `alter database ${name} with is_template true allow_connections false`);
  project.provide('silaTemplate', name);
  return async () => {
    await adminQuery(adminUrl, `alter database ${name} with is_template false`);
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  };
}

async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
