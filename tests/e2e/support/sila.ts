import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../../src/app.js';
import { ensureFirstAdministrator } from '../../../src/modules/staff/staff.service.js';
import { startRuntime } from '../../../src/platform/bootstrap.js';
import { loadConfig } from '../../../src/platform/config.js';
import type { AppContext } from '../../../src/platform/context.js';
import { generateKey } from '../../../src/platform/crypto/keyring.js';

export interface SilaServer {
  url: string;
  /** The first administrator, created as on a fresh installation. */
  admin: { username: string; oneTimePassword: string };
  /** The server's context, for journeys that need server-side state (e.g. a message in the outbox). */
  ctx: AppContext;
  close(): Promise<void>;
}

/** A Sila server in this process on a free port, with a fresh SQLite database and the built browser app. */
export async function startSila(): Promise<SilaServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sila-e2e-'));
  const config = loadConfig({
    SILA_DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'sila.db')}`,
    LOG_LEVEL: 'silent',
    SILA_ENCRYPTION_KEY: generateKey(),
    SILA_INDEX_KEY: generateKey(),
  });
  // A private copy of the built app: a rebuild while the journeys run must not pull chunks from under the pages.
  // SILA_E2E_WEB_DIR lets parallel work build into its own folder (vite build --outDir DIR).
  const builtDir = path.resolve(process.env.SILA_E2E_WEB_DIR ?? 'dist/web');
  if (!existsSync(path.join(builtDir, 'staff.html'))) throw new Error('Build the browser app first: npm run build:web');
  const webDir = path.join(dataDir, 'web');
  cpSync(builtDir, webDir, { recursive: true });
  const runtime = await startRuntime(config, { log: () => {} });
  const admin = await ensureFirstAdministrator(runtime.ctx);
  if (!admin) throw new Error('A fresh database should have no administrator yet');
  const app = await buildApp({ ctx: runtime.ctx, webDir, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    ctx: runtime.ctx,
    close: async () => {
      await app.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
