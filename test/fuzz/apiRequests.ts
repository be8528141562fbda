import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { Operation } from './openApiOperations.js';
import { JUNK_TEXT, objectFor, valueFor, wrongTypes, type Pool, type Schema } from './schemaArbitrary.js';

/**
 * Requests for every operation of the OpenAPI document, made by fast-check: the path and query
 * filled with values that exist in the test county or are junk, and a body of every kind a
 * careless or hostile client sends.
 */

/** Path segments that trip up routers and decoders. */
const JUNK_SEGMENTS = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '..',
  '%2e%2e',
  '%00',
  '-1',
  '1e3',
  '0x10',
  '9'.repeat(30),
];

/** A path parameter as the URL carries it (lone surrogates cannot be encoded: sent as raw bytes). */
function segment(v: unknown): string {
  try {
    return encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
  } catch {
    return '%ED%A0%80';
  }
}

const queryValue = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

export interface FuzzRequest {
  /** What kind of input this is, for failure messages. */
  kind: string;
  options: InjectOptions;
}

function urlFor(op: Operation, pool: Pool): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(
    ...params.map((p) =>
      fc.oneof(
        { arbitrary: valueFor(p.schema, pool, p.name).map(segment), weight: 30 },
        { arbitrary: fc.constantFrom(...JUNK_SEGMENTS), weight: 1 },
      ),
    ),
  );
  const queryArb = fc.tuple(
    ...query.map((p) =>
      fc.option(valueFor(p.schema, pool, p.name).map((v) => [p.name, queryValue(v)] as const)),
    ),
  );
  const extraQuery = fc.option(
    fc.constantFrom(
      '__proto__[x]=1',
      'constructor[prototype][x]=1',
      'a=%',
      'place=430321&place=430321205',
      '&&=&',
      `q=${'a'.repeat(5000)}`,
    ),
    { freq: 5 },
  );
  return fc.tuple(pathArb, queryArb, extraQuery).map(([segments, pairs, extra]) => {
    let i = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => segments[i++] ?? '');
    const qs = pairs
      .filter((p): p is readonly [string, string] => p !== null)
      .map(([k, v]) => {
        try {
          return `${k}=${encodeURIComponent(v)}`;
        } catch {
          return `${k}=%ED%A0%80`;
        }
      });
    if (extra) qs.push(extra);
    return qs.length > 0 ? `${path}?${qs.join('&')}` : path;
  });
}

const json = 'application/json';

/** Bodies that are not what any route takes, whatever its schema. */
const junkBodies: fc.Arbitrary<{ kind: string; payload: string | Buffer; type: string }> = fc.oneof(
  fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => ({ kind: 'random JSON', payload: JSON.stringify(v) ?? 'null', type: json })),
  fc
    .uint8Array({ maxLength: 200 })
    .map((b) => ({ kind: 'random bytes as JSON', payload: Buffer.from(b), type: json })),
  fc
    .constantFrom(
      '',
      '{',
      '{"a":1}garbage',
      '\ufeff{}',
      '{"a":1,"a":2}',
      'NaN',
      '[1,]',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"items":[{"__proto__":{"polluted":1}}]}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '1e999999',
    )
    .map((payload) => ({ kind: 'malformed JSON', payload, type: json })),
  fc.constantFrom(1000, 100_000).chain((depth) =>
    fc.constantFrom(
      { kind: `arrays nested ${depth} deep`, payload: '['.repeat(depth) + ']'.repeat(depth), type: json },
      {
        kind: `objects nested ${depth} deep`,
        payload: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        type: json,
      },
      {
        kind: `objects nested ${depth} deep around a constructor key`,
        payload: '{"a":'.repeat(depth) + '{"constructor":1}' + '}'.repeat(depth),
        type: json,
      },
    ),
  ),
  fc.constantFrom(
    {
      kind: 'JSON as UTF-16',
      payload: Buffer.from('{"a":"锦石"}', 'utf16le'),
      type: 'application/json; charset=utf-16',
    },
    { kind: 'a form post', payload: 'outcome=refused&a[b]=1', type: 'application/x-www-form-urlencoded' },
    { kind: 'text', payload: '{}', type: 'text/plain' },
    { kind: 'no content type', payload: '{}', type: '' },
    { kind: 'multipart without a boundary', payload: '--x\r\n', type: 'multipart/form-data' },
  ),
);

