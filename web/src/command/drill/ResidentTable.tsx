import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ResidentListItem } from '../commandApi.js';
import { StatusTag, useReasonLabel } from './StatusTag.js';

/** Named residents (ID and phone numbers masked), each opening the resident's page. */
export function ResidentTable({
  items,
  loading,
}: {
  items: ResidentListItem[] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('command');
  const navigate = useNavigate();
  const reasonLabel = useReasonLabel();
  const to = (r: ResidentListItem) => `/command/residents/${r.place}/${r.residentId}`;
  const columns: TableColumnsType<ResidentListItem> = [
    { title: t('name'), dataIndex: 'name', render: (name: string, r) => <Link to={to(r)}>{name}</Link> },
    { title: t('sex'), dataIndex: 'sex', render: (s: string) => t(`sex.${s}`) },
    { title: t('age'), dataIndex: 'age', align: 'right' },
    {
      title: t('idNumber'),
      dataIndex: 'idNumber',
      render: (s: string) => <span className="gv-mono">{s}</span>,
    },
    {
      title: t('phone'),
      dataIndex: 'phone',
      render: (s: string | null) => <span className="gv-mono">{s ?? '—'}</span>,
    },
    { title: t('status'), dataIndex: 'status', render: (s: string | undefined) => <StatusTag status={s} /> },
    { title: t('reason'), dataIndex: 'reason', render: (r: string | null | undefined) => reasonLabel(r) },
  ];
  return (
    <div data-testid="resident-table">
      <Table<ResidentListItem>
        rowKey="residentId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items ?? []}
        pagination={(items?.length ?? 0) > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('a')) return;
            navigate(to(r));
          },
          className: 'gv-clickable',
        })}
      />
    </div>
  );
}
