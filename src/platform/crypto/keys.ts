import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config.js';
import { Encryptor, generateKey, Indexer, keyListProblem, parseKeyList } from './keyring.js';

export interface Keys {
  encryptor: Encryptor;
  indexer: Indexer;
}

const KEY_FILE = 'keys.env';

/** The data directory's key file (embedded mode). */
export function keyFileOf(config: Config): string {
  return path.join(config.dataDir, KEY_FILE);
}

/** Readable by its owner only: a looser file (copied, restored from an archive) is tightened. */
export function tightenToOwnerOnly(file: string): void {
  if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

/**
 * Embedded mode keeps generated keys in the data directory (mode 0600) when none are configured;
 * PostgreSQL mode never generates them (config refuses to start without them). Keys are generated
 * only with a new database (`mayGenerate`): new keys for existing data would only hide the real
 * ones. A malformed key, from the environment or the file, is a ConfigError naming the variable.
 */
export function loadKeys(
  config: Config,
  log: (message: string) => void = () => {},
  {
    mayGenerate = true,
    whenMissing = 'the database exists: put its key file back or set both variables',
  }: { mayGenerate?: boolean; whenMissing?: string } = {},
): Keys {
  let encryption = config.encryptionKey;
  let index = config.indexKey;
  let source = '';
  if (!encryption || !index) {
    const file = keyFileOf(config);
    if (!existsSync(file)) {
      if (!mayGenerate)
        throw new ConfigError([`SILA_ENCRYPTION_KEY, SILA_INDEX_KEY: not set and there is no key file ${file}, but ${whenMissing}`]);
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, `SILA_ENCRYPTION_KEY=${generateKey()}\nSILA_INDEX_KEY=${generateKey()}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      log(
        `Generated encryption and index keys in ${file}. Keep a copy of this file apart from your backups: without it the data cannot be read.`,
      );
    }
    tightenToOwnerOnly(file);
    const stored = Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]),
    );
    encryption ??= stored.SILA_ENCRYPTION_KEY;
    index ??= stored.SILA_INDEX_KEY;
    source = ` in ${file}`;
  }
  const problems: string[] = [];
  for (const [name, value] of [
    ['SILA_ENCRYPTION_KEY', encryption],
    ['SILA_INDEX_KEY', index],
  ] as const) {
    const problem = value ? keyListProblem(value) : 'is missing';
    if (problem) problems.push(`${name}${source}: ${problem}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    encryptor: new Encryptor(parseKeyList(encryption as string, 'SILA_ENCRYPTION_KEY')),
    indexer: new Indexer(parseKeyList(index as string, 'SILA_INDEX_KEY')),
  };
}

/**
 * Embedded mode's half of `sila keys rotate`: a new encryption key and a new index key are put
 * first in the data directory's key file (older keys stay, so existing data still reads). With keys
 * from the environment the operator does this step (README), and nothing is written.
 * Returns whether new keys were made.
 */
export function prependGeneratedKeys(config: Config): boolean {
  if (config.encryptionKey || config.indexKey) return false;
  const file = keyFileOf(config);
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8').split('\n');
  const next = lines.map((line) => {
    if (line.startsWith('SILA_ENCRYPTION_KEY=')) return `SILA_ENCRYPTION_KEY=${generateKey()},${line.slice('SILA_ENCRYPTION_KEY='.length)}`;
    if (line.startsWith('SILA_INDEX_KEY=')) return `SILA_INDEX_KEY=${generateKey()},${line.slice('SILA_INDEX_KEY='.length)}`;
    return line;
  });
  const temporary = `${file}.new`;
  writeFileSync(temporary, next.join('\n'), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return true;
}
