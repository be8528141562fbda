import {
  Alert,
  App,
  Button,
  InputNumber,
  Modal,
  Radio,
  Input,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { LOOKBACK_SAMPLE_SIZE } from '../../../../src/domain/lookback.js';
import { ApiError, post } from '../../api/client.js';
import { useFormat } from '../../i18n/format.js';
import { useSession } from '../../shell/session.js';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import { paths, type Lookback, type UnitProgress } from '../commandApi.js';
import { PlaceBreadcrumb } from '../drill/PlaceBreadcrumb.js';
import { learnNames } from '../drill/placeNames.js';
import { StatusTag } from '../drill/StatusTag.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { forget, useApi } from '../useApi.js';
import { IdNumberField } from './IdNumberField.js';
import type { TypedId } from './typedIdNumber.js';

type SampleItem = Lookback['items'][number];

/**
 * The API keeps look-backs by id and lists none per unit, so the ids drawn on this device are
 * remembered here, per campaign and unit, to reopen them.
 */
const KEPT = 'gridvax.lookbacks';
function keptLookbacks(campaign: number | undefined, unit: string): number[] {
  try {
    const all = JSON.parse(localStorage.getItem(KEPT) ?? '{}') as Record<string, number[]>;
    return all[`${campaign}/${unit}`] ?? [];
  } catch {
    return [];
  }
}
function keepLookback(campaign: number, unit: string, id: number): void {
  let all: Record<string, number[]>;
  try {
    all = JSON.parse(localStorage.getItem(KEPT) ?? '{}') as Record<string, number[]>;
  } catch {
    all = {};
  }
  const key = `${campaign}/${unit}`;
  all[key] = [id, ...(all[key] ?? []).filter((x) => x !== id)].slice(0, 20);
  localStorage.setItem(KEPT, JSON.stringify(all));
}

/** The highest double-cleared units under `u` (a cleared village, not also each of its grids). */
function clearedUnder(u: UnitProgress | undefined): UnitProgress[] {
  const out: UnitProgress[] = [];
  for (const c of u?.children ?? []) {
    if (c.doubleCleared) out.push(c);
    else for (const g of c.children ?? []) if (g.doubleCleared) out.push(g);
  }
  return out;
}

/**
 * 回头看 of a unit: on a double-cleared unit, draw a random sample of its residents, record what
 * the re-visit found for each, and see the verdict; one resident not as recorded reopens it.
 */
export function LookbackPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const pick = useBilingual();
  const { message } = App.useApp();
  const { code = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { campaignId } = useCommand();
  const { can } = useSession();
  const unit = useApi<UnitProgress>(campaignId === undefined ? null : paths.progress(campaignId, code, 2));
  if (unit.data) learnNames([unit.data]);
  const lookbackId = Number(search.get('id')) || undefined;
  const lookback = useApi<Lookback>(lookbackId ? paths.lookback(lookbackId) : null);
  const [size, setSize] = useState<number>(LOOKBACK_SAMPLE_SIZE);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [checking, setChecking] = useState<SampleItem | null>(null);
  const kept = keptLookbacks(campaignId, code);
  const mayWrite = can('lookback.write');

  const draw = async () => {
    if (campaignId === undefined) return;
    setBusy(true);
    setRefusal(null);
    try {
      const created = await post<Lookback>(paths.lookbacks(campaignId), { place: code, size });
      keepLookback(campaignId, code, created.id);
      setSearch({ id: String(created.id) });
    } catch (e) {
      setRefusal(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<SampleItem> = [
    { title: t('lookback.position'), dataIndex: 'position', width: 64 },
    {
      title: t('name'),
      dataIndex: 'name',
      render: (n: string, i) => <Link to={`/command/residents/${i.gridCode}/${i.residentId}`}>{n}</Link>,
    },
    {
      title: t('idNumber'),
      dataIndex: 'idNumber',
      render: (s: string) => <span className="gv-mono">{s}</span>,
    },
    { title: t('ledger.grid'), dataIndex: 'gridCode', render: (g: string) => g.slice(-3) },
    {
      title: t('lookback.statusAtDraw'),
      dataIndex: 'statusAtDraw',
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      title: t('lookback.checked'),
      key: 'checked',
      render: (_: unknown, i) =>
        i.matches === null ? (
          mayWrite ? (
            <Button size="small" onClick={() => setChecking(i)}>
              {t('lookback.record')}
            </Button>
          ) : (
            t('lookback.pending')
          )
        ) : (
          <span className={i.matches ? 'gv-ok' : 'gv-bad'}>
            {i.matches ? t('lookback.matches') : t('lookback.mismatch')}
            {i.note ? ` · ${i.note}` : ''}
          </span>
        ),
    },
  ];

  const lb = lookback.data;
  const cleared = clearedUnder(unit.data);

  return (
    <div className="gv-lookback">
      <PlaceBreadcrumb code={code} tail={[{ title: t('menu.lookback') }]} />
      <Typography.Title level={2}>{t('lookback.title', { unit: unit.data?.name ?? code })}</Typography.Title>
      <ErrorAlert error={unit.error} onRetry={unit.reload} />
      {unit.data && !unit.data.doubleCleared && (
        <Alert
          type="info"
          showIcon
          title={t('lookback.notCleared')}
          description={
            cleared.length ? (
              <ul className="gv-plain-list">
                {cleared.map((c) => (
                  <li key={c.code}>
                    <Link to={`/command/lookbacks/${c.code}`}>{c.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              t('lookback.noneCleared')
            )
          }
        />
      )}
      {unit.data?.doubleCleared && mayWrite && (
        <Space wrap className="gv-section-title">
          <label htmlFor="lookback-size">{t('lookback.size')}</label>
          <InputNumber
            id="lookback-size"
            min={1}
            max={1000}
            value={size}
            onChange={(v) => setSize(v ?? LOOKBACK_SAMPLE_SIZE)}
          />
          <Button type="primary" onClick={() => void draw()} loading={busy}>
            {t('lookback.draw')}
          </Button>
        </Space>
      )}
      <ErrorAlert error={refusal} />
      {kept.length > 0 && (
        <p>
          {t('lookback.previous')}
          {kept.map((id) => (
            <Link key={id} to={`?id=${id}`} className="gv-gap">
              #{id}
            </Link>
          ))}
        </p>
      )}
      <ErrorAlert error={lookback.error} onRetry={lookback.reload} />
      {lb && (
        <section data-testid="lookback-sample">
          <Typography.Title level={3} className="gv-section-title">
            {t('lookback.sample', {
              id: lb.id,
              seed: lb.seed,
              by: lb.createdBy,
              at: f.instant(lb.createdAt),
            })}
          </Typography.Title>
          <Alert
            type={lb.verdict.reopen ? 'error' : lb.verdict.checked === lb.size ? 'success' : 'info'}
            showIcon
            title={t('lookback.verdictText', {
              checked: lb.verdict.checked,
              size: lb.size,
              discrepancies: lb.verdict.discrepancies,
            })}
            description={
              lb.verdict.reopen
                ? t('lookback.reopen')
                : lb.verdict.checked > 0
                  ? t('lookback.pass')
                  : undefined
            }
          />
          <Table<SampleItem>
            rowKey="residentId"
            size="small"
            columns={columns}
            dataSource={lb.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </section>
      )}
      <CheckModal
        lookbackId={lb?.id}
        item={checking}
        pick={pick}
        onDone={(updated) => {
          setChecking(null);
          if (updated) {
            forget(paths.lookback(updated.id));
            forget(`/api/v1/campaigns/${campaignId}/progress/`);
            lookback.reload();
            unit.reload();
            message.success(t('lookback.recorded'));
          }
        }}
      />
    </div>
  );
}

function CheckModal({
  lookbackId,
  item,
  pick,
  onDone,
}: {
  lookbackId: number | undefined;
  item: SampleItem | null;
  pick: ReturnType<typeof useBilingual>;
  onDone(updated: Lookback | null): void;
}) {
  const { t } = useTranslation('command');
  const [idText, setIdText] = useState('');
  const [verdict, setVerdict] = useState<TypedId | undefined>();
  const [matches, setMatches] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const close = (updated: Lookback | null) => {
    setIdText('');
    setVerdict(undefined);
    setMatches(null);
    setNote('');
    setRefusal(null);
    onDone(updated);
  };

  const submit = async () => {
    if (!lookbackId || !verdict?.ok || matches === null) return;
    setBusy(true);
    try {
      const updated = await post<Lookback>(paths.lookbackChecks(lookbackId), {
        idNumber: verdict.idNumber,
        matches,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      close(updated);
    } catch (e) {
      if (e instanceof ApiError) setRefusal(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={item ? t('lookback.recordTitle', { name: item.name }) : ''}
      onCancel={() => close(null)}
      onOk={() => void submit()}
      okText={t('lookback.record')}
      cancelText={t('cancel')}
      okButtonProps={{ disabled: !verdict?.ok || matches === null, loading: busy }}
      destroyOnHidden
    >
      {item && (
        <IdNumberField
          id="lookback-id-number"
          value={idText}
          masked={item.idNumber}
          onChange={(v, verdictNow) => {
            setIdText(v);
            setVerdict(verdictNow);
          }}
        />
      )}
      <fieldset className="gv-field">
        <legend>{t('lookback.checked')}</legend>
        <Radio.Group value={matches} onChange={(e) => setMatches(e.target.value as boolean)}>
          <Radio value={true}>{t('lookback.matches')}</Radio>
          <Radio value={false}>{t('lookback.mismatch')}</Radio>
        </Radio.Group>
      </fieldset>
      <div className="gv-field">
        <label htmlFor="lookback-note">{t('lookback.note')}</label>
        <Input.TextArea
          id="lookback-note"
          value={note}
          maxLength={500}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {refusal && <Alert type="error" showIcon role="alert" title={pick(refusal.text)} />}
    </Modal>
  );
}
