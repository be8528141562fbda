/**
 * Made-up Chinese names that read like a Xiangtan village register.
 *
 * Surnames: the national order of 公安部户政管理研究中心《二〇二〇年全国姓名报告》 (王 李 张 刘 陈 杨
 * 黄 赵 吴 周 …), reweighted by hand toward Hunan, where 刘 李 彭 谭 周 胡 罗 唐 曾 are more common
 * than nationally (谭 and 彭 above all around Xiangtan). The weights are relative, not per cent.
 *
 * Given names follow the fashions of each birth cohort: 建国 and 桂英 for those born around
 * 1950, 志强 and 红梅 for the 1970s, the one-character 伟 敏 静 of the 1980s–90s, 子涵 and 梓萱
 * after 2010. Children take their father's surname (the household builder decides who that is).
 */
import { type Random, Weighted } from './random.js';

// surname:relative weight
const SURNAME_TABLE =
  '刘:6.5 李:6 王:5 张:4.5 陈:5 彭:4 谭:4.5 周:3.8 胡:3.2 罗:3.6 唐:3.2 曾:2.8 黄:3 杨:3 赵:1.4 ' +
  '邓:2.2 易:1.8 龙:1 毛:1.2 贺:1.3 蒋:1.2 廖:1.3 文:1.2 肖:1.8 何:1.6 朱:1.3 郭:1.2 吴:1.5 ' +
  '袁:1.1 欧阳:0.6 颜:0.7 齐:0.5 石:0.6 丁:0.5 谢:1.3 邹:1.1 汤:0.7 马:0.6 段:0.7 钟:0.8 梁:0.6 ' +
  '宋:0.5 孙:0.6 徐:0.8 秦:0.4 夏:0.5 姜:0.4 田:0.5 范:0.4 傅:0.5 戴:0.7 成:0.5 雷:0.6 熊:0.7 ' +
  '尹:0.6 陶:0.5 蔡:0.5 左:0.5 卢:0.4 方:0.4 魏:0.4 冯:0.5 符:0.3 童:0.3 葛:0.3 向:0.4 邱:0.4 ' +
  '黎:0.4 殷:0.3 佘:0.2 匡:0.3 皮:0.2';

const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = SURNAME_TABLE.split(' ').map((entry) => {
  const [name, weight] = entry.split(':');
  return [name as string, Number(weight)] as const;
});

export const SURNAMES: readonly string[] = SURNAME_WEIGHTS.map(([s]) => s);
const SURNAME_INDEX = new Weighted(SURNAME_WEIGHTS.map(([, w], i) => [i, w] as const));

/** An index into SURNAMES, drawn by frequency. */
export function drawSurname(rng: Random): number {
  return SURNAME_INDEX.pick(rng);
}

interface Cohort {
  /** Born in this year or later (the first cohort also takes everyone older). */
  from: number;
  /** Share of one-character given names. */
  single: number;
  male2: readonly string[];
  female2: readonly string[];
  male1: readonly string[];
  female1: readonly string[];
}

const words = (s: string): readonly string[] => s.split(' ');

