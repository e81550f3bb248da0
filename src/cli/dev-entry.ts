// Runs the CLI from source (tsx): `npm run sila -- VERB` during development and in tests.
import { main } from './index.js';

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
