import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { acceptedUploadContentTypes, attachmentLimits, fileTooLarge, unsupportedContentType } from './attachments.content.ts';
import { attachmentIdParams, attachmentOwnerQuery, uploadAttachmentQuery } from './attachments.schema.ts';
import * as service from './attachments.service.ts';

/**
 * The request body, read up to the route's body limit. An upload announced as too large is refused
 * before reading; one that turns out too large on the way is refused as soon as it passes the limit.
 * Either way the connection closes after the reply, so the rest is not read.
 */
function readUploadBody(request: FastifyRequest, reply: FastifyReply): Promise<Buffer> {
  const limit = request.routeOptions.bodyLimit ?? attachmentLimits.maxBytes;
  const refuse = (byteSize?: number) => {
    reply.header('connection', 'close');
    return fileTooLarge(byteSize);
  };
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) return Promise.reject(refuse(announced));
  const stream = request.body as Readable | undefined;
  if (!stream || typeof stream.on !== 'function') return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanUp = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        cleanUp();
        stream.resume();
        reject(refuse());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** RFC 6266 / RFC 5987: an ASCII fallback name and the exact UTF-8 name, so Chinese names survive every browser. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export async function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scoped) => {
    // The file is the raw body: passed through as a stream and read up to the limit by the route.
    scoped.addContentTypeParser([...acceptedUploadContentTypes], (_request, payload, done) => done(null, payload));
    // Any other type is refused before a byte is read, in the words the user needs.
    scoped.addContentTypeParser('*', (request, _payload, done) => done(unsupportedContentType(String(request.headers['content-type'] ?? ''))));
    const routes = scoped.withTypeProvider<ZodTypeProvider>();
    const tags = ['附件 attachments'];

    routes.get('/api/attachments', { schema: { tags, summary: '工作记录或问题的附件（照片、文档）列表', querystring: attachmentOwnerQuery } }, async (request) =>
      service.listAttachments(ctx, actorOf(request), request.query),
    );

    routes.post(
      '/api/attachments',
      {
        bodyLimit: attachmentLimits.maxBytes,
        schema: {
          tags,
          summary: '上传附件：请求体为文件本身（JPG、PNG、WebP、PDF、Word、Excel，单个不超过 10 MB，每条记录最多 20 个）',
          querystring: uploadAttachmentQuery,
        },
      },
      async (request, reply) => {
        const { ownerType, ownerId, fileName } = request.query;
        const attachment = await service.uploadAttachment(
          ctx,
          actorOf(request),
          { ownerType, ownerId, fileName, declaredContentType: String(request.headers['content-type'] ?? '') },
          () => readUploadBody(request, reply),
        );
        return reply.status(201).send({ attachment });
      },
    );

    routes.get(
      '/api/attachments/:id/content',
      { schema: { tags, summary: '附件内容（图片直接显示，其他文件下载）', params: attachmentIdParams } },
      async (request, reply) => {
        const actor = actorOf(request);
        reply.header('cache-control', 'private, no-cache');
        const ifNoneMatch = request.headers['if-none-match'];
        if (ifNoneMatch) {
          const tag = `"${await service.attachmentTag(ctx, actor, request.params.id)}"`;
          if (ifNoneMatch.split(',').some((candidate) => candidate.trim() === tag)) return reply.header('etag', tag).status(304).send();
        }
        const file = await service.readAttachment(ctx, actor, request.params.id);
        return reply
          .header('content-type', file.contentType)
          .header('content-length', file.content.length)
          .header('content-disposition', contentDisposition(file.isImage ? 'inline' : 'attachment', file.fileName))
          .header('etag', `"${file.sha256}"`)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .send(file.content);
      },
    );

    routes.delete('/api/attachments/:id', { schema: { tags, summary: '删除自己上传的附件（记录或问题仍可上传附件时）', params: attachmentIdParams } }, async (request, reply) => {
      await service.deleteAttachment(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    });
  });
}
