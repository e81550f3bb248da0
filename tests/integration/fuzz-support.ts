import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { RegisteredRoute } from '../../src/app.js';
import { nationalIdCheckDigit } from '../../src/domain/national-id.js';
import { STAFF_ROLES } from '../../src/domain/roles.js';
import { CSRF_HEADER, PORTAL_COOKIE, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildCommittee, buildComplaint, buildFamily, buildRequest, buildRequestType } from './factories.js';
import { buildStaff, sessionFor, type TestApp } from './harness.js';

/**
 * The input fuzz of issue 21 (tests/integration/fuzz.test.ts, bench/fuzz.ts): every operation of
 * the app's own OpenAPI document, called with inputs generated from its schemas — mostly valid,
 * with unicode edge cases, boundary sizes, wrong types, missing and extra fields, malformed
 * bodies, random path ids and query strings — as an anonymous visitor and as the principal the
 * route is for. A finding is any 5xx, or any 4xx that is not problem+json.
 */

// ---- the operations ----

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export type Access = 'public' | 'staff' | 'family';

export interface Operation {
  /** `GET /api/v1/families/{id}` */
  key: string;
  method: string;
  path: string;
  access: Access;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: JsonSchema | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, with the policy its route declares (`app.silaRoutes`). */
export function operationsOf(doc: OpenApiDocument, routes: RegisteredRoute[]): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [verb, operation] of Object.entries(item)) {
      if (!METHODS.includes(verb)) continue;
      const method = verb.toUpperCase();
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      const policy = routes.find((r) => r.method === method && r.url === url)?.policy;
      const parameters = operation.parameters ?? [];
      operations.push({
        key: `${method} ${path}`,
        method,
        path,
        access: policy?.access ?? 'public',
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** An operation's own seed, so a run of that operation alone (`SILA_FUZZ_ONLY`) replays its cases. */
export function operationSeed(seed: number, operation: Operation): number {
  let hash = 0x811c9dc5; // FNV-1a
  for (const char of operation.key) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (seed ^ hash) | 0;
}

// ---- strings, numbers and anything ----

/** Characters that have broken servers: controls, bidi overrides, invisible marks, surrogate halves, emoji, Arabic. */
const EDGE_CHARS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '😀',
  '👨‍👩‍👧',
  '🏳️‍🌈',
  'ﷺ',
  'ـ',
  'أ',
  'إ',
  'آ',
  'ة',
  'ى',
  '٠',
  '٣',
  '۴',
  'ً',
  'Ａ',
  'İ',
  'ß',
  '%',
  '\\',
  '"',
  "'",
  '<',
  '&',
  '/',
  '?',
  '#',
  '*',
  '_',
  ' ',
  '\u3000',
];
const ARABIC = [...'محمدعبداللهفاطمةالزهرانيسعودنورة '];

/** Characters every line of text accepts, so a valid-looking value gets past the schema to the service. */
const SAFE_EDGE_CHARS = EDGE_CHARS.filter((c) => c.length > 1 || !/[\u0000-\u001f\u007f\ud800-\udfff]/.test(c));

const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_CHARS) },
  { weight: 3, arbitrary: fc.constantFrom(...ARABIC) },
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
const safeUnit = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SAFE_EDGE_CHARS) },
  { weight: 4, arbitrary: fc.constantFrom(...ARABIC) },
  { weight: 3, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 -.') },
);

/** A string a person might type, or an attacker might. */
function textArb(minLength = 0, maxLength = 40): fc.Arbitrary<string> {
  return fc.string({ unit, minLength, maxLength: Math.max(minLength, maxLength) });
}

/** A string a person might type: Arabic, Latin, emoji, bidi and invisible marks, no control characters. */
function safeTextArb(minLength = 0, maxLength = 40): fc.Arbitrary<string> {
  return fc.string({ unit: safeUnit, minLength, maxLength: Math.max(minLength, maxLength) });
}

