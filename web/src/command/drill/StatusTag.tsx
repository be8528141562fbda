import { Tag } from 'antd';
import { REASON_LABELS, STATUS_LABELS, type CampaignStatus } from '../../../../src/domain/campaignStatus.js';
import { useBilingual } from '../bilingual.js';

/** Dark text on a light fill, so every status reads at AA contrast. */
const COLOURS: Record<CampaignStatus, string> = {
  done: '#d9f7be',
  exempt: '#f0f0f0',
  ineligible: '#f0f0f0',
  deferred: '#fff1b8',
  open: '#ffccc7',
  unscreened: '#ffd8bf',
};

export function StatusTag({ status }: { status: string | undefined }) {
  const pick = useBilingual();
  if (!status || !(status in STATUS_LABELS)) return <>{status ?? '—'}</>;
  const s = status as CampaignStatus;
  return (
    <Tag style={{ background: COLOURS[s], color: '#1f1f1f', borderColor: '#bfbfbf' }} data-status={s}>
      {pick(STATUS_LABELS[s])}
    </Tag>
  );
}

/** A status reason (booked, refused …) in the reader's language, or the code when unknown. */
export function useReasonLabel(): (reason: string | null | undefined) => string {
  const pick = useBilingual();
  return (reason) =>
    reason
      ? reason in REASON_LABELS
        ? pick(REASON_LABELS[reason as keyof typeof REASON_LABELS])
        : reason
      : '—';
}
