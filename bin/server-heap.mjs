// The server's V8 old-space limit (issue 7 §5: under 250 MB with a million families). Without a
// limit V8 lets old space grow to ~300 MB under 50 concurrent requests before collecting; capped at
// 192 MB the peak stays ~175 MB at the same speed (bench/README.md). The largest single job in the
// server, a 50 000-row export, needs ~55 MB; .xlsx imports are read in a worker with its own limit.
// SILA_HEAP_MB changes it; a --max-old-space-size already given (NODE_OPTIONS, node flags) wins.
export const SERVER_HEAP_MB = 192;

/** The node flags `sila serve` runs with: the heap limit unless one is given already. */
export function serverHeapArgs(env = process.env, execArgv = process.execArgv) {
  const isGiven = [env.NODE_OPTIONS ?? '', ...execArgv].some((arg) => arg.includes('--max-old-space-size'));
  return isGiven ? [] : [`--max-old-space-size=${Number(env.SILA_HEAP_MB) || SERVER_HEAP_MB}`];
}
