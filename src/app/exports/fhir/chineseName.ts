/**
 * A Chinese name split into family and given names for FHIR's HumanName. Chinese names are
 * written surname first with no space; the surname is one character except for the compound
 * surnames (复姓) below, the ones common enough to meet in a county register (单于 is left out:
 * 单 is a common surname of its own, and 单于 a rare one). A name written
 * with a space or a middle dot (a minority or a foreign name: 阿依古丽·买买提) is not split:
 * it goes whole into `text`, which is what FHIR asks for when the parts are not known.
 */

/** Compound surnames (复姓), as listed in the 百家姓 and found in today's registers. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '闻人',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '钟离',
  '呼延',
  '万俟',
  '赫连',
  '濮阳',
  '淳于',
  '拓跋',
  '百里',
  '东郭',
  '南门',
  '羊舌',
  '微生',
  '梁丘',
  '左丘',
  '东门',
  '第五',
]);

export interface NameParts {
  text: string;
  family?: string;
  given?: string[];
}

/** Han characters (CJK Unified Ideographs and extension A). */
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/u;

export function splitChineseName(name: string): NameParts {
  const text = name.trim();
  const chars = [...text];
  if (!HAN.test(text) || chars.length < 2) return { text };
  const two = chars.slice(0, 2).join('');
  const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.has(two) ? 2 : 1;
  return {
    text,
    family: chars.slice(0, surnameLength).join(''),
    given: [chars.slice(surnameLength).join('')],
  };
}
