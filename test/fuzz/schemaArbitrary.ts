import fc from 'fast-check';

/**
 * Request values from the OpenAPI document's JSON schemas: near-valid ones (the right shape,
 * values that exist in the test county, boundary numbers, odd text) that get past the schema
 * and into the application, mixed with junk of every other kind. What exists in the county
 * comes from a pool, by property name ("place", "idNumber", "day" …), filled by the suite.
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
  example?: unknown;
  examples?: unknown[];
}

/** Values worth trying, by the name of the property or parameter that takes them. */
export type Pool = (name: string) => readonly unknown[];

/** Text no field should choke on. */
export const JUNK_TEXT: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\u202e', '\ud800', '😀', '𠀀'.repeat(3), '锦'.repeat(3000),
  'x'.repeat(100_001), '-1', '0', '1e309', 'NaN', 'null', 'true', '[]', '{}', '2021-02-30', '2021-13-01',
  '0000-00-00', '9999-12-31', '2021-08-09T25:61:00+08:00', '2021-08-09T09:00:00+99:00', '25:00', '../../etc/passwd',
  "'; DROP TABLE residents; --", '<script>alert(1)</script>', '=CMD()', '%00', '__proto__', 'constructor',
  'toString', 'hasOwnProperty',
]; // prettier-ignore

const JUNK_NUMBERS: readonly number[] = [
  0, -1, 1, 0.5, -0.0001, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324,
]; // prettier-ignore

const typesOf = (s: Schema): string[] =>
  s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];

/** Backticked values a description lists ("One of `door`, `phone` …"): an enum the schema leaves to the app. */
const listed = (s: Schema): string[] =>
  [...(s.description ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, ...JUNK_TEXT.slice(0, 12), ...JUNK_NUMBERS.slice(0, 6)),
  fc.jsonValue({ maxDepth: 2 }),
);

function stringArb(s: Schema, name: string, pool: Pool): fc.Arbitrary<unknown> {
  const good: fc.Arbitrary<unknown>[] = [];
  const known = [
    ...pool(name),
    ...listed(s),
    ...(s.examples ?? []),
    ...(s.example === undefined ? [] : [s.example]),
  ];
  if (known.length > 0) good.push(fc.constantFrom(...known));
  if (s.pattern) {
    try {
      good.push(fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }));
    } catch {
      // A pattern JavaScript cannot read: the pool and junk do.
    }
  }
  if (s.format === 'uuid') good.push(fc.uuid());
  if (good.length === 0) good.push(fc.string({ maxLength: 12 }));
  const bounds: string[] = [];
  if (s.maxLength !== undefined && s.maxLength < 100_000) bounds.push('字'.repeat(s.maxLength + 1));
  if (s.minLength !== undefined && s.minLength > 0) bounds.push('');
  // Mostly good: a body is refused for its first bad field, so each must usually be good for
  // the whole to get past the schema (junk in every field is wrongTypes' business).
  return fc.oneof(
    { arbitrary: fc.oneof(...good), weight: 20 },
    { arbitrary: fc.constantFrom(...JUNK_TEXT, ...bounds), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
    { arbitrary: junkValue, weight: 1 },
  );
}

function numberArb(s: Schema, name: string, pool: Pool, integer: boolean): fc.Arbitrary<unknown> {
  const min = s.minimum ?? -1000;
  const max = s.maximum ?? 1000;
  const inRange = integer
    ? fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) })
    : fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true });
  const known = pool(name).filter((v) => typeof v === 'number');
  return fc.oneof(
    ...(known.length > 0 ? [{ arbitrary: fc.constantFrom(...known), weight: 10 }] : []),
    { arbitrary: inRange, weight: 10 },
    { arbitrary: fc.constantFrom(...JUNK_NUMBERS, min - 1, max + 1), weight: 2 },
    // Past a 32-bit column (PostgreSQL's integer; SQLite's are 64-bit): a whole class of its own.
    { arbitrary: fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32, -(2 ** 31) - 1), weight: 2 },
    { arbitrary: fc.constantFrom<unknown>('1', '', null, true), weight: 1 },
  );
}

/** A value for `s`; `name` is the property it is for (the pool's key). */
export function valueFor(s: Schema, pool: Pool, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return junkValue;
  const variants = s.oneOf ?? s.anyOf;
  if (variants) return fc.oneof(...variants.map((v) => valueFor(v, pool, name, depth + 1)));
  let arb: fc.Arbitrary<unknown>;
  const types = typesOf(s);
  if (s.enum) {
    arb = fc.oneof(
      { arbitrary: fc.constantFrom(...s.enum), weight: 20 },
      { arbitrary: junkValue, weight: 1 },
    );
  } else if (types.includes('object') || s.properties) {
    arb = objectFor(s, pool, depth);
  } else if (types.includes('array')) {
    const item = s.items ? valueFor(s.items, pool, name, depth + 1) : junkValue;
    const max = Math.min(s.maxItems ?? 4, 4);
    arb = fc.oneof(
      {
        arbitrary: fc.array(item, { minLength: Math.min(s.minItems ?? 0, max), maxLength: max }),
        weight: 20,
      },
      // One past the limit (a batch of 5,001 is not generated: the sync suite covers that bound).
      ...(s.maxItems !== undefined && s.maxItems < 60
        ? [{ arbitrary: fc.array(item, { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }), weight: 1 }]
        : []),
      { arbitrary: junkValue, weight: 1 },
    );
  } else if (types.includes('integer')) {
    arb = numberArb(s, name, pool, true);
  } else if (types.includes('number')) {
    arb = numberArb(s, name, pool, false);
  } else if (types.includes('boolean')) {
    arb = fc.oneof({ arbitrary: fc.boolean(), weight: 20 }, { arbitrary: junkValue, weight: 1 });
  } else if (types.includes('string')) {
    arb = stringArb(s, name, pool);
  } else {
    arb = fc.oneof(fc.constantFrom(...pool(name)), junkValue);
  }
  return s.nullable
    ? fc.oneof({ arbitrary: arb, weight: 6 }, { arbitrary: fc.constant(null), weight: 1 })
    : arb;
}

/** An object with every required key (most of the time) and some optional ones. */
export function objectFor(s: Schema, pool: Pool, depth = 0): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = valueFor(v, pool, k, depth + 1);
  const keys = Object.keys(props);
  const record = fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
  const extra =
    typeof s.additionalProperties === 'object'
      ? fc.dictionary(fc.string({ maxLength: 8 }), valueFor(s.additionalProperties, pool, '', depth + 1), {
          maxKeys: 3,
        })
      : fc.constant({});
  return fc
    .tuple(
      record,
      extra,
      fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, fc.constantFrom(...keys, 'unknownKey')),
    )
    .map(([r, e, drop]) => {
      const o: Record<string, unknown> = { ...e, ...(r as Record<string, unknown>) };
      // Now and then a required key missing, or one the schema does not know.
      if (drop === 'unknownKey') return { ...o, unknownKey: 1 };
      return drop === null ? o : Object.fromEntries(Object.entries(o).filter(([k]) => k !== drop));
    });
}

/** The schema's keys, each with a value of any type: the right names, the wrong types. */
export function wrongTypes(s: Schema): fc.Arbitrary<unknown> {
  const keys = Object.keys(s.properties ?? {});
  if (keys.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue({ maxDepth: 2 })])));
}