const LONG_LENGTHS = [101, 256, 1025, 4097, 65_537, 300_000];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: textArb() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      'true',
      '0',
      '-1',
      '1e309',
      'NaN',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '"; drop table families; --',
      '../../../etc/passwd',
      '%00',
      '%s%n%x',
      '$' + '{7*7}{{7*7}}', // template injection, kept out of a template literal
      'a\u0000b',
      '\u202egnp.exe',
      'محمد\u0000',
      '\ud800',
      'x\udc00y',
      '__proto__',
      'constructor',
      'AND OR NOT NEAR "',
      '"*^',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'م', '😀', '\u200b', '\u0000', '"', '%'), fc.constantFrom(...LONG_LENGTHS))
      .map(([c, n]) => c.repeat(Math.ceil(n / c.length))),
  },
);

const edgeNumber = fc.constantFrom(0, -0, -1, 1, 0.5, -0.5, 2 ** 31, 2 ** 32, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, 1e308, -1e308, 5e-324);

/** A JSON value of any type (a wrong one, usually). */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  edgeNumber,
  fc.integer(),
  nastyString,
  fc.array(fc.oneof(fc.integer(), nastyString), { maxLength: 3 }),
  fc.dictionary(nastyString, fc.oneof(fc.integer(), nastyString), { maxKeys: 3 }),
);

// ---- values from a schema ----

/**
 * Real ids and codes (records the fixtures made), so cases reach past the 404: `bySegment` by the
 * path segment before a parameter (`families` for `/families/{id}`) or the resource a body field
 * names (`families` for `familyId`); `ids` and `codes` are all of them.
 */
export interface Pools {
  ids: string[];
  codes: string[];
  bySegment: Record<string, string[]>;
}

const TAXONOMY_FIELDS: Record<string, string> = {
  office: 'offices',
  offices: 'offices',
  category: 'categories',
  categories: 'categories',
  domain: 'domains',
  domains: 'domains',
};

/** The pool a body field's name points to: `familyId` → `families`, `memberIds` → `users`. */
function segmentOfField(name: string): string | undefined {
  if (/^family/i.test(name)) return 'families';
  if (/^request/i.test(name)) return 'requests';
  if (/^committee/i.test(name)) return 'committees';
  if (/^meeting/i.test(name)) return 'meetings';
  if (/^typeCode$/.test(name)) return 'request-types';
  if (name in TAXONOMY_FIELDS) return TAXONOMY_FIELDS[name];
  if (/staff|chair|member|assign|officer|user/i.test(name)) return 'users';
  return undefined;
}

function pooled(pools: Pools, segment: string | undefined): fc.Arbitrary<string> | undefined {
  const values = segment ? pools.bySegment[segment] : undefined;
  return values?.length ? fc.constantFrom(...values) : undefined;
}

interface Context {
  defs: Record<string, JsonSchema>;
  pools: Pools;
}

function resolve(schema: JsonSchema, ctx: Context): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop() ?? '';
  return ctx.defs[name] ?? {};
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const dateArb = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true });

const dayArb = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map(isoDay) },
  { weight: 1, arbitrary: dateArb.map(isoDay) },
);

/** Values that pass a field's own checks (a Saudi ID number's check digit, a mobile, a day), by the field's name. */
function hintedString(name: string): fc.Arbitrary<string> | undefined {
  if (/nationalId/i.test(name))
    return fc
      .tuple(fc.constantFrom('1', '2'), fc.integer({ min: 0, max: 99_999_999 }))
      .map(([kind, n]) => `${kind}${String(n).padStart(8, '0')}`)
      .map((body) => `${body}${nationalIdCheckDigit(body)}`);
  if (/mobile|phone/i.test(name))
    return fc
      .tuple(fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'), fc.integer({ min: 0, max: 9_999_999 }))
      .map(([operator, n]) => `05${operator}${String(n).padStart(7, '0')}`);
  if (/email/i.test(name))
    return fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.constantFrom('example.com', 'example.sa'))
      .map(([local, domain]) => `${local}@${domain}`);
  if (/(^|[a-z])(day|date)$/i.test(name) || /^(date|day|from|to|until)/i.test(name)) return dayArb;
  return undefined;
}

