import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { createApiToken } from '../../src/app/auth/apiTokens.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/app/auth/sessions.js';
import { disableUser } from '../../src/app/users/disableUser.js';
import { ROLES } from '../../src/domain/roles.js';
import { refusal } from '../api/apiCounty.js';
import { COOKIE, sessionCookieOf, signIn, TEST_PASSWORD } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import { securityCounty, type SecurityCounty } from './securityCounty.js';

const ADMIN = { userId: null, name: 'test', origin: 'test' };

/** SQL and markup a user could type into any text field. */
const PAYLOADS = [
  "'); DROP TABLE residents; --",
  '" OR 1=1 --',
  "x'; UPDATE audit_log SET actor = 'nobody'; --",
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}} ${7*7} %s %n',
  '../../../etc/passwd',
  'Robert\u202e\u0000; --',
];

/** The answer is JSON, parsed as such, and carries the headers that keep a browser from sniffing it. */
function safeJson(res: LightMyRequestResponse): unknown {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  return res.json();
}

describeEachStore('security: attacks', (c) => {
  let t: SecurityCounty;
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = () => new Date(now);

  beforeAll(async () => {
    t = await securityCounty(c, clock);
  });
  afterAll(async () => {
    await t.app.close();
    await c.cleanup();
  });

  const audit = async (query: string) =>
    (await t.sessions.commander.inject({ method: 'GET', url: `/api/v1/audit?limit=1000&${query}` })).json()
      .items as { actor: string; action: string; origin: string; detail: Record<string, unknown> | null }[];

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the session’s X-CSRF-Token, and says so in the log', async () => {
      const member = t.sessions['grid-member'];
      const body = { ...refusal(), idNumber: t.inside.idNumber };
      const cookie = `${COOKIE}=${member.token}`;
      const none = await t.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: { cookie },
        payload: body,
      });
      expect(none.statusCode).toBe(403);
      expect(none.json().error.code).toBe('auth.csrf');
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: { cookie, 'x-csrf-token': t.sessions.commander.csrfToken },
        payload: body,
      });
      expect(wrong.statusCode).toBe(403);
      // A form post (what a hostile page can send) is not even JSON: refused before any of it is read.
      const form = await t.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'outcome=refused',
      });
      expect(form.statusCode).toBe(403);
      const right = await member.inject({ method: 'POST', url: '/api/v1/visits', payload: body });
      expect(right.statusCode).toBe(201);
      const refused = await audit('action=request.refused&actor=grid-member');
      expect(refused.filter((r) => r.detail?.['code'] === 'auth.csrf').length).toBeGreaterThanOrEqual(3);
    });

    it('lets a script with an API token write without a CSRF token, and nothing else in its place', async () => {
      const { token } = await createApiToken(t.store, { username: 'site-staff', name: 'site tablet' }, ADMIN);
      const dose = {
        idNumber: t.ids[1],
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-09T09:00:00+08:00',
      };
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/doses',
        headers: { authorization: `Bearer ${token}` },
        payload: dose,
      });
      expect(ok.statusCode).toBe(201);
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/doses',
        headers: {
          authorization: `Bearer ${token.slice(0, -2)}xx`,
          cookie: `${COOKIE}=${t.sessions['site-staff'].token}`,
        },
        payload: dose,
      });
      // A wrong token is not rescued by a cookie sent alongside it.
      expect(bad.statusCode).toBe(401);
      const rows = await t.store.db.selectFrom('api_tokens').selectAll().execute();
      expect(rows.every((r) => r.hash !== token && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    });
  });

  describe('sessions', () => {
    it('never keeps a session id set before sign-in (no fixation), and stores only its hash', async () => {
      const planted = 'attacker-chosen-session-id';
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { cookie: `${COOKIE}=${planted}` },
        payload: { username: 'analyst', password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const issued = sessionCookieOf(login);
      expect(issued).toBeDefined();
      expect(issued).not.toBe(planted);
      const withPlanted = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: `${COOKIE}=${planted}` },
      });
      expect(withPlanted.statusCode).toBe(401);
      // Signing in again from a browser that had a live session ends that one.
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { cookie: `${COOKIE}=${issued}` },
        payload: { username: 'analyst', password: TEST_PASSWORD },
      });
      const second = sessionCookieOf(again);
      expect(second).not.toBe(issued);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/me',
            headers: { cookie: `${COOKIE}=${issued}` },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/me',
            headers: { cookie: `${COOKIE}=${second}` },
          })
        ).statusCode,
      ).toBe(200);
      const ids = (await t.store.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
      expect(ids).not.toContain(second);
      expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
    });

    it('sets the cookie HttpOnly, SameSite=Strict, and Secure behind HTTPS', async () => {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'driver', password: TEST_PASSWORD },
      });
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).not.toMatch(/Secure/);
      const proxied = await buildServer(t.store, { trustProxy: true, clock });
      const tls = await proxied.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'driver', password: TEST_PASSWORD },
      });
      expect(String(tls.headers['set-cookie'])).toMatch(/Secure/);
      await proxied.close();
    });

    it('ends a session after 2 h idle, after 12 h in all, on sign-out, and when its user is disabled', async () => {
      const start = now;
      onTestFinished(async () => {
        // Back to the start, and the others signed in again: a sign-in 14 hours on cleared
        // their sessions away as idle (township-lead stays disabled).
        now = start;
        for (const role of ROLES.filter((r) => r !== 'township-lead'))
          t.sessions[role] = await signIn(t.app, role);
      });
      const s = await signIn(t.app, 'township-lead');
      const me = () => s.inject({ method: 'GET', url: '/api/v1/auth/me' });
      now += SESSION_IDLE_MS - 60_000;
      expect((await me()).statusCode).toBe(200);
      now += SESSION_IDLE_MS + 1;
      expect((await me()).statusCode).toBe(401);

      const busy = await signIn(t.app, 'township-lead');
      for (let h = 0; h < 12; h++) {
        now += 60 * 60 * 1000;
        const res = await busy.inject({ method: 'GET', url: '/api/v1/auth/me' });
        expect(res.statusCode, `hour ${h + 1}`).toBe(h + 1 < SESSION_ABSOLUTE_MS / 3_600_000 ? 200 : 401);
      }

      const out = await signIn(t.app, 'township-lead');
      expect((await out.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
      expect((await out.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);

      const doomed = await signIn(t.app, 'township-lead');
      await disableUser(t.store, 'township-lead', ADMIN);
      expect((await doomed.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'township-lead', password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(401);
    });
  });

  describe('injection', () => {
    it('stores SQL and markup in every text field of visits, doses, campaigns, ledger closures and look-back checks as text', async () => {
      const commander = t.sessions.commander;
      const residents = async () =>
        Number(
          (
            await t.store.db
              .selectFrom('residents')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await residents();
      const stored: {
        table: 'screening_visits' | 'dose_records';
        id: string;
        column: string;
        value: string;
      }[] = [];
      for (const p of PAYLOADS) {
        // Text fields that fit their outcome (a field that does not fit is refused as invalid).
        const visits: [string, object][] = [
          ['reason', { ...refusal(), reason: p }],
          [
            'site',
            {
              outcome: 'booked',
              at: '2021-08-09T09:00:00+08:00',
              channel: 'phone',
              bookedDate: '2021-08-12',
              site: p,
            },
          ],
          [
            'place_text',
            {
              outcome: 'away',
              at: '2021-08-09T09:00:00+08:00',
              channel: 'phone',
              placeText: p,
              untilDate: '2021-09-01',
            },
          ],
        ];
        for (const [column, visit] of visits) {
          const id = randomUUID();
          const res = await commander.inject({
            method: 'POST',
            url: '/api/v1/visits',
            payload: { ...visit, id, idNumber: t.ids[3] },
          });
          const ok = res.statusCode === 201;
          // A NUL byte is refused as invalid (PostgreSQL cannot store one); all else is stored.
          if (p.includes('\u0000')) expect(res.statusCode, `${column}: ${p}`).toBe(400);
          else expect(res.statusCode, `${column}: ${p} ${res.body}`).toBe(201);
          safeJson(res);
          if (ok) stored.push({ table: 'screening_visits', id, column, value: p });
        }
        const campaign = await commander.inject({
          method: 'POST',
          url: '/api/v1/campaigns',
          payload: { name: p, target: 'booster', minAge: 18, asOf: '2021-08-09', deadline: '2021-12-31' },
        });
        const body = safeJson(campaign) as { name?: string };
        if (!p.includes('\u0000')) {
          expect(campaign.statusCode).toBe(201);
          expect(body.name).toBe(p);
        }
        const check = await commander.inject({
          method: 'POST',
          url: `/api/v1/lookbacks/${t.outside.lookbackId}/checks`,
          payload: { idNumber: t.outside.idNumber, matches: true, note: p },
        });
        safeJson(check);
        expect(check.statusCode).not.toBe(500);
      }
      // Doses: three text fields each (and the override reason), on one resident's series.
      const clean = PAYLOADS.filter((x) => !x.includes('\u0000'));
      for (const [n, at] of ['2021-06-01', '2021-06-29', '2021-07-30'].entries()) {
        const doseId = randomUUID();
        const [lot = '', site = '', vaccinator = ''] = [0, 1, 2].map(
          (k) => clean[(n * 3 + k) % clean.length] as string,
        );
        const dose = await commander.inject({
          method: 'POST',
          url: '/api/v1/doses',
          payload: {
            id: doseId,
            idNumber: t.ids[5],
            product: 'sinovac',
            doseNumber: n + 1,
            at: `${at}T09:00:00+08:00`,
            lot,
            site,
            vaccinator,
            // The third is a booster months too early: a site doctor's reason lets it through.
            ...(n === 2 ? { overrideReason: clean[3] } : {}),
          },
        });
        safeJson(dose);
        expect(dose.statusCode, `dose ${n + 1}: ${dose.body}`).toBe(201);
        stored.push(
          { table: 'dose_records', id: doseId, column: 'lot', value: lot },
          { table: 'dose_records', id: doseId, column: 'site', value: site },
          { table: 'dose_records', id: doseId, column: 'vaccinator', value: vaccinator },
        );
        if (n === 2)
          stored.push({
            table: 'dose_records',
            id: doseId,
            column: 'override_reason',
            value: clean[3] as string,
          });
      }
      // Resident 6 was on the ledger and is done now: its entry can be closed, the reason kept as typed.
      for (const [i, p] of clean.entries()) {
        const close = await commander.inject({
          method: 'POST',
          url: `/api/v1/campaigns/${t.campaignId}/ledger/closures`,
          payload: { idNumber: t.ids[5], reason: p },
        });
        const closed = safeJson(close) as { reason?: string };
        // The first closes it; a later one is 409, or (nothing changed by the pinned clock) closes again.
        expect(i === 0 ? [201] : [201, 409], close.body).toContain(close.statusCode);
        if (close.statusCode === 201) expect(closed.reason).toBe(p);
      }
      const history = (
        await commander.inject({
          method: 'GET',
          url: `/api/v1/campaigns/${t.campaignId}/ledger/430321205201/history`,
        })
      ).json().items as { reason: string }[];
      expect(history.map((h) => h.reason)).toContain(clean[0]);
      const nul = await commander.inject({
        method: 'POST',
        url: '/api/v1/doses',
        payload: {
          idNumber: t.ids[5],
          product: 'sinovac',
          doseNumber: 4,
          at: '2021-08-01T09:00:00+08:00',
          lot: 'a\u0000b',
        },
      });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().error.code).toBe('request.nul');
      for (const s of stored) {
        const row = (
          await sql<Record<string, string>>`SELECT * FROM ${sql.table(s.table)} WHERE id = ${s.id}`.execute(
            t.store.db,
          )
        ).rows[0];
        expect(row?.[s.column], `${s.table}.${s.column}`).toBe(s.value);
      }
      expect(await residents()).toBe(before);
      // Read back through the API: the text comes back as it went in, as JSON strings.
      const list = (await commander.inject({ method: 'GET', url: '/api/v1/campaigns' })).json().items as {
        name: string;
      }[];
      for (const p of PAYLOADS.filter((x) => !x.includes('\u0000')))
        expect(list.map((x) => x.name)).toContain(p);
      // The audit log was not rewritten by the UPDATE in a payload.
      expect((await audit('actor=nobody')).length).toBe(0);
    });

    it('answers SQL in query strings and paths as invalid input, never as SQL', async () => {
      const commander = t.sessions.commander;
      for (const url of [
        `/api/v1/residents?place=${encodeURIComponent("430321' OR '1'='1")}`,
        `/api/v1/campaigns/${t.campaignId}/progress/${encodeURIComponent('430321 OR 1=1')}`,
        `/api/v1/campaigns/${encodeURIComponent('1 OR 1=1')}`,
        `/api/v1/places/${encodeURIComponent("430321'--")}`,
      ]) {
        const res = await commander.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(400);
        expect(res.body).not.toMatch(/select|syntax|sqlite|postgres/i);
      }
      const path = await commander.inject({
        method: 'POST',
        url: `/api/v1/residents/${encodeURIComponent("' OR 1=1 --")}/visits`,
        payload: refusal(),
      });
      expect([400, 404]).toContain(path.statusCode);
      const filter = await commander.inject({
        method: 'GET',
        url: `/api/v1/audit?actor=${encodeURIComponent("' OR '1'='1")}`,
      });
      expect(filter.statusCode).toBe(200);
      expect(filter.json().items).toEqual([]);
    });

    it('escapes a campaign name made of markup in the SVG report, which runs under a policy without inline scripts', async () => {
      const created = await t.sessions.commander.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        payload: {
          name: '<script>alert(1)</script><svg onload=alert(2)>',
          target: 'first-dose',
          minAge: 12,
          asOf: '2021-08-09',
          start: '2021-07-20',
          deadline: '2021-08-31',
        },
      });
      const id = created.json().id as number;
      for (const format of ['svg', 'text', 'json']) {
        const res = await t.sessions.commander.inject({
          method: 'GET',
          url: `/api/v1/reports/daily?campaign=${id}&date=2021-08-09&format=${format}`,
        });
        expect(res.statusCode, format).toBe(200);
        expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        if (format === 'svg') {
          // In the SVG the name is text or an attribute value, escaped: no element of its own.
          expect(res.body).not.toMatch(/<script|<svg onload/i);
          expect(res.body).toContain('&#60;script&#62;');
        }
      }
    });
  });

  describe('downloads', () => {
    it('cannot be steered to another file: names come from the data, parameters are codes', async () => {
      const commander = t.sessions.commander;
      const created = await commander.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        payload: {
          name: '../../../../etc/passwd',
          target: 'first-dose',
          minAge: 12,
          asOf: '2021-08-09',
          start: '2021-07-20',
          deadline: '2021-08-31',
        },
      });
      const id = created.json().id as number;
      const report = await commander.inject({
        method: 'GET',
        url: `/api/v1/reports/daily?campaign=${id}&date=2021-08-09&format=xlsx`,
      });
      expect(report.statusCode).toBe(200);
      const disposition = String(report.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="daily-report_430321_2021-08-09\.xlsx"/);
      expect(disposition).not.toMatch(/\.\.|%2F|\//i);
      for (const url of [
        `/api/v1/reports/daily?campaign=${id}&date=2021-08-09&format=${encodeURIComponent('../../etc/passwd')}`,
        `/api/v1/reports/daily?campaign=${id}&date=${encodeURIComponent('../../etc/passwd')}`,
        `/api/v1/reports/daily?campaign=${id}&date=2021-08-09&place=${encodeURIComponent('../../etc')}`,
        `/api/v1/exports/ledger?campaign=${id}&place=${encodeURIComponent('../../etc/passwd')}`,
        `/api/v1/exports/fhir/Patient.ndjson?place=${encodeURIComponent('..%2F..%2Fetc')}`,
      ]) {
        expect((await commander.inject({ method: 'GET', url })).statusCode, url).toBe(400);
      }
      for (const url of [
        '/api/v1/exports/fhir/..%2F..%2F..%2Fpackage.json',
        '/api/v1/exports/..%2F..%2Fpackage.json',
        '/api/docs/static/..%2F..%2F..%2Fpackage.json',
        '/api/docs/static/../../../package.json',
      ]) {
        const res = await commander.inject({ method: 'GET', url });
        // A path that resolves outside the API is the web app's (its index page, when built).
        if (res.statusCode === 200) expect(res.headers['content-type'], url).toMatch(/^text\/html/);
        else expect([400, 403, 404], url).toContain(res.statusCode);
        expect(res.body, url).not.toContain('"dependencies"');
      }
      const workbook = await commander.inject({
        method: 'GET',
        url: `/api/v1/exports/ledger?campaign=${id}&place=430321205206`,
      });
      expect(workbook.statusCode).toBe(200);
      expect(String(workbook.headers['content-disposition'])).toMatch(
        /filename="ledger_430321205206_[\d-]+\.xlsx"/,
      );
    });
  });

  describe('oversized bodies', () => {
    it('refuses a body over 10 MiB with 413, and an anonymous one with 401 before reading it', async () => {
      const big = JSON.stringify({ deviceId: 'p', items: [], pad: 'x'.repeat(11 * 1024 * 1024) });
      const signed = await t.sessions['grid-member'].inject({
        method: 'POST',
        url: '/api/v1/sync',
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      expect(signed.statusCode).toBe(413);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sync',
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      expect(anonymous.statusCode).toBe(401);
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      expect(login.statusCode).toBe(413);
    });
  });

  describe('sign-in brute force', () => {
    it('locks a username after 5 failures in 15 minutes, even for the right password, and logs every attempt', async () => {
      const attempt = (password: string, remoteAddress = '10.0.0.1') =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          payload: { username: 'grid-instructor', password },
        });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.0.1',
        payload: { username: 'nobody-here', password: 'guess' },
      });
      for (let i = 1; i <= 5; i++) {
        const res = await attempt(`guess-${i}`);
        expect(res.statusCode).toBe(401);
        // Wrong password and unknown user read the same: no telling which usernames exist.
        expect(res.json()).toEqual(unknown.json());
      }
      const locked = await attempt(TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('auth.locked');
      // From another address, too: the lock is on the username.
      expect((await attempt(TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(429);
      // Other users sign in as usual.
      expect((await signIn(t.app, 'analyst', TEST_PASSWORD, '10.0.0.1')).token).toBeTruthy();
      const log = await audit('actor=grid-instructor&action=auth.*');
      expect(log.filter((e) => e.action === 'auth.login-failed')).toHaveLength(5);
      expect(log.filter((e) => e.action === 'auth.login-locked')).toHaveLength(2);
      const attempts = log.filter((e) => e.action !== 'auth.login');
      expect(attempts.every((e) => e.origin === '10.0.0.1' || e.origin === '10.0.0.2')).toBe(true);
      // Fifteen minutes after the fifth failure, the right password works again.
      now += 15 * 60 * 1000 + 1;
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('locks an address after 20 failures across usernames', async () => {
      const from = '10.9.9.9';
      for (let i = 0; i < 20; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: from,
          payload: { username: `spray-${i}`, password: 'Winter2021!' },
        });
        expect(res.statusCode).toBe(401);
      }
      const locked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: from,
        payload: { username: 'driver', password: TEST_PASSWORD },
      });
      expect(locked.statusCode).toBe(429);
      expect((await signIn(t.app, 'driver', TEST_PASSWORD, '10.9.9.10')).token).toBeTruthy();
    });
  });

  describe('headers', () => {
    it('sends a strict policy with every answer, and the docs page loads only its own files under its own', async () => {
      const api = await t.sessions.commander.inject({ method: 'GET', url: '/api/v1/products' });
      const policy = String(api.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ]) {
        expect(policy).toContain(directive);
      }
      expect(policy).not.toMatch(/unsafe-(inline|eval)/);
      expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      expect(api.headers['x-powered-by']).toBeUndefined();
      const denied = await t.app.inject({ method: 'GET', url: '/api/v1/products' });
      expect(denied.statusCode).toBe(401);
      expect(denied.headers['content-security-policy']).toBe(policy);

      const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(page.statusCode).toBe(200);
      const docsPolicy = String(page.headers['content-security-policy']);
      expect(docsPolicy).toContain("script-src 'self'");
      expect(docsPolicy).not.toMatch(/script-src[^;]*unsafe/);
      // No inline script for the policy to block: every script is a file of its own, and loads.
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const assets = [...page.body.matchAll(/(?:src|href)="(\.\/static\/[^"]+)"/g)].map(
        (m) => m[1] as string,
      );
      expect(assets.length).toBeGreaterThanOrEqual(4);
      for (const asset of [...assets, './json']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/docs/${asset.slice(2)}` });
        expect(res.statusCode, asset).toBe(200);
      }
    });
  });

  describe('the audit log', () => {
    it('cannot be changed or deleted: no route for it, and the database refuses', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        const res = await t.sessions.commander.inject({ method, url: '/api/v1/audit', payload: {} });
        expect(res.statusCode).toBe(404);
      }
      const before = (
        await t.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      await expect(
        t.store.db.updateTable('audit_log').set({ actor: 'someone-else' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(t.store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      if (c.dialect === 'postgres') {
        await expect(sql`TRUNCATE audit_log`.execute(t.store.db)).rejects.toThrow(/append-only/);
      }
      const after = (
        await t.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      expect(Number(after)).toBe(Number(before));
      expect((await audit('actor=someone-else')).length).toBe(0);
    });
  });
});
