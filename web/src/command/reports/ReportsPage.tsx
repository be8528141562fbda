import { Alert, App, Button, Card, Col, Input, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useFormat } from '../../i18n/format.js';
import { useCommand } from '../CommandContext.js';
import { paths, type DailyReport, type UnitProgress } from '../commandApi.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { useApi } from '../useApi.js';
import { copyText } from './copyText.js';

/** The WeChat text is plain text, not JSON: read it as it is. */
function useReportText(path: string | null) {
  const [state, setState] = useState<{ path: string; text?: string; error?: unknown } | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    fetch(path, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as {
            error?: { code?: string; message?: string; messageEn?: string };
          };
          const e = body.error;
          throw new ApiError(res.status, e?.code ?? `http.${res.status}`, undefined, {
            zh: e?.message ?? `请求失败（${res.status}）`,
            en: e?.messageEn ?? `request failed (${res.status})`,
          });
        }
        return res.text();
      })
      .then(
        (text) => live && setState({ path, text }),
        (error: unknown) => live && setState({ path, error }),
      );
    return () => {
      live = false;
    };
  }, [path]);
  return state?.path === path ? state : null;
}

/**
 * 调度报告: the day's dispatch report of a unit as the officials pass it on — the spreadsheet and
 * the PDF to download, the paragraphs for the WeChat groups to copy, and the battle map as drawn
 * for print.
 */
export function ReportsPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const { message } = App.useApp();
  const { campaignId, campaign, today, home } = useCommand();
  const [date, setDate] = useState<string | undefined>(undefined);
  const [place, setPlace] = useState<string | undefined>(undefined);
  const day = date ?? today;
  const unit = place ?? home;
  const units = useApi<UnitProgress>(
    campaignId !== undefined && home ? paths.progress(campaignId, home, 1) : null,
  );
  const ready = campaignId !== undefined && day !== undefined && unit !== undefined;
  const report = useApi<DailyReport>(ready ? paths.report(campaignId, day, unit) : null);
  const text = useReportText(ready ? paths.report(campaignId, day, unit, 'text') : null);
  const [copied, setCopied] = useState<boolean | null>(null);

  const unitOptions = units.data
    ? [units.data, ...(units.data.children ?? [])].map((u) => ({ value: u.code, label: u.name }))
    : [];

  const copy = async () => {
    if (!text?.text) return;
    const ok = await copyText(text.text);
    setCopied(ok);
    if (ok) message.success(t('reports.copied'));
  };

  return (
    <div className="gv-reports">
      <Typography.Title level={2}>{t('reports.title')}</Typography.Title>
      <Space wrap size="large" className="gv-gap-bottom">
        <span className="gv-field gv-field--inline">
          <label htmlFor="report-date">{t('reports.date')}</label>
          <Input
            id="report-date"
            type="date"
            value={day ?? ''}
            min={campaign?.start}
            max={today}
            onChange={(e) => e.target.value && setDate(e.target.value)}
          />
        </span>
        <span className="gv-field gv-field--inline">
          <label htmlFor="report-unit">{t('reports.unit')}</label>
          <Select
            id="report-unit"
            value={unit}
            onChange={setPlace}
            options={unitOptions}
            loading={units.loading}
            style={{ minWidth: 200 }}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </span>
      </Space>
      {ready && (
        <Space wrap className="gv-gap-bottom">
          <Button
            type="primary"
            href={paths.report(campaignId, day, unit, 'xlsx')}
            download
            data-testid="download-xlsx"
          >
            {t('reports.xlsx')}
          </Button>
          <Button
            type="primary"
            href={paths.report(campaignId, day, unit, 'pdf')}
            download
            data-testid="download-pdf"
          >
            {t('reports.pdf')}
          </Button>
          {report.data && (
            <span className="gv-note">
              {report.data.frozen ? t('reports.frozen') : t('reports.live')} · {f.date(report.data.date)}
            </span>
          )}
        </Space>
      )}
      <ErrorAlert error={report.error} onRetry={report.reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={<h3 className="gv-card-title">{t('reports.wechat')}</h3>}
            extra={
              <Button onClick={() => void copy()} disabled={!text?.text} data-testid="copy-wechat">
                {t('reports.copy')}
              </Button>
            }
          >
            {text?.error !== undefined && <ErrorAlert error={text.error} />}
            {text?.text !== undefined ? (
              <Input.TextArea
                aria-label={t('reports.wechat')}
                value={text.text}
                readOnly
                autoSize={{ minRows: 12, maxRows: 30 }}
                data-testid="wechat-text"
              />
            ) : (
              !text?.error && <Skeleton active />
            )}
            {copied === false && <Alert type="warning" showIcon title={t('reports.copyFailed')} />}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={<h3 className="gv-card-title">{t('reports.svg')}</h3>}>
            {ready && (
              <img
                className="gv-report-svg"
                src={paths.report(campaignId, day, unit, 'svg')}
                alt={t('reports.svgAlt', { unit: units.data?.name ?? unit, date: f.date(day) })}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
