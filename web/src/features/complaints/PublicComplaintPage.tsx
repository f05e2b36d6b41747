import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Switch, Typography } from 'antd';
import { Link } from 'react-router';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { fileComplaint, type ComplaintInput } from './api';
import { RegionPicker } from '../regions/RegionPicker';

type FormValues = { subject: string; content: string; regionCode: string; isAnonymous: boolean; name?: string; phone?: string; contact?: string };

/** Strips blank optional fields and, for an anonymous complaint, every identifying one. */
export function toComplaintInput(values: FormValues): ComplaintInput {
  const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const input: ComplaintInput = { subject: values.subject.trim(), content: values.content.trim(), regionCode: values.regionCode, isAnonymous: values.isAnonymous };
  if (!values.isAnonymous) {
    const name = trimmed(values.name);
    const phone = trimmed(values.phone);
    const contact = trimmed(values.contact);
    if (name) input.name = name;
    if (phone) input.phone = phone;
    if (contact) input.contact = contact;
  }
  return input;
}

/** 督4: the public complaint form, no account needed; the answer is a tracking code shown once. */
export function PublicComplaintPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const isAnonymous = Form.useWatch('isAnonymous', form) ?? false;
  const file = useMutation({ mutationFn: (values: FormValues) => fileComplaint(toComplaintInput(values)) });

  if (file.data) {
    return (
      <Card>
        <Result
          status="success"
          title={t('public.new.success')}
          subTitle={
            <>
              {t('public.new.codeHint')}{' '}
              <Typography.Text strong copyable code aria-label={t('complaint.trackingCode')} data-testid="tracking-code">
                {file.data.trackingCode}
              </Typography.Text>
            </>
          }
          extra={
            <Link to={`/public/complaints/track?code=${file.data.trackingCode}`}>
              <Button type="primary">{t('public.new.trackNow')}</Button>
            </Link>
          }
        />
      </Card>
    );
  }

  const required = (message: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(message) }];
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('public.new.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('public.new.intro')}</Typography.Paragraph>
      <Form<FormValues> form={form} name="public-complaint" layout="vertical" initialValues={{ isAnonymous: false }} onFinish={(values) => file.mutate(values)}>
        <Form.Item label={t('complaint.subject')} name="subject" rules={required('complaint.subjectRequired')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('complaint.content')} name="content" rules={required('complaint.contentRequired')}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('complaint.region')} name="regionCode" htmlFor="complaint-region" rules={[{ required: true, message: t('complaint.regionRequired') }]}>
          <RegionPicker id="complaint-region" />
        </Form.Item>
        <Form.Item label={t('complaint.anonymous')} name="isAnonymous" valuePropName="checked" htmlFor="complaint-anonymous" extra={t('complaint.anonymousHint')}>
          <Switch id="complaint-anonymous" />
        </Form.Item>
        {!isAnonymous && (
          <>
            <Form.Item label={t('complaint.name')} name="name">
              <Input maxLength={40} autoComplete="name" />
            </Form.Item>
            <Form.Item label={t('complaint.phone')} name="phone">
              <Input maxLength={20} autoComplete="tel" />
            </Form.Item>
            <Form.Item label={t('complaint.contact')} name="contact">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {file.isError && <Alert type="error" showIcon title={errorText(file.error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={file.isPending}>
          {t('public.new.submit')}
        </Button>
      </Form>
    </Card>
  );
}
