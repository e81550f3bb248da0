import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_CHARS, PostgresSink } from '../../bench/seed/sink.js';
import { createTestDatabase, ENGINE } from './harness.js';

/**
 * The PostgreSQL bench sink sends rows by COPY in batches. A batch is full by rows or by size: a few
 * large rows (a meeting's minutes list thousands of decisions) must not wait for the end of the load,
 * where a full-size seed once held gigabytes of them and stalled in one COPY (issue 7 §1).
 */
describe.runIf(ENGINE === 'postgres')('bench seed: PostgreSQL sink batches', () => {
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    url = database.env.DATABASE_URL as string;
    drop = database.drop;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table big_rows (id integer primary key, body text not null)');
    await client.end();
  });
  afterAll(async () => {
    await drop();
  });

  it('sends a few large rows as soon as they fill a batch by size, not at the end', async () => {
    const sink = new PostgresSink(url);
    await sink.begin();
    try {
      const write = sink.table('big_rows', ['id', 'body']);
      const body = 'ق'.repeat(COPY_CHARS / 4);
      for (let id = 1; id <= 3; id++) write([id, body]);
      await sink.drain();
      expect(await sink.query<{ n: number }>('select count(*)::int as n from big_rows')).toEqual([{ n: 0 }]);
      for (let id = 4; id <= 6; id++) write([id, body]);
      await sink.drain();
      // Six rows, far from a batch by count: written because they are over a batch by size.
      expect(
        await sink.query<{ n: number; chars: number }>('select count(*)::int as n, sum(length(body))::int as chars from big_rows'),
      ).toEqual([{ n: 6, chars: 6 * body.length }]);
      write([7, 'small']);
      await sink.drain();
      expect(await sink.query<{ n: number }>('select count(*)::int as n from big_rows')).toEqual([{ n: 6 }]);
    } finally {
      await sink.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('select count(*)::int as n from big_rows')).rows).toEqual([{ n: 7 }]);
    await client.end();
  });
});
