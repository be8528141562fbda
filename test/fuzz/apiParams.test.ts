import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upload } from '../security/matrixCase.js';
import { describeEachStore } from '../support/stores.js';
import { printable, requestFor } from './apiRequests.js';
import { openApiOperations } from './openApiOperations.js';
import { fuzzCounty, roles, sendChecked, type FuzzCounty } from './apiFuzzCounty.js';
import { fuzzParams } from './fuzzParams.js';
import {
  csvOf,
  encodedFile,
  LEDGER_HEADER,
  ledgerRow,
  randomBytes,
  REGISTER_HEADER,
  registerRow,
} from './importFiles.js';

/**
 * Every operation that takes no JSON body (the reads, the deletes, a unit's acknowledgement),
 * sent fuzzed path parameters and query strings; and the two uploads, sent fuzzed files. The
 * same checks as for bodies (apiFuzzCounty.ts): no 5xx, the one error body, a refusal writes
 * nothing.
 */
const OPERATIONS = (await openApiOperations()).filter(
  (o) =>
    o.body === undefined &&
    // Signing out ends the session the other requests use (the security suite covers it); the
    // uploads are multipart, fuzzed below with files.
    o.path !== '/api/v1/auth/logout' &&
    !o.path.startsWith('/api/v1/imports/residents') &&
    !o.path.startsWith('/api/v1/imports/doses'),
);

describeEachStore('fuzz: every API path and query', (c) => {
  let f: FuzzCounty;
  const runs = c.dialect === 'sqlite' ? 10 : 5;

  beforeAll(async () => {
    f = await fuzzCounty(c);
  });
  afterAll(async () => {
    await f.t.app.close();
    await c.cleanup();
  });

  it('a malformed path or an over-long path parameter is refused in the one error body', async () => {
    // Fastify answered these itself, in its own shape, before any route or error handler.
    for (const url of [
      '/api/v1/campaigns/%/tasks/check',
      '/api/v1/places/%E0%A4%A',
      `/api/v1/places/${'1'.repeat(150)}`,
    ]) {
      const res = await f.t.sessions.commander.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json(), url).toMatchObject({
        error: { code: expect.any(String), messageEn: expect.any(String) },
      });
    }
  });

  for (const op of OPERATIONS) {
    const key = `${op.method} ${op.path}`;
    it(key, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(op, f.pool), roles, async (r, role) => {
          await sendChecked(f, r, role);
        }),
        fuzzParams(runs),
      );
    });
  }

  it('uploads: random bytes, registers and ledgers in any encoding, to either import', async () => {
    const file = fc.oneof(
      randomBytes,
      encodedFile(csvOf(REGISTER_HEADER, registerRow)).map((e) => e.bytes),
      encodedFile(csvOf(LEDGER_HEADER, ledgerRow(f.t.ids))).map((e) => e.bytes),
    );
    const fields = fc.record(
      {
        county: fc.constantFrom('430321', '', '999999', '\u0000'),
        encoding: fc.constantFrom('gbk', 'utf-16le', 'klingon'),
        map: fc.constantFrom('{"__proto__":{"x":1}}', 'not json', '{"姓名":"name"}'),
        dryRun: fc.constantFrom('true', 'false', 'maybe'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        file,
        fields,
        fc.constantFrom('residents', 'doses'),
        roles,
        async (bytes, extra, kind, role) => {
          const body = upload(bytes, extra);
          const r = printable({
            kind: `upload of ${bytes.length} bytes`,
            options: { method: 'POST', url: `/api/v1/imports/${kind}`, ...body },
          });
          await sendChecked(f, r, role);
        },
      ),
      fuzzParams(c.dialect === 'sqlite' ? 40 : 20),
    );
  });
});
