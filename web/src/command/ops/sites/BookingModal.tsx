import { Alert, App, Checkbox, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../../api/client.js';
import { useFormat } from '../../../i18n/format.js';
import { useBilingual } from '../../bilingual.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { forget, useApi } from '../../useApi.js';
import {
  opsPaths,
  type BookingEntry,
  type BookingResult,
  type SiteDay,
  type SiteSchedule,
} from '../opsApi.js';
import { useSubmit } from '../useSubmit.js';
import { bookingEntries } from './weekGrid.js';

export interface BookingTarget {
  village: string;
  day: string;
}

/**
 * 排班: a village's planned number at one of the township's sites on a day (or every day of the
 * week shown from that day on). The server keeps each site's day within its capacity; a plan
 * that would go over comes back refused, naming what is left, and is shown as it came.
 */
export function BookingModal({
  target,
  schedule,
  today,
  campaignId,
  onClose,
}: {
  target: BookingTarget | null;
  schedule: SiteSchedule;
  today: string | undefined;
  campaignId: number | undefined;
  onClose: (booked: boolean) => void;
}) {
  return target ? (
    <BookingForm
      target={target}
      schedule={schedule}
      today={today}
      campaignId={campaignId}
      onClose={onClose}
    />
  ) : null;
}

function BookingForm({
  target,
  schedule,
  today,
  campaignId,
  onClose,
}: {
  target: BookingTarget;
  schedule: SiteSchedule;
  today: string | undefined;
  campaignId: number | undefined;
  onClose: (booked: boolean) => void;
}) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const { message } = App.useApp();
  const active = schedule.sites.filter((s) => s.active);
  const [siteId, setSiteId] = useState<number | undefined>(active[0]?.id);
  const [village, setVillage] = useState(target.village);
  const [day, setDay] = useState(target.day);
  const [planned, setPlanned] = useState<number | null>(null);
  const [wholeWeek, setWholeWeek] = useState(false);
  const send = useSubmit((id: number, bookings: BookingEntry[]) =>
    post<BookingResult>(opsPaths.bookings(id), { bookings }),
  );
  const siteDay = useApi<SiteDay>(siteId === undefined ? null : opsPaths.siteDay(siteId, day, campaignId));
  const current = siteDay.data?.villages.find((v) => v.village === village)?.planned ?? 0;
  const days = schedule.days.map((d) => d.day).filter((d) => today === undefined || d >= today);
  const villages = schedule.days[0]?.villages ?? [];
  const refusal = send.error instanceof ApiError && send.error.code === 'booking.over-capacity';

  const submit = async () => {
    if (siteId === undefined || planned === null) return;
    const entries = bookingEntries(village, day, planned, days, wholeWeek);
    const result = await send.run(siteId, entries);
    if (!result) return;
    message.success(t('booking.done', { site: result.siteName, n: result.changes.length }));
    forget(opsPaths.schedulePrefix());
    forget(opsPaths.siteDaysPrefix(siteId));
    onClose(true);
  };

  return (
    <Modal
      open
      title={t('booking.title')}
      okText={t('booking.submit')}
      cancelText={t('cancel')}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      confirmLoading={send.busy}
      okButtonProps={{ disabled: siteId === undefined || planned === null }}
    >
      <form
        className="gv-ops-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="gv-field">
          <label htmlFor="booking-site">{t('booking.site')}</label>
          <Select
            id="booking-site"
            value={siteId}
            onChange={(v: number) => {
              setSiteId(v);
              send.clear();
            }}
            options={active.map((s) => {
              const d = schedule.days.find((x) => x.day === day)?.sites.find((x) => x.siteId === s.id);
              return {
                value: s.id,
                label: d ? t('booking.siteLeft', { site: s.name, n: f.number(d.left) }) : s.name,
              };
            })}
          />
        </div>
        <div className="gv-field">
          <label htmlFor="booking-village">{t('booking.village')}</label>
          <Select
            id="booking-village"
            value={village}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string) => {
              setVillage(v);
              send.clear();
            }}
            options={villages.map((v) => ({ value: v.village, label: v.name }))}
          />
        </div>
        <div className="gv-field">
          <label htmlFor="booking-day">{t('booking.day')}</label>
          <Select
            id="booking-day"
            value={day}
            onChange={(v: string) => {
              setDay(v);
              send.clear();
            }}
            options={days.map((d) => ({ value: d, label: f.date(d) }))}
          />
        </div>
        <div className="gv-field">
          <label htmlFor="booking-planned">{t('booking.planned')}</label>
          <InputNumber
            id="booking-planned"
            min={0}
            precision={0}
            value={planned}
            onChange={(v) => {
              setPlanned(v === null ? null : Number(v));
              send.clear();
            }}
            aria-describedby="booking-current"
            style={{ width: 160 }}
            data-testid="booking-planned"
          />
          <span className="gv-note" id="booking-current">
            {siteDay.data
              ? t('booking.current', {
                  n: f.number(current),
                  left: f.number(siteDay.data.left),
                  capacity: f.number(siteDay.data.capacity),
                })
              : '\u00a0'}
          </span>
        </div>
        <Checkbox checked={wholeWeek} onChange={(e) => setWholeWeek(e.target.checked)}>
          {t('booking.wholeWeek')}
        </Checkbox>
        {refusal && send.error instanceof ApiError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="gv-section-title"
            title={t('booking.refused')}
            description={<span data-testid="booking-refusal">{pick(send.error.text)}</span>}
          />
        ) : (
          <ErrorAlert error={send.error} />
        )}
      </form>
    </Modal>
  );
}
