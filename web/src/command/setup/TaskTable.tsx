import {
  Alert,
  App,
  Button,
  Checkbox,
  InputNumber,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, post, put } from '../../api/client.js';
import { useFormat } from '../../i18n/format.js';
import { useSession } from '../../shell/session.js';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import { NOT_A_TREE, paths, type TaskFinding, type UnitProgress } from '../commandApi.js';
import { learnNames, knownName } from '../drill/placeNames.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { forget, useApi } from '../useApi.js';

/**
 * 任务分解 of a unit: its task and its units' (handed down county → township → village), each
 * editable, the derivation from the eligible register, and the check that says where the
 * units' tasks do not add up or a unit has none.
 */
export function TaskTable({ unitCode }: { unitCode: string }) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const pick = useBilingual();
  const { message } = App.useApp();
  const { campaignId } = useCommand();
  const { can } = useSession();
  const mayWrite = can('tasks.write');
  const progress = useApi<UnitProgress>(
    campaignId === undefined ? null : paths.progress(campaignId, unitCode, 1),
  );
  const check = useApi<{ findings: TaskFinding[] }>(
    campaignId === undefined ? null : paths.taskCheck(campaignId, unitCode),
  );
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const unit = progress.data;
  if (unit) learnNames([unit]);

  const refresh = () => {
    if (campaignId !== undefined) forget(`/api/v1/campaigns/${campaignId}/`);
    progress.reload();
    check.reload();
  };

  const save = async (u: UnitProgress) => {
    const count = edits[u.code];
    if (campaignId === undefined || count === undefined || count === null) return;
    setBusy(u.code);
    setRefusal(null);
    try {
      await put(paths.task(campaignId, u.code), { count });
      message.success(t('setup.saved', { name: u.shortName, count: f.number(count) }));
      setEdits(({ [u.code]: _, ...rest }) => rest);
      refresh();
    } catch (e) {
      if (e instanceof ApiError) setRefusal(e);
    } finally {
      setBusy(null);
    }
  };

  const derive = async () => {
    if (campaignId === undefined) return;
    setBusy('derive');
    setRefusal(null);
    try {
      const r = await post<{ set: number; kept: number }>(paths.taskDerive(campaignId), {
        place: unitCode,
        replace,
      });
      message.success(t('setup.derived', { set: r.set, kept: r.kept }));
      refresh();
    } catch (e) {
      if (e instanceof ApiError) setRefusal(e);
    } finally {
      setBusy(null);
    }
  };

  const rows = unit ? [unit, ...(unit.children ?? [])] : [];
  const childrenSum = (unit?.children ?? []).reduce((s, c) => s + (c.task ?? 0), 0);
  const columns: TableColumnsType<UnitProgress> = [
    {
      title: t('unit'),
      dataIndex: 'shortName',
      render: (n: string, u) =>
        u.code === unitCode ? (
          <strong>{n}</strong>
        ) : u.childUnits === 0 || u.level === 'grid' ? (
          n
        ) : (
          <Link to={`/command/campaigns?unit=${u.code}`}>{n}</Link>
        ),
    },
    { title: t('eligible'), dataIndex: 'eligible', align: 'right', render: (n: number) => f.number(n) },
    {
      title: t('task'),
      key: 'task',
      align: mayWrite ? 'left' : 'right',
      render: (_: unknown, u) =>
        mayWrite && u.level !== 'grid' ? (
          <Space>
            <InputNumber
              aria-label={`${t('task')} ${u.shortName}`}
              min={0}
              value={edits[u.code] !== undefined ? edits[u.code] : u.task}
              onChange={(v) => setEdits((e) => ({ ...e, [u.code]: v }))}
            />
            <Button
              size="small"
              disabled={edits[u.code] === undefined}
              loading={busy === u.code}
              onClick={() => void save(u)}
            >
              {t('setup.save')}
            </Button>
          </Space>
        ) : (
          f.number(u.task)
        ),
    },
    { title: t('done'), dataIndex: 'done', align: 'right', render: (n: number) => f.number(n) },
    {
      title: t('completion'),
      dataIndex: 'completion',
      align: 'right',
      render: (c: number | null) => f.percent(c),
    },
  ];

  return (
    <section>
      <Typography.Title level={3} className="gv-section-title">
        {t('setup.tasks', { unit: unit?.name ?? knownName(unitCode) ?? unitCode })}
      </Typography.Title>
      <ErrorAlert error={progress.error} onRetry={progress.reload} />
      {mayWrite && (
        <Space wrap className="gv-gap-bottom">
          <Button onClick={() => void derive()} loading={busy === 'derive'}>
            {t('setup.derive')}
          </Button>
          <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>
            {t('setup.deriveReplace')}
          </Checkbox>
        </Space>
      )}
      {refusal && (
        <Alert type="error" showIcon role="alert" title={pick(refusal.text)} className="gv-gap-bottom" />
      )}
      <Table<UnitProgress>
        expandable={NOT_A_TREE}
        rowKey="code"
        size="small"
        loading={progress.loading && !unit}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() =>
          unit?.children?.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('setup.childrenSum')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {f.number(unit.children.reduce((s, c) => s + c.eligible, 0))}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2}>
                <span className={unit.task !== null && childrenSum !== unit.task ? 'gv-bad' : undefined}>
                  {f.number(childrenSum)}
                </span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} colSpan={2} />
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Title level={3} className="gv-section-title">
        {t('setup.check')}
      </Typography.Title>
      <ErrorAlert error={check.error} onRetry={check.reload} />
      {check.data && check.data.findings.length === 0 && (
        <Alert type="success" showIcon title={t('setup.checkOk')} />
      )}
      {check.data && check.data.findings.length > 0 && (
        <ul className="gv-findings" data-testid="task-findings">
          {check.data.findings.map((x, i) => (
            <li key={`${x.code}-${x.unit}-${i}`}>
              <Alert
                type={x.code === 'task-far-from-eligible' ? 'warning' : 'error'}
                showIcon
                title={`${t(`finding.${x.code}`)} · ${knownName(x.unit) ?? x.unit}`}
                description={pick(x.message)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
