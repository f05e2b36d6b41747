import { DeleteOutlined, FileExcelOutlined, FileOutlined, FilePdfOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Image, Popconfirm, Skeleton, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import {
  attachmentKeys,
  attachmentRules,
  deleteAttachment,
  fileProblem,
  uploadAttachment,
  useAttachments,
  type Attachment,
  type AttachmentOwnerType,
} from './api';

/** "820 KB", "3.4 MB": sizes as people read them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function DocumentIcon({ contentType }: { contentType: string }) {
  if (contentType === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322' }} />;
  if (contentType.includes('word')) return <FileWordOutlined style={{ color: '#1677ff' }} />;
  if (contentType.includes('sheet') || contentType.includes('excel')) return <FileExcelOutlined style={{ color: '#389e0d' }} />;
  return <FileOutlined />;
}

function DeleteAttachmentButton({ attachment }: { attachment: Attachment }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteAttachment(attachment.id),
    onSuccess: () => void message.success(t('attachment.deleted', { name: attachment.fileName })),
    onError: (error) => void message.error(errorText(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: attachmentKeys.list(attachment.ownerType, attachment.ownerId) }),
  });
  return (
    <Popconfirm
      title={t('attachment.deleteConfirm', { name: attachment.fileName })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
    >
      <Button size="small" type="text" danger icon={<DeleteOutlined />} loading={remove.isPending} aria-label={`${t('attachment.delete')} ${attachment.fileName}`}>
        {t('attachment.delete')}
      </Button>
    </Popconfirm>
  );
}

/**
 * Photos and documents of one field record or problem: image thumbnails that open a preview,
 * documents with their icon and a download link, sizes in KB/MB, and — when the user may — an
 * upload button that checks type and size in the browser and shows each file's progress.
 * The server decides in the end (`canUpload`, `canDelete`); `canUpload` lets the page hide uploading where it does not belong.
 */
export function Attachments({ ownerType, ownerId, canUpload }: { ownerType: AttachmentOwnerType; ownerId: number; canUpload: boolean }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const attachments = useAttachments(ownerType, ownerId);
  const [inFlight, setInFlight] = useState<UploadFile[]>([]);

  if (attachments.isPending) return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  if (attachments.isError) return <QueryErrorAlert error={attachments.error} onRetry={() => void attachments.refetch()} />;

  const { items, limits } = attachments.data;
  const images = items.filter((item) => item.isImage);
  const documents = items.filter((item) => !item.isImage);
  const showUpload = canUpload && attachments.data.canUpload;
  const maxSize = formatFileSize(limits.maxBytes);

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    const problem = fileProblem(file, limits.maxBytes);
    if (problem === 'type') void message.error(t('attachment.invalidType', { name: file.name }));
    if (problem === 'size') void message.error(t('attachment.tooLarge', { name: file.name, size: formatFileSize(file.size), max: maxSize }));
    if (problem === 'empty') void message.error(t('attachment.emptyFile', { name: file.name }));
    if (problem) return Upload.LIST_IGNORE;
    if (items.length + inFlight.length + batch.indexOf(file) >= limits.maxFiles) {
      void message.error(t('attachment.tooMany', { count: limits.maxFiles }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const controller = new AbortController();
    uploadAttachment({ ownerType, ownerId, file: file as File, onProgress: (percent) => onProgress?.({ percent }), signal: controller.signal })
      .then((attachment) => onSuccess?.(attachment))
      .catch((error: Error) => onError?.(error));
    return { abort: () => controller.abort() };
  };

  const onChange: UploadProps['onChange'] = ({ file, fileList }) => {
    if (file.status === 'done') {
      void message.success(t('attachment.uploaded', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: attachmentKeys.list(ownerType, ownerId) });
    }
    if (file.status === 'error' && !(file.error instanceof DOMException)) {
      void message.error(t('attachment.uploadFailed', { name: file.name, reason: errorText(file.error) }));
    }
    // Finished files leave the progress list: the stored ones appear above, from the server.
    setInFlight(fileList.filter((entry) => entry.status === 'uploading'));
  };

  return (
    <Flex vertical gap={8}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={12}>
            {images.map((image) => (
              <Flex key={image.id} vertical align="center" gap={2} style={{ width: 112 }}>
                <Image
                  src={image.contentUrl}
                  alt={image.fileName}
                  width={104}
                  height={104}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                <Typography.Text ellipsis={{ tooltip: image.fileName }} style={{ maxWidth: 108, fontSize: 12 }}>
                  {image.fileName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('attachment.uploadedBy', { name: image.uploaderName, time: formatDateTime(image.createdAt) })}>
                  {formatFileSize(image.byteSize)}
                </Typography.Text>
                {image.canDelete && <DeleteAttachmentButton attachment={image} />}
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {documents.map((document) => (
        <Flex key={document.id} gap={8} align="center" wrap>
          <DocumentIcon contentType={document.contentType} />
          <Typography.Link href={document.contentUrl} download={document.fileName}>
            {document.fileName}
          </Typography.Link>
          <Typography.Text type="secondary">{formatFileSize(document.byteSize)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachment.uploadedBy', { name: document.uploaderName, time: formatDateTime(document.createdAt) })}
          </Typography.Text>
          {document.canDelete && <DeleteAttachmentButton attachment={document} />}
        </Flex>
      ))}
      {items.length === 0 && !showUpload && <Typography.Text type="secondary">{t('attachment.empty')}</Typography.Text>}
      {showUpload && (
        <Flex vertical gap={4}>
          <Upload accept={attachmentRules.accept} multiple fileList={inFlight} beforeUpload={beforeUpload} customRequest={customRequest} onChange={onChange}>
            <Button icon={<UploadOutlined />}>{t('attachment.upload')}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachment.hint', { size: maxSize, count: limits.maxFiles })}
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}
