/**
 * A generated resident register for the import benchmark: Xiangtan County's real townships and
 * villages, eight grids a village, households of one to five people under a 户号, valid ID
 * numbers (unique by birth date and sequence), one row in a thousand with a wrong check
 * character so the validation report is part of the run. As CSV (UTF-8 with a BOM, as Excel
 * saves it) or xlsx (exceljs's streaming writer, shared strings, as Excel and LibreOffice do).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { readDivisions } from '../src/app/divisions/readDivisions.js';
import { SHIPPED_DIVISIONS } from '../src/app/places/importPlaces.js';
import { composeIdNumber } from '../src/domain/idcard.js';
import { shortPlaceName } from '../src/domain/places.js';

export const HEADER = [
  '序号',
  '姓名',
  '身份证号码',
  '性别',
  '出生日期',
  '联系电话',
  '乡镇',
  '村（社区）',
  '网格',
  '户号',
  '与户主关系',
  '现住址',
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谭彭曾欧阳';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建国志红';
const RELATIONS = ['户主', '配偶', '子', '女', '孙子'];
const DAY = 86_400_000;
const FIRST_BIRTH = Date.UTC(1930, 0, 1);
const BIRTH_DAYS = 32_000;

/** The register's rows, one array of cells each, in village and household order. */
export async function* registerRows(count: number): AsyncGenerator<string[]> {
  const set = readDivisions(SHIPPED_DIVISIONS, ['430321']);
  const townships = new Map(set.townships.map((t) => [t.code, t.name]));
  const villages = set.villages;
  const perVillage = Math.ceil(count / villages.length);
  let i = 0;
  for (const v of villages) {
    const village = shortPlaceName(v.name);
    const township = townships.get(v.townshipCode) ?? '';
    let household = 0;
    for (let k = 0; k < perVillage && i < count;) {
      household++;
      const size = 1 + ((household * 7) % 5);
      const grid = `第${1 + (household % 8)}网格`;
      const address = `${village}${1 + (household % 12)}组${household}号`;
      for (let m = 0; m < size && k < perVillage && i < count; m++, k++, i++) {
        const birth = new Date(FIRST_BIRTH + (i % BIRTH_DAYS) * DAY).toISOString().slice(0, 10);
        let id = composeIdNumber('430321', birth, Math.floor(i / BIRTH_DAYS));
        if (i % 1000 === 999) id = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
        const male = Number(id.charAt(16)) % 2 === 1;
        const name =
          (SURNAMES[i % SURNAMES.length] as string) +
          (GIVEN[(i >> 3) % GIVEN.length] as string) +
          (i % 3 === 0 ? '' : (GIVEN[(i >> 7) % GIVEN.length] as string));
        yield [
          String(i + 1),
          name,
          id,
          male ? '男' : '女',
          birth,
          i % 4 === 0 ? '' : `13${String(800_000_000 + i).padStart(9, '0')}`,
          township,
          village,
          grid,
          String(household).padStart(4, '0'),
          RELATIONS[Math.min(m, RELATIONS.length - 1)] as string,
          address,
        ];
      }
    }
  }
}

export async function writeRegisterCsv(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  let buf = `\uFEFF湘潭县居民花名册（生成）\r\n${HEADER.join(',')}\r\n`;
  for await (const row of registerRows(count)) {
    buf += `${row.join(',')}\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export async function writeRegisterXlsx(path: string, count: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['湘潭县居民花名册（生成）']).commit();
  ws.addRow(HEADER).commit();
  for await (const row of registerRows(count)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}
