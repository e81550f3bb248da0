// Worker thread entry for bench:seed (requests-pool.ts): TypeScript through tsx, then the generator.
import { register } from 'tsx/esm/api';

register();
await import('./requests-worker.ts');
