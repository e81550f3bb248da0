import { describe, expect, it } from 'vitest';
import { SERVER_HEAP_MB, serverHeapArgs } from '../../bin/server-heap.mjs';

/** `sila serve` runs with a capped heap (issue 7 §5: server memory under 250 MB), unless told otherwise. */
describe('the server heap limit', () => {
  it('caps old space at the default, or at SILA_HEAP_MB', () => {
    expect(serverHeapArgs({}, [])).toEqual([`--max-old-space-size=${SERVER_HEAP_MB}`]);
    expect(serverHeapArgs({ SILA_HEAP_MB: '512' }, [])).toEqual(['--max-old-space-size=512']);
    expect(serverHeapArgs({ SILA_HEAP_MB: 'lots' }, [])).toEqual([`--max-old-space-size=${SERVER_HEAP_MB}`]);
  });

  it('leaves a limit already given in NODE_OPTIONS or the node flags alone', () => {
    expect(serverHeapArgs({ NODE_OPTIONS: '--max-old-space-size=1024' }, [])).toEqual([]);
    expect(serverHeapArgs({}, ['--max-old-space-size=96'])).toEqual([]);
  });
});
