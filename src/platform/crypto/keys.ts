import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { Encryptor, generateKey, Indexer, parseKeyList } from './keyring.js';

export interface Keys {
  encryptor: Encryptor;
  indexer: Indexer;
}

const KEY_FILE = 'keys.env';

/**
 * Embedded mode keeps generated keys in the data directory (mode 0600) when none are configured;
 * PostgreSQL mode never generates them (config refuses to start without them).
 */
export function loadKeys(config: Config, log: (message: string) => void = () => {}): Keys {
  let encryption = config.encryptionKey;
  let index = config.indexKey;
  if (!encryption || !index) {
    const file = path.join(config.dataDir, KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, `SILA_ENCRYPTION_KEY=${generateKey()}\nSILA_INDEX_KEY=${generateKey()}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      log(
        `Generated encryption and index keys in ${file}. Keep a copy of this file apart from your backups: without it the data cannot be read.`,
      );
    }
    const stored = Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]),
    );
    encryption ??= stored.SILA_ENCRYPTION_KEY;
    index ??= stored.SILA_INDEX_KEY;
  }
  if (!encryption || !index) throw new Error('Encryption and index keys are missing');
  return {
    encryptor: new Encryptor(parseKeyList(encryption, 'SILA_ENCRYPTION_KEY')),
    indexer: new Indexer(parseKeyList(index, 'SILA_INDEX_KEY')),
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
  const file = path.join(config.dataDir, KEY_FILE);
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8').split('\n');
  const next = lines.map((line) => {
    if (line.startsWith('SILA_ENCRYPTION_KEY=')) return `SILA_ENCRYPTION_KEY=${generateKey()},${line.slice('SILA_ENCRYPTION_KEY='.length)}`;
    if (line.startsWith('SILA_INDEX_KEY=')) return `SILA_INDEX_KEY=${generateKey()},${line.slice('SILA_INDEX_KEY='.length)}`;
    return line;
  });
  const temporary = `${file}.new`;
  writeFileSync(temporary, next.join('\n'), { mode: 0o600 });
  renameSync(temporary, file);
  return true;
}
