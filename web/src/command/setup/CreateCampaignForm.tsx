import { Alert, App, Button, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api/client.js';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import { paths, type Campaign } from '../commandApi.js';
import { forget } from '../useApi.js';

interface Values {
  name: string;
  target: Campaign['target'];
  minAge: number;
  maxAge?: number | null;
  asOf: string;
  start?: string;
  deadline: string;
}

const TARGETS: Campaign['target'][] = ['first-dose', 'full-series', 'booster'];

/**
 * 新建接种任务 at the user's county: what counts as done, who is eligible (ages on a day), the
 * deadline. The server derives every resident's status at once (seconds on a large county).
 */
export function CreateCampaignForm({ place }: { place: string | undefined }) {
  const { t } = useTranslation('command');
  const pick = useBilingual();
  const { message } = App.useApp();
  const { today, chooseCampaign, reloadCampaigns } = useCommand();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [form] = Form.useForm<Values>();

  // The server's day arrives after the form is drawn: fill the dates then, unless typed already.
  useEffect(() => {
    if (today && !form.getFieldValue('asOf')) form.setFieldsValue({ asOf: today, start: today });
  }, [today, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setRefusal(null);
    try {
      const created = await post<Campaign>(paths.campaigns(), {
        name: v.name.trim(),
        ...(place ? { place } : {}),
        target: v.target,
        minAge: v.minAge,
        maxAge: v.maxAge ?? null,
        asOf: v.asOf,
        ...(v.start ? { start: v.start } : {}),
        deadline: v.deadline,
      });
      forget(paths.campaigns());
      reloadCampaigns();
      chooseCampaign(created.id);
      message.success(t('setup.created', { name: created.name }));
      form.resetFields();
    } catch (e) {
      if (e instanceof ApiError) setRefusal(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{ target: 'first-dose', minAge: 18, asOf: today, start: today }}
      className="gv-setup-form"
    >
      <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="target" label={t('setup.target')} rules={[{ required: true }]}>
        <Select options={TARGETS.map((x) => ({ value: x, label: t(`target.${x}`) }))} />
      </Form.Item>
      <Form.Item name="minAge" label={t('setup.minAge')} rules={[{ required: true }]}>
        <InputNumber min={0} max={120} />
      </Form.Item>
      <Form.Item name="maxAge" label={t('setup.maxAge')}>
        <InputNumber min={0} max={150} />
      </Form.Item>
      <Form.Item name="asOf" label={t('setup.asOf')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="start" label={t('setup.start')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="deadline" label={t('setup.deadline')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      {refusal && (
        <Alert type="error" showIcon role="alert" title={pick(refusal.text)} className="gv-gap-bottom" />
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('setup.submit')}
      </Button>
    </Form>
  );
}