/** A body the route's schema almost takes, as raw JSON text with a poisoned key spliced in. */
const poisoned = (
  body: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ kind: string; payload: string; type: string }> =>
  fc
    .tuple(body, fc.constantFrom('"__proto__":{"polluted":1}', '"constructor":{"prototype":{"polluted":1}}'))
    .map(([b, key]) => {
      const text = JSON.stringify(b) ?? 'null';
      return {
        kind: 'prototype-pollution key',
        payload: text.startsWith('{') && text !== '{}' ? `{${key},${text.slice(1)}` : `{${key}}`,
        type: json,
      };
    });

/** One request for `op`: a body of some kind (when it takes one), its URL filled. `seeds`: valid bodies. */
export function requestFor(
  op: Operation,
  pool: Pool,
  seeds: readonly Seed[] = [],
): fc.Arbitrary<FuzzRequest> {
  const url = urlFor(op, pool);
  if (!op.body) {
    return url.map((u) => printable({ kind: 'parameters', options: { method: op.method, url: u } }));
  }
  const shaped = objectFor(op.body, pool);
  const bodies: fc.WeightedArbitrary<{ kind: string; payload: unknown; type?: string; url?: string }>[] = [
    { arbitrary: shaped.map((payload) => ({ kind: 'schema-shaped', payload })), weight: 8 },
    {
      arbitrary: wrongTypes(op.body).map((payload) => ({ kind: 'right keys, wrong types', payload })),
      weight: 2,
    },
    { arbitrary: junkBodies, weight: 2 },
    { arbitrary: poisoned(shaped), weight: 1 },
    {
      arbitrary: fc
        .tuple(shaped, fc.constantFrom('锦'.repeat(1 << 20), 'x'.repeat(3 << 20)))
        .map(([b, big]) => ({ kind: 'a huge string', payload: hugeIn(b, big) })),
      weight: 1,
    },
  ];
  if (seeds.length > 0) {
    bodies.push({ arbitrary: mutated(op.body, seeds, pool), weight: 6 });
  }
  return fc.tuple(url, fc.oneof(...bodies)).map(([u, b]) =>
    printable({
      kind: b.kind,
      options: {
        method: op.method,
        url: b.url ?? u,
        ...(typeof b.payload === 'string' || Buffer.isBuffer(b.payload)
          ? { payload: b.payload, headers: b.type ? { 'content-type': b.type } : {} }
          : { payload: b.payload as object }),
      },
    }),
  );
}

/** The request as a failure report shows it: a megabyte body cut to its first few hundred characters. */
export function describeBody(body: unknown): string {
  const text = Buffer.isBuffer(body)
    ? `<${body.length} bytes: ${body.subarray(0, 40).toString('hex')}…>`
    : typeof body === 'string'
      ? body
      : (JSON.stringify(body) ?? String(body));
  return text.length > 400 ? `${text.slice(0, 400)}…(${text.length} characters)` : text;
}

export function printable(r: FuzzRequest): FuzzRequest {
  return Object.assign(r, {
    [fc.toStringMethod]: () =>
      `${r.options.method} ${String(r.options.url).slice(0, 300)} [${r.kind}] ${describeBody(r.options.payload)}`,
  });
}

/** The body with its first string (or a new key) replaced by a huge one. */
function hugeIn(body: unknown, big: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { text: big };
  const o = { ...(body as Record<string, unknown>) };
  const key = Object.keys(o).find((k) => typeof o[k] === 'string') ?? 'text';
  o[key] = big;
  return o;
}

/** A valid request (from a suite that knows one): where the fuzz starts from a working body. */
export interface Seed {
  url: string;
  payload: Record<string, unknown>;
}

/** A valid body with one top-level field changed (or dropped), or left as it is. */
function mutated(schema: Schema, seeds: readonly Seed[], pool: Pool) {
  const props = schema.properties ?? {};
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.option(fc.constantFrom(...Object.keys(props)), { freq: 6 }),
      fc.constantFrom('replace', 'drop', 'junk'),
    )
    .chain(([seed, key, how]) => {
      if (key === null) return fc.constant({ kind: 'a valid body', payload: seed.payload, url: seed.url });
      const { [key]: _dropped, ...rest } = seed.payload;
      if (how === 'drop')
        return fc.constant({ kind: `valid but ${key} dropped`, payload: rest, url: seed.url });
      const value =
        how === 'junk'
          ? fc.constantFrom<unknown>(...JUNK_TEXT, null, -1, 1e308, [], {})
          : valueFor(props[key] as Schema, pool, key);
      return value.map((v) => ({
        kind: `valid but ${key} changed`,
        payload: { ...rest, [key]: v },
        url: seed.url,
      }));
    });
}
