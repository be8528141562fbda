import { Alert, App, Button, Card, Descriptions, Input, Segmented, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_TEXT_MAX } from '../../../../../src/domain/villageNotice.js';
import { api, put } from '../../../api/client.js';
import { useFormat } from '../../../i18n/format.js';
import { useSession } from '../../../shell/session.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { copyText } from '../../reports/copyText.js';
import { forget, type Loaded } from '../../useApi.js';
import { opsPaths, type VillageNotice } from '../opsApi.js';
import { useSubmit } from '../useSubmit.js';

type Version = 'zh' | 'en';

/**
 * The day's notice for the village's WeChat groups: the text to copy (Chinese is what the groups
 * read; the English rendering is there for the reader of this page), the facts it was written
 * from, and — for those who may — an edit for the day, or going back to the generated text.
 */
export function NoticeTextCard({
  notice,
  village,
  date,
}: {
  notice: Loaded<VillageNotice>;
  village: string;
  date: string;
}) {
  const { t, i18n } = useTranslation('ops');
  const f = useFormat();
  const { message } = App.useApp();
  const { can } = useSession();
  const [version, setVersion] = useState<Version>(i18n.language === 'en' ? 'en' : 'zh');
  const [editing, setEditing] = useState<{ zh: string; en: string } | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const save = useSubmit((zh: string, en: string) =>
    put(opsPaths.noticeText(village), { date, zh, en: en.trim() ? en : null }),
  );
  const clear = useSubmit(() => api('DELETE', opsPaths.noticeText(village, date)));
  const n = notice.data;
  const text = n ? n.text[version] : '';
  const mayEdit = can('notices.write');

  const changed = () => {
    forget(opsPaths.noticesOf(village));
    notice.reload();
  };
  const copy = async () => {
    const ok = await copyText(text);
    setCopied(ok);
    if (ok) message.success(t('notices.copied'));
  };
  const submit = async () => {
    if (!editing || !editing.zh.trim()) return;
    if ((await save.run(editing.zh, editing.en)) === undefined) return;
    message.success(t('notices.saved'));
    setEditing(null);
    changed();
  };
  const restore = async () => {
    if ((await clear.run()) === undefined) return;
    message.success(t('notices.restored'));
    changed();
  };

  return (
    <Card
      size="small"
      title={<h3 className="gv-card-title">{t('notices.text')}</h3>}
      extra={
        n &&
        !editing && (
          <Space wrap>
            <Button type="primary" onClick={() => void copy()} data-testid="copy-notice">
              {t('notices.copy')}
            </Button>
            {mayEdit && (
              <Button
                onClick={() => setEditing({ zh: n.text.zh, en: n.edit ? (n.edit.en ?? '') : n.text.en })}
                data-testid="edit-notice"
              >
                {t('notices.edit')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <ErrorAlert error={notice.error} onRetry={notice.reload} />
      {!n && notice.loading && <Skeleton active />}
      {n && !editing && (
        <>
          <Space wrap className="gv-gap-bottom">
            <Segmented<Version>
              aria-label={t('notices.version')}
              value={version}
              onChange={setVersion}
              options={[
                { value: 'zh', label: t('notices.zh') },
                { value: 'en', label: t('notices.en') },
              ]}
            />
            {n.edited && n.edit ? (
              <span className="gv-ops-edited" data-testid="notice-edited">
                {t('notices.editedBy', { by: n.edit.editedBy, at: f.instant(n.edit.editedAt) })}
              </span>
            ) : (
              <span className="gv-note">{t('notices.generated')}</span>
            )}
            {n.edited && mayEdit && (
              <Button size="small" loading={clear.busy} onClick={() => void restore()}>
                {t('notices.restore')}
              </Button>
            )}
          </Space>
          <pre className="gv-ops-notice" lang={version === 'zh' ? 'zh-CN' : 'en'} data-testid="notice-text">
            {text}
          </pre>
          {copied === false && <Alert type="warning" showIcon title={t('notices.copyFailed')} />}
          <ErrorAlert error={clear.error} />
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            className="gv-section-title"
            items={[
              { key: 'done', label: t('notices.done'), children: f.number(n.facts.done) },
              { key: 'open', label: t('notices.open'), children: f.number(n.facts.open) },
              { key: 'unscreened', label: t('notices.unscreened'), children: f.number(n.facts.unscreened) },
              { key: 'eligible', label: t('notices.eligible'), children: f.number(n.facts.eligible) },
              { key: 'deadline', label: t('notices.deadline'), children: f.date(n.facts.deadline) },
              {
                key: 'sites',
                span: 'filled',
                label: t('notices.sites'),
                children:
                  n.facts.sites.length === 0
                    ? t('notices.noSites')
                    : n.facts.sites.map((s) => `${s.name} ${s.opens}–${s.closes}`).join('；'),
              },
            ]}
          />
        </>
      )}
      {n && editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="gv-field">
            <label htmlFor="notice-zh">{t('notices.editZh')}</label>
            <Input.TextArea
              id="notice-zh"
              lang="zh-CN"
              value={editing.zh}
              maxLength={NOTICE_TEXT_MAX}
              autoSize={{ minRows: 6, maxRows: 16 }}
              onChange={(e) => setEditing({ ...editing, zh: e.target.value })}
              status={editing.zh.trim() ? undefined : 'error'}
            />
          </div>
          <div className="gv-field">
            <label htmlFor="notice-en">{t('notices.editEn')}</label>
            <Input.TextArea
              id="notice-en"
              lang="en"
              value={editing.en}
              maxLength={NOTICE_TEXT_MAX}
              autoSize={{ minRows: 4, maxRows: 12 }}
              onChange={(e) => setEditing({ ...editing, en: e.target.value })}
            />
          </div>
          <p className="gv-note">{t('notices.editHint', { date: f.date(date) })}</p>
          <ErrorAlert error={save.error} />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.busy} disabled={!editing.zh.trim()}>
              {t('save')}
            </Button>
            <Button
              onClick={() => {
                save.clear();
                setEditing(null);
              }}
            >
              {t('cancel')}
            </Button>
          </Space>
        </form>
      )}
    </Card>
  );
}
