import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVoteBody } from '../../src/contracts/committees.js';
import { createRequestBody, signatureAttestationBody, transitionBody } from '../../src/contracts/requests.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

/** The OpenAPI document shows an example of each main request body (issue 5: create, transition, attestation, vote). */
let t: TestApp;
let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await t.close();
});

/**
 * @fastify/swagger lifts a schema's `examples` (zod `.meta({ examples })`) onto the media type:
 * one as `example`, several as `examples: { example1: { value } … }`.
 */
function examplesOf(path: string): Record<string, unknown>[] {
  const media = doc.paths[path]?.post?.requestBody?.content['application/json'] as
    | { example?: Record<string, unknown>; examples?: Record<string, { value: Record<string, unknown> }> }
    | undefined;
  expect(media, path).toBeDefined();
  const found = media?.example ? [media.example] : Object.values(media?.examples ?? {}).map((e) => e.value);
  expect(found.length, path).toBeGreaterThan(0);
  return found;
}

describe(`OpenAPI examples [${ENGINE}]`, () => {
  it('create request, transition, signature attestation and vote each carry a valid example', async () => {
    expect(examplesOf('/api/v1/requests')[0]).toMatchObject({ typeCode: 'training-enrolment', channel: 'interview' });
    expect(examplesOf('/api/v1/requests/{id}/transitions').map((e) => e.action)).toEqual(['submit', 'request-information']);
    expect(examplesOf('/api/v1/requests/{id}/attestations')[0]).toMatchObject({ method: 'signature-pad' });
    expect(examplesOf('/api/v1/meetings/{id}/votes').map((e) => e.choice)).toEqual(['approve', 'reject']);
  });

  it('every example is valid against its own schema', () => {
    const pairs = [
      ['/api/v1/requests', createRequestBody],
      ['/api/v1/requests/{id}/transitions', transitionBody],
      ['/api/v1/requests/{id}/attestations', signatureAttestationBody],
      ['/api/v1/meetings/{id}/votes', castVoteBody],
    ] as const;
    for (const [path, schema] of pairs)
      for (const example of examplesOf(path)) expect(schema.safeParse(example).success, `${path} ${JSON.stringify(example)}`).toBe(true);
  });

  it('the attestation route documents its multipart form too, and still takes the paper scan', async () => {
    const content = doc.paths['/api/v1/requests/{id}/attestations']?.post?.requestBody?.content ?? {};
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['application/json', 'multipart/form-data']));
  });
});
