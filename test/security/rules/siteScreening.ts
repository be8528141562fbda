import { checkIn } from '../../../src/app/siteScreening/checkIn.js';
import { decide } from '../../../src/app/siteScreening/decide.js';
import { screen } from '../../../src/app/siteScreening/screen.js';
import { giveSiteDose } from '../../../src/app/siteScreening/siteDose.js';
import type { Store } from '../../../src/store/openStore.js';
import { answers } from '../../fieldops/siteScreeningSupport.js';
import { json, q, type MatrixArea, type Case } from '../matrixCase.js';
import type { Target } from '../securityCounty.js';

/**
 * The scope matrix's rules for check-in and screening at the site (issue 8). Everything names
 * the target's resident (aims 'grid'): to work on a check-in the caller must cover the resident
 * and run the site (site staff and the commander, the roles with checkin.write, sit at the
 * township and above); to read a site's day, a caller below the township sees the site and its
 * own residents in it. A unit's lists name the village (aims 'village').
 *
 * Each target gets two sites of its township and, for its resident on the demo day: a check-in
 * done through the dose (`screeningDone`, its dose `screeningDoseId`), one recommended and
 * waiting for its dose (`screeningAwaiting`), and one screened and waiting for the doctor
 * (`screeningOpen`, at the second site: a check-in under way at a site is found again, not
 * doubled). The first allowed role moves a step; the next gets 409, an answer, not a refusal.
 */

const well = { temperature: 36.6, healthCode: 'green', systolic: 126, diastolic: 80, answers: answers() };
const at = (hhmm: string) => `2021-08-09T${hhmm}:00+08:00`;

async function site(store: Store, township: string, name: string): Promise<number> {
  const row = await store.db
    .insertInto('sites')
    .values({
      county_code: township.slice(0, 6),
      township_code: township,
      name,
      kind: 'health-centre',
      address: '',
      opens: '08:00',
      closes: '17:30',
      daily_capacity: 300,
      active: 1,
      created_at: '2021-07-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function setUp(store: Store, target: Target): Promise<Record<string, number | string>> {
  const staff = { by: '权限矩阵' };
  const first = await site(store, target.township, `${target.township}卫生院（预检矩阵）`);
  const second = await site(store, target.township, `${target.township}临时接种点（预检矩阵）`);
  const walkIn = async (siteId: number, hhmm: string) => {
    const { checkin } = await checkIn(store, { siteId, idNumber: target.idNumber, at: at(hhmm), ...staff });
    await screen(store, { checkinId: checkin.id, ...well, at: at(hhmm), ...staff });
    return checkin.id;
  };
  const done = await walkIn(first, '08:00');
  await decide(store, { checkinId: done, decision: 'recommend', at: at('08:05'), ...staff });
  const dosed = await giveSiteDose(store, {
    checkinId: done,
    product: 'sinovac',
    lot: '202107M',
    at: at('08:10'),
    ...staff,
  });
  const awaiting = await walkIn(first, '09:00');
  await decide(store, { checkinId: awaiting, decision: 'recommend', at: at('09:05'), ...staff });
  const open = await walkIn(second, '10:00');
  return {
    screeningSite: first,
    screeningDone: done,
    screeningDoseId: dosed.dose?.id ?? '',
    screeningAwaiting: awaiting,
    screeningOpen: open,
  };
}

const f = (t: Target, name: string): string => String(t.fixtures[name]);

const masked = (
  name: string,
  url: (t: Target, c: Parameters<Case['request']>[1]) => string,
  aims: Case['aims'],
): Case[] => [
  { name, aims, request: (t, c) => ({ url: url(t, c) }) },
  {
    name: `${name}, unmasked`,
    aims,
    needs: ['pii.unmask'],
    fullIds: true,
    request: (t, c) => {
      const u = url(t, c);
      return { url: `${u}${u.includes('?') ? '&' : '?'}unmasked=true` };
    },
  },
];

export const SITE_SCREENING: MatrixArea = {
  setUp,
  rules: {
    'POST /api/v1/checkins': [
      {
        name: 'check in',
        aims: 'grid',
        request: (t) => ({
          url: '/api/v1/checkins',
          ...json({ siteId: Number(t.fixtures['screeningSite']), idNumber: t.idNumber }),
        }),
      },
    ],
    'GET /api/v1/checkins/:id': masked('one', (t) => `/api/v1/checkins/${f(t, 'screeningDone')}`, 'grid'),
    'POST /api/v1/checkins/:id/screenings': [
      {
        name: 'screen',
        aims: 'grid',
        request: (t) => ({ url: `/api/v1/checkins/${f(t, 'screeningOpen')}/screenings`, ...json(well) }),
      },
    ],
    'POST /api/v1/checkins/:id/decision': [
      {
        name: 'decide',
        aims: 'grid',
        request: (t) => ({
          url: `/api/v1/checkins/${f(t, 'screeningOpen')}/decision`,
          ...json({ decision: 'recommend', at: at('10:30') }),
        }),
      },
    ],
    'POST /api/v1/checkins/:id/dose': [
      {
        name: 'dose',
        aims: 'grid',
        // The resident has dose 1 from the set-up: dose 2 today is too early (422), an answer.
        request: (t) => ({
          url: `/api/v1/checkins/${f(t, 'screeningAwaiting')}/dose`,
          ...json({ product: 'sinovac', lot: '202107M', at: at('09:10') }),
        }),
      },
    ],
    'POST /api/v1/checkins/:id/observation': [
      {
        name: 'end',
        aims: 'grid',
        request: (t) => ({
          url: `/api/v1/checkins/${f(t, 'screeningDone')}/observation`,
          ...json({ outcome: 'ok', at: at('08:45') }),
        }),
      },
    ],
    'GET /api/v1/sites/:id/checkins': masked(
      'site day',
      (t) => `/api/v1/sites/${f(t, 'screeningSite')}/checkins?${q({ day: '2021-08-09' })}`,
      'grid',
    ),
    'GET /api/v1/checkins': masked(
      'unit day',
      (t) => `/api/v1/checkins?${q({ place: t.village, day: '2021-08-09' })}`,
      'village',
    ),
    'POST /api/v1/aefi': [
      {
        name: 'report',
        aims: 'grid',
        request: (t) => ({
          url: '/api/v1/aefi',
          ...json({
            idNumber: t.idNumber,
            doseId: f(t, 'screeningDoseId'),
            what: 'fever',
            severity: 'mild',
            onsetAt: at('16:00'),
            outcome: 'recovered',
          }),
        }),
      },
    ],
    'GET /api/v1/sites/:id/aefi': masked(
      'site day',
      (t) => `/api/v1/sites/${f(t, 'screeningSite')}/aefi?${q({ day: '2021-08-09' })}`,
      'grid',
    ),
    'GET /api/v1/aefi': masked(
      'unit days',
      (t) => `/api/v1/aefi?${q({ place: t.village, from: '2021-08-01', to: '2021-08-09' })}`,
      'village',
    ),
  },
};
