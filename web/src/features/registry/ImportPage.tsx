import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Progress, Result, Select, Table, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { downloadCsv, toCsv } from '../../app/csv';
import { useErrorText } from '../../app/errorText';
import { todayStamp } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { importTemplateUrl, registryKeys, uploadRegistryFile, useImportJob, type ImportEncoding, type ImportFormat, type ImportJob, type ImportResult, type ImportRowError } from './api';
import { formatBytes, formatCount } from './format';

const encodings: readonly ImportEncoding[] = ['auto', 'utf8', 'gb18030'];

function formatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

type UploadProgress = { loaded: number; total: number };

function ErrorReport({ job, result }: { job: ImportJob; result: ImportResult }) {
  const { t } = useI18n();
  const columns: TableColumnsType<ImportRowError> = [
    { title: t('registry.import.line'), dataIndex: 'line', width: 90, align: 'right' },
    { title: t('registry.import.column'), dataIndex: 'column', width: 180 },
    { title: t('registry.import.value'), dataIndex: 'value', width: 220, render: (value: string) => <Typography.Text code>{value}</Typography.Text> },
    { title: t('registry.import.reason'), dataIndex: 'reason' },
  ];
  const download = () => {
    const header = [t('registry.import.line'), t('registry.import.column'), t('registry.import.value'), t('registry.import.reason')];
    const rows = result.errors.map((error) => [error.line, error.column, error.value, error.reason]);
    const base = job.fileName.replace(/\.(csv|xlsx)$/i, '');
    downloadCsv(`${t('registry.import.errorFileName')}-${base}-${todayStamp()}.csv`, toCsv([header, ...rows]));
  };
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('registry.import.errors')}
        </Typography.Title>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={download}>
          {t('registry.import.downloadErrors')}
        </Button>
      </Flex>
      {result.errors.length < result.errorCount && (
        <Typography.Text type="secondary">
          {t('registry.import.errorsTruncated', { shown: formatCount(result.errors.length), total: formatCount(result.errorCount) })}
        </Typography.Text>
      )}
      <Table<ImportRowError>
        rowKey={(error) => `${error.line}-${error.column}-${error.reason}`}
        size="small"
        columns={columns}
        dataSource={result.errors}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 800 }}
      />
    </Flex>
  );
}

function JobResult({ job, result }: { job: ImportJob; result: ImportResult }) {
  const { t } = useI18n();
  const refused = result.status === 'refused';
  const title = refused
    ? t('registry.import.result.refused')
    : result.errorCount > 0
      ? t('registry.import.result.importedWithErrors')
      : t('registry.import.result.imported');
  return (
    <Flex vertical gap={16}>
      <Alert type={refused ? 'error' : result.errorCount > 0 ? 'warning' : 'success'} showIcon title={title} description={job.fileName} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'encoding', label: t('registry.import.encodingUsed'), children: result.encoding ? t(`registry.import.encoding.${result.encoding}`) : 'XLSX' },
          { key: 'rows', label: t('registry.import.rowsTotal'), children: formatCount(result.rowsRead) },
          { key: 'households', label: t('registry.import.householdsImported'), children: formatCount(result.householdsImported) },
          { key: 'members', label: t('registry.import.membersImported'), children: formatCount(result.membersImported) },
          { key: 'rejected', label: t('registry.import.householdsRejected'), children: formatCount(result.householdsRejected) },
          { key: 'errors', label: t('registry.import.errorCount'), children: formatCount(result.errorCount) },
        ]}
      />
      {result.errors.length > 0 && <ErrorReport job={job} result={result} />}
    </Flex>
  );
}

