import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.js';
import { useBilingual } from '../../bilingual.js';
import type { Checklist, ChecklistLine } from '../opsApi.js';

/**
 * The site's comfort and supply checklist on a day (遮阳、降温、饮用水、防暑药品、一米线、血压计、
 * 医生问诊): what is in order, what is missing (marked, with the note saying why), and what nobody
 * checked that day.
 */
export function ChecklistTable({ checklist }: { checklist: Checklist }) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const labelOf = (item: string) => {
    const line = checklist.items.find((i) => i.item === item);
    return line ? pick(line.label) : item;
  };
  return (
    <>
      {checklist.missing.length > 0 ? (
        <Alert
          type="error"
          showIcon
          className="gv-gap-bottom"
          title={t('checklist.missing', { items: checklist.missing.map(labelOf).join('、') })}
          data-testid="checklist-missing"
        />
      ) : checklist.complete ? (
        <Alert type="success" showIcon className="gv-gap-bottom" title={t('checklist.complete')} />
      ) : null}
      {checklist.unchecked.length > 0 && (
        <p className="gv-note">
          {t('checklist.unchecked', { items: checklist.unchecked.map(labelOf).join('、') })}
        </p>
      )}
      <Table<ChecklistLine>
        rowKey="item"
        size="small"
        pagination={false}
        dataSource={checklist.items}
        rowClassName={(r) => (r.ok === false ? 'gv-ops-row--overdue' : '')}
        data-testid="checklist"
        columns={[
          { title: t('checklist.item'), key: 'item', render: (_: unknown, r) => pick(r.label) },
          {
            title: t('checklist.state'),
            dataIndex: 'ok',
            render: (ok: boolean | null) =>
              ok === null ? (
                <span className="gv-note">{t('checklist.notChecked')}</span>
              ) : ok ? (
                <span className="gv-ok">✓ {t('checklist.ok')}</span>
              ) : (
                <span className="gv-bad">✗ {t('checklist.notOk')}</span>
              ),
          },
          { title: t('checklist.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          {
            title: t('checklist.checked'),
            key: 'checked',
            render: (_: unknown, r) =>
              r.checkedAt ? (
                <>
                  {f.instant(r.checkedAt)}
                  <div className="gv-note">{r.checkedBy}</div>
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