const COHORTS: readonly Cohort[] = [
  {
    from: 0,
    single: 0.08,
    male2: words(
      '建国 国华 德明 桂生 海清 炳生 玉林 长庚 志成 福生 正华 树林 光明 春生 伏生 满生 云山 定国 秋生 庆云 仁和 汉章 学文 运生',
    ),
    female2: words(
      '桂英 秀英 淑贞 菊香 冬梅 秀兰 玉兰 满秀 春桃 伏秀 凤英 金秀 桂兰 翠英 秋菊 月娥 腊梅 爱莲 美兰 玉珍 素华 兰英 春莲 雪梅',
    ),
    male1: words('华 林 明 清 生 福 德 全'),
    female1: words('英 兰 珍 秀 梅 莲 娥 凤'),
  },
  {
    from: 1960,
    single: 0.18,
    male2: words(
      '建华 志强 国庆 卫东 跃进 红军 建军 小平 爱民 新民 立新 胜利 向阳 建平 志刚 国平 长青 振华 文革 铁军 和平 国强 建新 卫国',
    ),
    female2: words(
      '红梅 丽华 建英 桂芳 小红 秋云 红霞 爱华 美华 春梅 海燕 冬英 建兰 秀芳 小英 卫红 丽君 玉梅 艳红 菊英 新华 雪莲 国英 彩霞',
    ),
    male1: words('军 勇 平 刚 强 斌 明 辉 兵 峰'),
    female1: words('红 萍 英 芳 霞 琴 敏 华 燕 玲'),
  },
  {
    from: 1980,
    single: 0.35,
    male2: words(
      '志伟 建波 海涛 文斌 俊杰 晓东 小龙 志勇 宏伟 建明 国栋 剑锋 立军 永红 伟华 文杰 小军 海波 志华 亚军 鹏飞 金龙 春林 德胜',
    ),
    female2: words(
      '丽娟 晓燕 小芳 海燕 艳芳 丽萍 美玲 春燕 晓玲 秀丽 小丽 红艳 丽君 雅琴 慧敏 玉婷 婷婷 亚琴 娟娟 静怡 晓红 丽芳 彩虹 湘玲',
    ),
    male1: words('伟 磊 涛 勇 军 超 斌 杰 鹏 强 亮 波'),
    female1: words('敏 静 丽 芳 娟 艳 婷 燕 琳 倩 霞 丹'),
  },
  {
    from: 1995,
    single: 0.22,
    male2: words(
      '浩然 宇航 子豪 俊杰 嘉豪 鑫宇 文博 志豪 天宇 家乐 思远 晨阳 博文 浩宇 振宇 鹏程 子健 明轩 泽宇 雨辰 凯文 俊熙 锦程 宏宇',
    ),
    female2: words(
      '欣怡 雨婷 佳怡 思琪 梦洁 诗涵 雅婷 子怡 佳琪 紫薇 晓雪 梦瑶 雨欣 嘉欣 心怡 静雯 可馨 思雨 婉婷 乐怡 佳慧 湘湘 艺涵 紫琳',
    ),
    male1: words('浩 宇 鑫 杰 凯 阳 磊 博 航 睿'),
    female1: words('婷 琪 欣 怡 雪 瑶 璐 萱 佳 颖'),
  },
  {
    from: 2010,
    single: 0.08,
    male2: words(
      '子涵 浩然 梓轩 宇轩 一诺 子墨 沐阳 奕辰 皓轩 俊熙 梓豪 宇泽 锦程 睿哲 思源 承泽 天佑 昊天 博涵 子骞 煜城 铭泽 梓睿 嘉懿',
    ),
    female2: words(
      '梓萱 一诺 欣妍 子涵 诗涵 雨桐 可馨 梓涵 语桐 若汐 依诺 芷若 欣悦 思彤 梦琪 语嫣 雨萱 佳琪 紫涵 沐晴 书瑶 诗琪 安琪 梓琳',
    ),
    male1: words('睿 轩 宸 泽 浩 铭 烨 昊'),
    female1: words('萱 彤 琪 妍 涵 悦 诺 瑶'),
  },
];

function cohortOf(birthYear: number): Cohort {
  let c = COHORTS[0] as Cohort;
  for (const k of COHORTS) if (birthYear >= k.from) c = k;
  return c;
}

/** A given name (one or two characters) for someone of this sex born in this year. */
export function drawGivenName(rng: Random, male: boolean, birthYear: number): string {
  const c = cohortOf(birthYear);
  if (rng.chance(c.single)) return rng.pick(male ? c.male1 : c.female1);
  return rng.pick(male ? c.male2 : c.female2);
}

export function fullName(rng: Random, surnameIndex: number, male: boolean, birthYear: number): string {
  return (SURNAMES[surnameIndex] as string) + drawGivenName(rng, male, birthYear);
}