/** 导入: upload a CSV or XLSX registry file with progress, then follow the import job to its result and error report. */
export function ImportPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<ImportEncoding>('auto');
  const [partial, setPartial] = useState(false);
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const job = useImportJob(jobId);
  const current = job.data?.job;
  const format = file ? formatOf(file.name) : null;
  const finished = current?.status === 'done' || current?.status === 'failed';

  // Leaving the page cancels an upload still in flight.
  useEffect(() => () => abort.current?.abort(), []);

  useEffect(() => {
    if (current?.status === 'done' && current.result?.status === 'imported') {
      void queryClient.invalidateQueries({ queryKey: ['registry'], predicate: (query) => query.queryKey[1] !== 'import' });
    }
  }, [current?.status, current?.result?.status, queryClient]);

  const start = async () => {
    if (!file || !format) {
      setFileError(t('registry.import.fileRequired'));
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setUploadError(null);
    setUpload({ loaded: 0, total: file.size });
    try {
      const started = await uploadRegistryFile({
        file,
        format,
        encoding,
        partial,
        signal: controller.signal,
        onProgress: (loaded, total) => setUpload({ loaded, total }),
      });
      queryClient.setQueryData(registryKeys.importJob(started.id), { job: started });
      setJobId(started.id);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setUploadError(error);
    } finally {
      abort.current = null;
      setUpload(null);
    }
  };

  const reset = () => {
    setJobId(null);
    setFile(null);
    setUploadError(null);
    setFileError(null);
  };

  const fileList: UploadFile[] = file ? [{ uid: 'registry-file', name: t('registry.import.fileWithSize', { name: file.name, size: formatBytes(file.size) }), status: 'done' }] : [];
  const busy = upload !== null || (jobId !== null && !finished);

  return (
    <Card title={t('registry.import.title')}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('registry.import.intro')}
        </Typography.Paragraph>
        <Flex gap={12} align="flex-start" wrap>
          <Button icon={<DownloadOutlined aria-hidden />} href={importTemplateUrl} download>
            {t('registry.import.template')}
          </Button>
          <Typography.Text type="secondary" style={{ flex: '1 1 320px' }}>
            {t('registry.import.templateHint')}
          </Typography.Text>
        </Flex>
        {jobId === null && (
          <Form layout="vertical" style={{ maxWidth: 640 }} disabled={upload !== null} onFinish={() => void start()}>
            <Form.Item label={t('registry.import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
              <Upload
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                fileList={fileList}
                beforeUpload={(picked) => {
                  if (!formatOf(picked.name)) {
                    setFile(null);
                    setFileError(t('registry.import.badType'));
                  } else {
                    setFile(picked);
                    setFileError(null);
                  }
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  return true;
                }}
              >
                <Button icon={<UploadOutlined aria-hidden />}>{t('registry.import.pick')}</Button>
              </Upload>
            </Form.Item>
            <Form.Item
              label={t('registry.import.encoding')}
              htmlFor="import-encoding"
              help={format === 'xlsx' ? t('registry.import.encodingXlsx') : undefined}
            >
              <Select<ImportEncoding>
                id="import-encoding"
                value={encoding}
                onChange={setEncoding}
                disabled={format === 'xlsx' || upload !== null}
                style={{ width: 220 }}
                options={encodings.map((value) => ({ value, label: t(`registry.import.encoding.${value}`) }))}
              />
            </Form.Item>
            <Form.Item extra={t('registry.import.partialHint')}>
              <Checkbox checked={partial} onChange={(event) => setPartial(event.target.checked)}>
                {t('registry.import.partial')}
              </Checkbox>
            </Form.Item>
            {upload && (
              <Form.Item>
                <Progress percent={upload.total > 0 ? Math.floor((upload.loaded / upload.total) * 100) : 0} status="active" />
                <Flex justify="space-between" align="center">
                  <Typography.Text type="secondary">
                    {t('registry.import.uploading', { loaded: formatBytes(upload.loaded), total: formatBytes(upload.total) })}
                  </Typography.Text>
                  <Button size="small" disabled={false} onClick={() => abort.current?.abort()}>
                    {t('registry.import.cancel')}
                  </Button>
                </Flex>
              </Form.Item>
            )}
            {uploadError !== null && <Alert type="error" showIcon title={errorText(uploadError)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={upload !== null} icon={<UploadOutlined aria-hidden />}>
              {t('registry.import.start')}
            </Button>
          </Form>
        )}

        {jobId !== null && (
          <Flex vertical gap={16}>
            {job.isError && <QueryErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
            {current && !finished && (
              <Flex vertical gap={8} style={{ maxWidth: 640 }} aria-live="polite">
                <Typography.Text strong>
                  {t('registry.import.jobLine', { status: t(`registry.import.job.${current.status}`), file: current.fileName })}
                </Typography.Text>
                <Progress percent={100} status="active" showInfo={false} />
                <Typography.Text>{t('registry.import.rowsRead', { rows: formatCount(current.rowsRead) })}</Typography.Text>
              </Flex>
            )}
            {current?.status === 'failed' && (
              <Result status="error" title={t('registry.import.job.failed')} subTitle={current.failure ?? t('error.unknown')} />
            )}
            {current?.status === 'done' && current.result && <JobResult job={current} result={current.result} />}
            {(finished || job.isError) && (
              <div>
                <Button onClick={reset} disabled={busy && !job.isError}>
                  {t('registry.import.again')}
                </Button>
              </div>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
