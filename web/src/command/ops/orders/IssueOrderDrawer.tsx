import { Alert, App, Button, Drawer, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_MAX, TITLE_MAX } from '../../../../../src/domain/dispatchOrder.js';
import { post } from '../../../api/client.js';
import { useCommand } from '../../CommandContext.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { forget } from '../../useApi.js';
import { opsPaths, type DispatchOrder, type OrderDraft } from '../opsApi.js';
import { useSubmit } from '../useSubmit.js';
import { deadlineInstant, defaultDeadline, parseUnitCodes } from './orderRules.js';
import { TargetPicker } from './TargetPicker.js';

interface Draft {
  title: string;
  text: string;
  deadline: string;
  picked: string[];
  codes: string;
}

const EMPTY: Draft = { title: '', text: '', deadline: '', picked: [], codes: '' };

/**
 * 下达调度令: a title, the order's text, the deadline (Shanghai time), and the units it goes to
 * — ticked in the places tree or typed as codes. The server checks the scope and the deadline
 * and refuses the whole order in its own words; nothing is half-issued.
 */
export function IssueOrderDrawer({
  open,
  issuer,
  onClose,
}: {
  open: boolean;
  /** The user's unit, which issues the order. */
  issuer: string;
  onClose: (issued: DispatchOrder | null) => void;
}) {
  const { t } = useTranslation('ops');
  const { message } = App.useApp();
  const { campaignId, today } = useCommand();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [tried, setTried] = useState(false);
  const send = useSubmit((body: OrderDraft) => post<DispatchOrder>(opsPaths.issue(), body));

  const deadline = draft.deadline || (today ? defaultDeadline(today) : '');
  const typed = parseUnitCodes(draft.codes);
  const targets = [...new Set([...draft.picked, ...typed.codes])];
  const instant = deadlineInstant(deadline);
  const problems = {
    title: !draft.title.trim() ? t('issue.needTitle') : undefined,
    text: !draft.text.trim() ? t('issue.needText') : undefined,
    deadline: !instant ? t('issue.needDeadline') : undefined,
    targets:
      typed.invalid.length > 0
        ? t('issue.badCodes', { codes: typed.invalid.join('、') })
        : targets.length === 0
          ? t('issue.needTargets')
          : undefined,
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const close = (issued: DispatchOrder | null) => {
    setDraft(EMPTY);
    setTried(false);
    send.clear();
    onClose(issued);
  };

  const submit = async () => {
    setTried(true);
    if (Object.values(problems).some(Boolean) || !instant) return;
    const issued = await send.run({
      title: draft.title.trim(),
      text: draft.text.trim(),
      deadline: instant,
      targets,
      ...(campaignId === undefined ? {} : { campaign: campaignId }),
    });
    if (!issued) return;
    message.success(t('issue.done', { n: issued.targets.length }));
    forget(opsPaths.ordersPrefix());
    close(issued);
  };

  const problem = (key: keyof typeof problems) =>
    tried && problems[key] ? (
      <span className="gv-field__problem" id={`issue-${key}-problem`}>
        {problems[key]}
      </span>
    ) : null;
  const describedBy = (key: keyof typeof problems) =>
    tried && problems[key] ? `issue-${key}-problem` : undefined;

  return (
    <Drawer
      open={open}
      size={620}
      title={t('issue.title')}
      onClose={() => close(null)}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={send.busy} onClick={() => void submit()} data-testid="issue-submit">
            {t('issue.submit')}
          </Button>
          <Button onClick={() => close(null)}>{t('cancel')}</Button>
        </Space>
      }
    >
      <form
        className="gv-ops-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="gv-field">
          <label htmlFor="issue-title">{t('issue.orderTitle')}</label>
          <Input
            id="issue-title"
            value={draft.title}
            maxLength={TITLE_MAX}
            onChange={(e) => set({ title: e.target.value })}
            aria-describedby={describedBy('title')}
            status={tried && problems.title ? 'error' : undefined}
          />
          {problem('title')}
        </div>
        <div className="gv-field">
          <label htmlFor="issue-text">{t('issue.text')}</label>
          <Input.TextArea
            id="issue-text"
            value={draft.text}
            maxLength={TEXT_MAX}
            autoSize={{ minRows: 4, maxRows: 12 }}
            onChange={(e) => set({ text: e.target.value })}
            aria-describedby={describedBy('text')}
            status={tried && problems.text ? 'error' : undefined}
          />
          {problem('text')}
        </div>
        <div className="gv-field">
          <label htmlFor="issue-deadline">{t('issue.deadline')}</label>
          <Input
            id="issue-deadline"
            type="datetime-local"
            value={deadline}
            onChange={(e) => set({ deadline: e.target.value })}
            aria-describedby={describedBy('deadline') ?? 'issue-deadline-hint'}
            style={{ maxWidth: 260 }}
          />
          <span className="gv-note" id="issue-deadline-hint">
            {t('issue.deadlineHint')}
          </span>
          {problem('deadline')}
        </div>
        <div className="gv-field">
          <label htmlFor="issue-targets">{t('issue.targets')}</label>
          <TargetPicker
            id="issue-targets"
            root={issuer}
            value={draft.picked}
            onChange={(picked) => set({ picked })}
          />
        </div>
        <div className="gv-field">
          <label htmlFor="issue-codes">{t('issue.codes')}</label>
          <Input.TextArea
            id="issue-codes"
            value={draft.codes}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder="430321205 430321205206"
            onChange={(e) => set({ codes: e.target.value })}
            aria-describedby={describedBy('targets')}
            className="gv-mono"
          />
          {problem('targets')}
        </div>
        {targets.length > 0 && <Alert type="info" showIcon title={t('issue.count', { n: targets.length })} />}
        <div data-testid="issue-error">
          <ErrorAlert error={send.error} />
        </div>
      </form>
    </Drawer>
  );
}
