/**
 * The demo's dispatch orders (调度令) and village loudspeakers (村村响), as the county ran them on
 * 8 and 9 August 2021 (shared/seed/: 「湘潭县制定下发了疫苗接种系列文件、调度令、通告」; 双庙村's
 * loudspeaker 「分时段反复播放着该村党组织书记录制的疫苗接种方言宣传音频」).
 *
 * Two county orders to 锦石乡 and three other townships: the one of the 8th acknowledged and
 * completed by all (one township a little late), the one of the 9th due at 17:00 — by the demo
 * evening (18:00) 乌石镇 and 易俗河镇 have reported it done, 锦石乡 has acknowledged it but not
 * reported, 谭家山镇 has not even acknowledged: two overdue answers for the daily report.
 * Fixed instants and names: deterministic, and a handful of rows, so fast on any demo size.
 */
import { shanghaiInstant } from '../../domain/calendar.js';
import { SLOGAN, type BroadcastSlot } from '../../domain/villageNotice.js';
import { insertOrder, replaceLoudspeakerSlots, townshipSites } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { DEMO_COUNTY } from '../buildDemo.js';

const JINSHI = '430321205'; // 锦石乡
const WUSHI = '430321114'; // 乌石镇
const TANJIASHAN = '430321102'; // 谭家山镇
const YISUHE = '430321100'; // 易俗河镇
const SHUANGMIAO = '430321114241'; // 乌石镇双庙村

const COMMAND = '县疫情防控指挥部（演示）';
const LEAD: Record<string, string> = {
  [JINSHI]: '锦石乡负责人（演示）',
  [WUSHI]: '乌石镇负责人（演示）',
  [TANJIASHAN]: '谭家山镇负责人（演示）',
  [YISUHE]: '易俗河镇负责人（演示）',
};

/** An instant on a demo day, Asia/Shanghai wall time. */
const at = (date: string, time: string): string => shanghaiInstant(date, time).toISOString();

interface Answer {
  ack?: string;
  done?: string;
  note?: string;
}

interface DemoOrder {
  title: string;
  text: string;
  issuedAt: string;
  deadline: string;
  answers: Record<string, Answer>;
}

const ORDERS: readonly DemoOrder[] = [
  {
    title: '关于开展60岁以上人群新冠疫苗接种摸排清零的调度令',
    text:
      '各乡镇：为加快推进60岁以上人群新冠疫苗接种，请各乡镇于8月9日12:00前，组织网格员对辖区60岁以上居民逐户摸排，' +
      '建立未接种人员台账，对行动不便和居住偏远的老人安排上门接送，并将摸排结果报县指挥部数据研判小组。',
    issuedAt: at('2021-08-08', '08:30'),
    deadline: at('2021-08-09', '12:00'),
    answers: {
      [JINSHI]: {
        ack: at('2021-08-08', '09:05'),
        done: at('2021-08-09', '10:40'),
        note: '已完成全乡60岁以上居民逐户摸排，台账已报送；两组攻坚队进村上门服务。',
      },
      [WUSHI]: {
        ack: at('2021-08-08', '08:52'),
        done: at('2021-08-09', '11:15'),
        note: '党员网格员下沉一线完成摸排，网格员自驾接送老人接种。',
      },
      [TANJIASHAN]: {
        ack: at('2021-08-08', '10:20'),
        done: at('2021-08-09', '11:50'),
        note: '摸排完成；卫生院配备血压计、心电图仪，接种前逐一体检问询。',
      },
      [YISUHE]: {
        ack: at('2021-08-08', '09:30'),
        done: at('2021-08-09', '14:20'),
        note: '吴家巷、花果山、富豪阁等社区分网格摸排完成，上门接送服务队已成立。',
      },
    },
  },
  {
    title: '关于8月9日17:00前报送未接种人员销号台账的调度令',
    text:
      '各乡镇：请于8月9日17:00前报送各村（社区）未接种人员销号台账，逐人说明未接种原因和下一步安排，' +
      '明确每个村的包保责任人和攻坚队，实行按日调度、倒排工期。',
    issuedAt: at('2021-08-09', '08:00'),
    deadline: at('2021-08-09', '17:00'),
    answers: {
      [JINSHI]: { ack: at('2021-08-09', '08:40') },
      [WUSHI]: {
        ack: at('2021-08-09', '08:25'),
        done: at('2021-08-09', '16:30'),
        note: '各村销号台账已报送，逐人注明原因与包保责任人。',
      },
      [TANJIASHAN]: {},
      [YISUHE]: {
        ack: at('2021-08-09', '09:05'),
        done: at('2021-08-09', '16:55'),
        note: '各社区销号台账已报送。',
      },
    },
  },
];

/** A village's schedule: morning, noon and evening, the morning time varied by village. */
function jinshiBroadcasts(village: { code: string; short: string }, site: string): BroadcastSlot[] {
  const early = Number(village.code.slice(-1)) % 2 === 0 ? '06:30' : '07:00';
  return [
    {
      time: early,
      message: `${SLOGAN.zh}${village.short}的乡亲们，${site}今天照常接种新冠疫苗，请带好身份证。`,
    },
    {
      time: '11:30',
      message: '60岁以上、行动不便的老人，请联系本组网格员，攻坚队上门接送，接种后送您回家。',
    },
    {
      time: '18:00',
      message: `今天${village.short}又有一批乡亲完成了接种。还没接种的村民，明天请到${site}，接种现场有遮阳棚、冷风机和凉茶。`,
    },
  ];
}

export async function seedDispatch(store: Store, campaignId: number): Promise<void> {
  const sites = await townshipSites(store.db, JINSHI);
  const site = sites[0]?.name ?? '锦石乡卫生院';
  const villages = await store.db
    .selectFrom('places')
    .select(['code', 'short_name'])
    .where('parent_code', '=', JINSHI)
    .where('level', '=', 'village')
    .orderBy('code')
    .execute();
  const setAt = at('2021-08-07', '20:00');

  await store.transaction(async (trx) => {
    for (const o of ORDERS) {
      const targets = Object.keys(o.answers);
      const id = await insertOrder(
        trx,
        {
          county_code: DEMO_COUNTY,
          issuer_code: DEMO_COUNTY,
          title: o.title,
          body: o.text,
          issued_at: o.issuedAt,
          deadline: o.deadline,
          campaign_id: campaignId,
          issued_by: COMMAND,
        },
        targets,
      );
      for (const [place, a] of Object.entries(o.answers)) {
        if (!a.ack && !a.done) continue;
        await trx
          .updateTable('dispatch_order_targets')
          .set({
            acknowledged_at: a.ack ?? a.done ?? null,
            acknowledged_by: LEAD[place] ?? null,
            completed_at: a.done ?? null,
            completed_by: a.done ? (LEAD[place] ?? null) : null,
            completion_note: a.note ?? null,
          })
          .where('order_id', '=', id)
          .where('place_code', '=', place)
          .execute();
      }
    }
    for (const v of villages) {
      await replaceLoudspeakerSlots(
        trx,
        v.code,
        jinshiBroadcasts({ code: v.code, short: v.short_name }, site),
        setAt,
        '锦石乡负责人（演示）',
      );
    }
    // 双庙村: the party secretary's own recording, in dialect, from morning to night.
    await replaceLoudspeakerSlots(
      trx,
      SHUANGMIAO,
      ['07:00', '10:00', '12:30', '16:00', '19:00'].map((time) => ({
        time,
        message: `村党组织书记方言录音：${SLOGAN.zh}`,
      })),
      setAt,
      '乌石镇负责人（演示）',
    );
  });
}