function stringArb(schema: JsonSchema, name: string, ctx: Context): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 60);
  let valid: fc.Arbitrary<string> = safeTextArb(min, Math.max(min, max));
  const fromPool = pooled(ctx.pools, segmentOfField(name));
  if (schema.format === 'uuid') valid = fc.oneof(fromPool ?? fc.constantFrom(...ctx.pools.ids), fc.uuid());
  else if (schema.format === 'email') valid = fc.emailAddress();
  else if (schema.format === 'date') valid = dateArb.map(isoDay);
  else if (schema.format === 'date-time') valid = dateArb.map((d) => d.toISOString());
  else if (schema.format === 'uri' || schema.format === 'url') valid = fc.webUrl();
  else if (schema.pattern) {
    try {
      valid = fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), fc.constantFrom(...ctx.pools.codes));
    } catch {
      // A pattern fast-check cannot read: plain text will do.
    }
  }
  const hinted = hintedString(name);
  if (hinted) valid = fc.oneof({ weight: 1, arbitrary: valid }, { weight: 4, arbitrary: hinted });
  if (fromPool && schema.format !== 'uuid') valid = fc.oneof({ weight: 1, arbitrary: valid }, { weight: 4, arbitrary: fromPool });
  const boundary = fc
    .constantFrom(min - 1, min, schema.maxLength ?? 100, (schema.maxLength ?? 100) + 1)
    .map((n) => 'ا'.repeat(Math.max(0, n)));
  // Rare at a leaf, so a body of ten fields is often valid as a whole; `mutated` puts nasty text in one leaf.
  return fc.oneof({ weight: 28, arbitrary: valid }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: boundary });
}

function numberArb(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const safe = (n: number) => Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, n));
  const min = safe(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000));
  const max = safe(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000));
  const valid = isInteger
    ? fc.integer({ min: Math.ceil(Math.min(min, max)), max: Math.floor(Math.max(min, max)) })
    : fc.double({ min: Math.min(min, max), max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 2, arbitrary: fc.oneof(edgeNumber, fc.constantFrom(min - 1, max + 1)) });
}

/** Mostly-valid values of `schema`, with edge-case leaves. */
export function valueArb(schema: JsonSchema, ctx: Context, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx);
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: nastyString });
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueArb(a, ctx, name, depth + 1)));
  if (s.allOf?.length) return valueArb(s.allOf[0] as JsonSchema, ctx, name, depth + 1);
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((one) => valueArb({ ...s, type: one }, ctx, name, depth + 1)));
  switch (type[0]) {
    case 'string':
      return stringArb(s, name, ctx);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items ? valueArb(s.items, ctx, name, depth + 1) : anything;
      const minLength = s.minItems ?? 0;
      const valid = fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)) });
      const tooMany = s.maxItems !== undefined ? fc.array(items, { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }) : valid;
      return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: tooMany });
    }
    case 'object':
      return objectArb(s, ctx, depth);
    default:
      return s.properties ? objectArb(s, ctx, depth) : anything;
  }
}

function objectArb(s: JsonSchema, ctx: Context, depth: number): fc.Arbitrary<unknown> {
  const properties = s.properties ?? {};
  const keys = Object.keys(properties);
  if (!keys.length && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return fc.dictionary(textArb(1, 12), valueArb(s.additionalProperties, ctx, '', depth + 1), { maxKeys: 3 });
  }
  const model = Object.fromEntries(keys.map((key) => [key, valueArb(properties[key] as JsonSchema, ctx, key, depth + 1)]));
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((key) => keys.includes(key)) });
}

/** A valid-looking value with one thing wrong now and then: a field dropped, added or of the wrong type. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const withObject = (f: (o: Record<string, unknown>, keys: string[]) => unknown) => (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? f({ ...(value as Record<string, unknown>) }, Object.keys(value)) : value;
  return fc.oneof(
    { weight: 10, arbitrary: valid },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([value, n]) =>
        withObject((o, keys) => {
          if (keys.length) delete o[keys[n % keys.length] as string];
          return o;
        })(value),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom('isAdmin', 'role', 'id', 'x', '', 'ا'), anything).map(([value, key, extra]) =>
        withObject((o) => {
          o[key] = extra;
          return o;
        })(value),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat(), anything).map(([value, n, wrong]) =>
        withObject((o, keys) => {
          if (keys.length) o[keys[n % keys.length] as string] = wrong;
          return o;
        })(value),
      ),
    },
    { weight: 3, arbitrary: fc.tuple(valid, fc.nat(), nastyString).map(([value, n, nasty]) => withNastyLeaf(value, n, nasty)) },
    { weight: 1, arbitrary: anything },
  );
}

/** `value` with its `n`th string (or number) leaf, at any depth, replaced by `nasty`. */
function withNastyLeaf(value: unknown, n: number, nasty: string): unknown {
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node))
      node.forEach((item, index) => {
        if (item !== null && typeof item === 'object') walk(item);
        else leaves.push({ parent: node, key: index });
      });
    else if (node !== null && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) {
        if (item !== null && typeof item === 'object') walk(item);
        else leaves.push({ parent: node as Record<string, unknown>, key });
      }
  };
  const copy = structuredClone(value);
  walk(copy);
  const leaf = leaves[n % Math.max(1, leaves.length)];
  if (!leaf) return nasty;
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = nasty;
  return copy;
}

