import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { openApiOperations, requestFor } from './apiRequests.js';
import { fuzzCounty, roles, sendChecked, type FuzzCounty } from './apiFuzzCounty.js';
import { fuzzParams } from './fuzzParams.js';

/**
 * Every operation of the OpenAPI document that takes a JSON body, sent fuzzed bodies (shaped
 * after its schema with values of the county, mutations of a valid body, the right keys with
 * the wrong types, random JSON, deep nesting, prototype-pollution keys, NUL, huge strings,
 * bytes that are not JSON) by a signed-in user: never a 5xx, a refusal in the one error body,
 * and a refusal writes nothing. The operations come from the server's own document, so a route
 * added later is fuzzed without a line here.
 */
const OPERATIONS = (await openApiOperations()).filter((o) => o.body !== undefined);

describeEachStore('fuzz: every API body', (c) => {
  let f: FuzzCounty;
  // Fewer runs on PostgreSQL: each request costs more there, and the inputs are the same.
  const runs = c.dialect === 'sqlite' ? 30 : 15;

  beforeAll(async () => {
    f = await fuzzCounty(c);
  });
  afterAll(async () => {
    await f.t.app.close();
    await c.cleanup();
  });

  it('covers the operations that take a body', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
  });

  for (const op of OPERATIONS) {
    const key = `${op.method} ${op.path}`;
    // Sign-in is fuzzed without a session (it is the one public write); the rest as a user.
    const anonymous = op.path === '/api/v1/auth/login';
    it(key, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(op, f.pool, f.seeds.get(key)), roles, async (r, role) => {
          await sendChecked(f, r, anonymous ? 'anonymous' : role);
        }),
        fuzzParams(anonymous ? 10 : runs),
      );
    });
  }
});
