/**
 * Tables of the requests module (issue 5), kept in their own file so that each module owns its part of
 * the schema; `Database` in schema.ts extends this. Same conventions as schema.ts.
 */
export type RequestSchema = Record<never, never>;