// ---- requests ----

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; payload: string | Buffer; contentType: string | undefined };

export interface FuzzCase {
  isAnonymous: boolean;
  url: string;
  body: Body;
  /** Each case from its own address, so the per-address limits see a crowd, not one client. */
  address: string;
}

const RAW_PATH_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%C0%AE', '%ED%A0%80', '%FF', '%00', '%2F', '%2e%2e', '..', '.', ';a=b', '%20', '+'];
const RAW_QUERIES = [
  '%',
  '%zz',
  'q=%E0%A4%A',
  'q=%00',
  'q=%FF%FE',
  'q=%ED%A0%80',
  '&&&',
  '=',
  '==x',
  'q',
  'q=1&q=2',
  'q[]=1',
  'q[a]=1',
  'q=a;b',
  '__proto__=x',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'limit=1e400',
  'limit=-1',
  'limit=0x10',
  'cursor=eyJ4IjoxfQ',
  'cursor=%00%00',
];
const MALFORMED_BODIES: (string | Buffer)[] = [
  '{',
  '{"a":',
  '[',
  'nul',
  '"',
  '{"a":1,}',
  "{'a':1}",
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '[]',
  '""',
  '0',
  'true',
  'null',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":1e400}',
  '\ufeff{}',
  '[['.repeat(5000),
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json;;',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=sila',
  'multipart/form-data; boundary=',
  '',
];

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // a lone surrogate: the URL parser encodes it as it can
  }
}

function queryValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
  if (typeof value === 'string') return [value];
  return [JSON.stringify(value) ?? ''];
}

function pathValueArb(param: Parameter, segment: string | undefined, ctx: Context): fc.Arbitrary<string> {
  const fromSchema = param.schema ? valueArb(param.schema, ctx, param.name).map((v) => encode(String(v))) : fc.uuid();
  const isChoice = Boolean(param.schema?.enum?.length);
  return fc.oneof(
    { weight: isChoice ? 1 : 8, arbitrary: pooled(ctx.pools, segment) ?? fc.constantFrom(...ctx.pools.ids, ...ctx.pools.codes) },
    { weight: 1, arbitrary: fc.constantFrom(...ctx.pools.ids, ...ctx.pools.codes) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: isChoice ? 8 : 3, arbitrary: fromSchema },
    { weight: 1, arbitrary: nastyString.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_SEGMENTS) },
    { weight: 1, arbitrary: fc.constantFrom(99, 100, 101, 1000, 10_000).map((n) => 'a'.repeat(n)) },
  );
}

function queryArb(operation: Operation, ctx: Context): fc.Arbitrary<string> {
  const params = operation.queryParams.map((param) =>
    fc
      .tuple(
        fc.boolean(),
        fc.oneof({ weight: 4, arbitrary: param.schema ? valueArb(param.schema, ctx, param.name) : nastyString }, nastyString),
      )
      .map(([isSent, value]) => (isSent || param.required ? queryValue(value).map((v) => `${encode(param.name)}=${encode(v)}`) : [])),
  );
  const structured = fc
    .tuple(fc.tuple(...params), fc.option(fc.tuple(nastyString, nastyString), { freq: 5 }))
    .map(([pairs, extra]) => [...pairs.flat(), ...(extra ? [`${encode(extra[0])}=${encode(extra[1])}`] : [])].join('&'));
  return fc.oneof(
    { weight: 8, arbitrary: structured },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES) },
    { weight: 1, arbitrary: fc.tuple(structured, fc.constantFrom(...RAW_QUERIES)).map(([a, b]) => `${a}&${b}`) },
  );
}

