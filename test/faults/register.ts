import { writeFileSync } from 'node:fs';
import { composeIdNumber } from '../../src/domain/idcard.js';
import type { Store } from '../../src/store/openStore.js';

export interface RegisterFile {
  file: string;
  /** The ID numbers of the file's rows, all new to the database. */
  idNumbers: string[];
}

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国秀英伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰';
const RELATIONS = ['户主', '配偶', '子', '女'];

/** A small deterministic generator (mulberry32): the same seed writes the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes a register of `rows` new residents of the database's county as a county clerk's CSV
 * (UTF-8, 村（社区） by code, existing grids by name, households by 户号, four people at most
 * to a household), none of them registered yet.
 */
export async function writeRegister(
  store: Store,
  file: string,
  rows: number,
  seed: number,
): Promise<RegisterFile> {
  const grids = await store.db
    .selectFrom('places as g')
    .innerJoin('places as v', 'v.code', 'g.parent_code')
    .select(['g.name as grid', 'v.code as village', 'g.county_code as county'])
    .where('g.level', '=', 'grid')
    .orderBy('g.code')
    .execute();
  const taken = new Set(
    (await store.db.selectFrom('residents').select('id_number').execute()).map((r) => r.id_number),
  );
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const lines = ['姓名,身份证号码,性别,出生日期,联系电话,村（社区）,网格,户号,与户主关系,现住址'];
  const idNumbers: string[] = [];
  let households = 0;
  while (idNumbers.length < rows) {
    const place = pick(grids);
    const size = 1 + Math.floor(rnd() * 4);
    households++;
    const household = String(households).padStart(6, '0');
    const address = `${place.grid}${1 + Math.floor(rnd() * 99)}号`;
    for (let m = 0; m < size && idNumbers.length < rows; m++) {
      const year = 1935 + Math.floor(rnd() * 70);
      const birth = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const idNumber = composeIdNumber(place.county ?? '430321', birth, Math.floor(rnd() * 1000));
      if (taken.has(idNumber)) continue;
      taken.add(idNumber);
      idNumbers.push(idNumber);
      const sex = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
      const phone = `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
      lines.push(
        [
          pick([...SURNAMES]) + pick([...GIVEN]) + pick([...GIVEN]),
          idNumber,
          sex,
          birth,
          phone,
          place.village,
          place.grid,
          household,
          RELATIONS[Math.min(m, 3)],
          address,
        ].join(','),
      );
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, idNumbers };
}
