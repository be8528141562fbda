/**
 * The demo county's age composition.
 *
 * Source: 国家统计局 / 国务院第七次全国人口普查领导小组办公室,《中国人口普查年鉴—2020》, national
 * population by five-year age group on 2020-11-01 (the same figures as 《第七次全国人口普查公报
 * （第五号）——人口年龄构成》 in their broad groups: 0–14 17.95%, 15–59 63.35%, 60+ 18.70%), each
 * share rounded to 0.1%. The census counts ages on 1 November 2020; the demo reads them as ages
 * on the campaign's as-of date (2021-08-09): nine months' drift is below what the picture shows.
 */
import { Weighted } from './random.js';

export interface AgeBandShare {
  from: number;
  /** Inclusive; the open band 85+ is taken to end at 100. */
  to: number;
  /** Percent of the whole population. */
  percent: number;
}

export const CENSUS_2020_AGE_SHARES: readonly AgeBandShare[] = [
  { from: 0, to: 4, percent: 5.5 },
  { from: 5, to: 9, percent: 6.4 },
  { from: 10, to: 14, percent: 6.0 },
  { from: 15, to: 19, percent: 5.2 },
  { from: 20, to: 24, percent: 5.3 },
  { from: 25, to: 29, percent: 6.5 },
  { from: 30, to: 34, percent: 8.8 },
  { from: 35, to: 39, percent: 7.0 },
  { from: 40, to: 44, percent: 6.6 },
  { from: 45, to: 49, percent: 8.1 },
  { from: 50, to: 54, percent: 8.6 },
  { from: 55, to: 59, percent: 7.2 },
  { from: 60, to: 64, percent: 5.2 },
  { from: 65, to: 69, percent: 5.2 },
  { from: 70, to: 74, percent: 3.5 },
  { from: 75, to: 79, percent: 2.2 },
  { from: 80, to: 84, percent: 1.4 },
  { from: 85, to: 100, percent: 1.1 },
];

export const MAX_AGE = 100;

/**
 * Rural registers run older than the nation: the census found 23.81% of rural residents aged 60+
 * against 18.70% overall (国家统计局, 第七次全国人口普查主要数据情况, 2021-05-11), because the
 * young leave for the cities. The demo
 * lifts 60+ by a fifth and trims 20–39 by a tenth in villages; urban communities keep the
 * national shape.
 */
function ruralFactor(age: number): number {
  if (age >= 60) return 1.2;
  if (age >= 20 && age < 40) return 0.9;
  return 1;
}

/** Single years of age 0…100 with weights; within a band the years share it evenly, except 85+. */
function singleYearWeights(rural: boolean): [number, number][] {
  const out: [number, number][] = [];
  for (const band of CENSUS_2020_AGE_SHARES) {
    const years = band.to - band.from + 1;
    if (band.from === 85) {
      // The open band thins out fast: each year a fifth fewer than the one before.
      let norm = 0;
      for (let i = 0; i < years; i++) norm += 0.8 ** i;
      for (let i = 0; i < years; i++) {
        const age = band.from + i;
        out.push([age, ((band.percent * 0.8 ** i) / norm) * (rural ? ruralFactor(age) : 1)]);
      }
      continue;
    }
    for (let age = band.from; age <= band.to; age++) {
      out.push([age, (band.percent / years) * (rural ? ruralFactor(age) : 1)]);
    }
  }
  return out;
}

export const RURAL_AGES = new Weighted(singleYearWeights(true));
export const URBAN_AGES = new Weighted(singleYearWeights(false));