function bodyArb(operation: Operation, ctx: Context): fc.Arbitrary<Body> {
  const json = operation.body ? mutated(valueArb(operation.body, ctx)) : anything;
  const asJson = fc
    .tuple(json, fc.constantFrom('application/json', 'application/json; charset=utf-8'))
    .map(([value, contentType]): Body => ({ kind: 'json', value, contentType }));
  const malformed = fc
    .tuple(fc.oneof(fc.constantFrom(...MALFORMED_BODIES), nastyString), fc.constantFrom(...CONTENT_TYPES))
    .map(([payload, contentType]): Body => ({ kind: 'raw', payload, contentType: contentType || undefined }));
  const wrongType = fc
    .tuple(json, fc.constantFrom(...CONTENT_TYPES.slice(2)))
    .map(([value, contentType]): Body => ({ kind: 'raw', payload: JSON.stringify(value) ?? '', contentType: contentType || undefined }));
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(operation.method);
  if (!hasBody) return fc.oneof({ weight: 9, arbitrary: fc.constant<Body>({ kind: 'none' }) }, { weight: 1, arbitrary: asJson });
  return fc.oneof(
    { weight: 12, arbitrary: asJson },
    { weight: 1, arbitrary: malformed },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

let addressSerial = 0;

/** The cases of one operation. */
export function caseArb(operation: Operation, doc: OpenApiDocument, pools: Pools): fc.Arbitrary<FuzzCase> {
  const ctx: Context = { defs: doc.components?.schemas ?? {}, pools };
  // The segment before each parameter names its pool: `families` in `/api/v1/families/{id}`.
  const segmentOf = (param: Parameter) => new RegExp(`([^/{}]+)/\\{${param.name}\\}`).exec(operation.path)?.[1];
  const pathValues = fc.tuple(...operation.pathParams.map((param) => pathValueArb(param, segmentOf(param), ctx)));
  return fc
    .record({
      pathValues,
      query: fc.option(queryArb(operation, ctx), { freq: 3 }),
      body: bodyArb(operation, ctx),
      anonymousRoll: fc.integer({ min: 0, max: 9 }),
    })
    .map(({ pathValues: values, query, body, anonymousRoll }) => {
      let path = operation.path;
      operation.pathParams.forEach((param, index) => {
        path = path.replace(`{${param.name}}`, values[index] ?? '');
      });
      addressSerial += 1;
      return {
        // A protected route is called anonymously in one case of five (it should answer 401 at once).
        isAnonymous: operation.access === 'public' ? anonymousRoll < 5 : anonymousRoll < 2,
        url: query ? `${path}?${query}` : path,
        body,
        address: `10.${(addressSerial >> 16) & 255}.${(addressSerial >> 8) & 255}.${addressSerial & 255}`,
      };
    });
}

/** Who calls: fresh sessions per case, so a case that signs out or changes a stage spoils no other. */
export interface Principals {
  staffId: string;
  familyId: string;
}

export async function sendCase(
  t: TestApp,
  operation: Operation,
  fuzzCase: FuzzCase,
  principals: Principals,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  if (!fuzzCase.isAnonymous && operation.access !== 'public') {
    const isFamily = operation.access === 'family';
    const { token, row } = await t.ctx.sessions.create(
      isFamily ? 'family' : 'staff',
      isFamily ? principals.familyId : principals.staffId,
      'active',
    );
    cookies[isFamily ? PORTAL_COOKIE : SESSION_COOKIE] = token;
    headers[CSRF_HEADER] = row.csrf_token;
  }
  const { body } = fuzzCase;
  let payload: string | Buffer | undefined;
  if (body.kind === 'json') {
    payload = JSON.stringify(body.value) ?? 'null';
    headers['content-type'] = body.contentType;
  } else if (body.kind === 'raw') {
    payload = body.payload;
    if (body.contentType) headers['content-type'] = body.contentType;
  }
  return t.app.inject({
    method: operation.method as 'GET',
    url: fuzzCase.url,
    headers,
    cookies,
    remoteAddress: fuzzCase.address,
    ...(payload === undefined ? {} : { payload }),
  });
}

/** What is wrong with a response, or null: any 5xx, and any 4xx that is not a whole problem+json. */
export function findingOf(response: LightMyRequestResponse): string | null {
  const status = response.statusCode;
  if (status < 400) return null;
  const excerpt = response.body.slice(0, 300);
  if (status >= 500) return `${status} ${excerpt}`;
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) return `${status} is ${contentType || 'without a content type'}: ${excerpt}`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(response.body);
  } catch {
    return `${status} problem+json that is not JSON: ${excerpt}`;
  }
  const missing = ['type', 'title', 'code', 'detail'].filter((key) => typeof problem[key] !== 'string');
  if (missing.length || problem.status !== status) return `${status} problem lacks ${missing.join(', ') || 'its status'}: ${excerpt}`;
  return null;
}

/** A case as a line a person can replay. */
export function describeCase(operation: Operation, fuzzCase: FuzzCase): string {
  const { body } = fuzzCase;
  const shown =
    body.kind === 'none'
      ? ''
      : body.kind === 'json'
        ? ` ${body.contentType} ${JSON.stringify(body.value)?.slice(0, 300)}`
        : ` ${body.contentType ?? '(no type)'} ${JSON.stringify(body.payload.toString()).slice(0, 300)}`;
  return `${fuzzCase.isAnonymous ? 'anonymous' : operation.access} ${operation.method} ${fuzzCase.url.slice(0, 300)}${shown}`;
}

// ---- the world the cases run in ----

export interface FuzzWorld {
  doc: OpenApiDocument;
  operations: Operation[];
  pools: Pools;
  principals: Principals;
}

/**
 * A staff member holding every role (chair of a committee with a meeting), a family with a
 * request (signed in to the portal by `sendCase`), a complaint, an inquiry and a message in the
 * outbox; the app's OpenAPI document and its operations.
 */
export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const staff = await buildStaff(t, { roles: [...STAFF_ROLES], withTotp: false });
  const others = [
    await buildStaff(t, { roles: ['committee-member'] }),
    await buildStaff(t, { roles: ['committee-member', 'contact-officer'] }),
  ];
  const family = await buildFamily(t);
  const type = await buildRequestType(t);
  const request = await buildRequest(t, { familyId: family.id, typeCode: type.code });
  const committee = await buildCommittee(t, { members: [staff, ...others], chair: staff });
  const meeting = await (await sessionFor(t, staff)).request('POST', `/api/v1/committees/${committee.id}/meetings`, { day: '2026-03-10' });
  if (meeting.statusCode !== 201) throw new Error(`meeting: ${meeting.statusCode} ${meeting.body}`);
  const complaint = await buildComplaint(t);
  const inquiry = await buildComplaint(t, { kind: 'inquiry' });
  const messages = await t.ctx.db.selectFrom('outbox_messages').select('id').limit(2).execute();
  const taxonomy = async (table: 'categories' | 'domains' | 'offices') =>
    (await t.ctx.db.selectFrom(table).select('code').limit(3).execute()).map((row) => row.code);
  const doc: OpenApiDocument = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  // The staff member's own id is left out: a case deactivating its own caller would end the run's access.
  const bySegment: Record<string, string[]> = {
    families: [family.id],
    requests: [request.id],
    committees: [committee.id],
    meetings: [meeting.json().id],
    complaints: [complaint.id],
    inquiries: [inquiry.id],
    users: others.map((other) => other.id),
    'officer-absences': others.map((other) => other.id),
    outbox: messages.map((message) => message.id),
    'request-types': [type.code],
    categories: await taxonomy('categories'),
    domains: await taxonomy('domains'),
    offices: await taxonomy('offices'),
  };
  return {
    doc,
    operations: operationsOf(doc, t.app.silaRoutes),
    pools: {
      ids: [family.id, request.id, committee.id, meeting.json().id, complaint.id, inquiry.id, ...others.map((other) => other.id)],
      codes: [type.code, committee.code, ...bySegment.categories!, ...bySegment.offices!, 'categories', 'offices', 'domains'],
      bySegment,
    },
    principals: { staffId: staff.id, familyId: family.id },
  };
}
