import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { emptyBody } from '../../kernel/http.ts';
import {
  householdIdParams,
  householdListQuery,
  householdSearchQuery,
  importJobParams,
  importQuery,
  signalsExportQuery,
  signalsQuery,
  snapshotBody,
  snapshotDiffQuery,
  statusChangeBody,
  summaryQuery,
} from './registry.schema.ts';
import { failInterruptedImportJobs, getImportJob, startImport } from './registry.import-jobs.ts';
import { searchHouseholds } from './registry.search.ts';
import * as service from './registry.service.ts';

const uploadTypes = ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

export async function registerRegistryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // An import cut short by a restart is marked failed before anyone can poll it again.
  await failInterruptedImportJobs(ctx);
  await app.register(async (scoped) => {
    // Uploads arrive as a raw stream, written to disk as they come: memory stays flat whatever the file size.
    scoped.addContentTypeParser(uploadTypes, (_request, payload, done) => done(null, payload));
    const routes = scoped.withTypeProvider<ZodTypeProvider>();
    const tags = ['建档立卡 registry'];

    routes.get('/api/registry/households', { schema: { tags, summary: '贫困户列表（按区域、状态、致贫原因、年度、信号筛选）', querystring: householdListQuery } }, async (request) =>
      service.listHouseholds(ctx, actorOf(request), request.query),
    );
    routes.get(
      '/api/households/search',
      { schema: { tags, summary: '按户编号、姓名或身份证号查找贫困户（本人权限范围内，最多 20 户，身份证号脱敏）', querystring: householdSearchQuery } },
      async (request) => searchHouseholds(ctx, actorOf(request), request.query.q),
    );
    routes.get('/api/registry/households/:id', { schema: { tags, summary: '贫困户详情：成员（身份证号脱敏）、收入、状态历史、信号', params: householdIdParams } }, async (request) =>
      service.getHousehold(ctx, actorOf(request), request.params.id),
    );
    for (const action of ['exit', 'return', 'remove'] as const) {
      routes.post(
        `/api/registry/households/:id/${action}`,
        { schema: { tags, summary: { exit: '标注脱贫（须民主评议、公示、签字认可）', return: '标注返贫', remove: '清退' }[action], params: householdIdParams, body: statusChangeBody } },
        async (request) => service.changeHouseholdStatus(ctx, actorOf(request), request.params.id, action, request.body),
      );
    }
    routes.post(
      '/api/registry/members/:id/reveal',
      { schema: { tags, summary: '查看完整身份证号（仅管理员，留审计记录）', params: householdIdParams, body: emptyBody } },
      async (request) => service.recordAuditedReveal(ctx, actorOf(request), request.params.id),
    );
    routes.get(
      '/api/registry/summary',
      { schema: { tags, summary: '各县（区）建档立卡指标（截至当年 12 月 31 日；有截止日快照时按快照，并注明依据）', querystring: summaryQuery } },
      async (request) => service.registrySummary(ctx, actorOf(request), request.query),
    );
    routes.get(
      '/api/registry/signals',
      { schema: { tags, summary: '"数字脱贫"信号（R-R7）及其依据：每类信号的总户数和一页明细（offset/limit，每页最多 500 户）', querystring: signalsQuery } },
      async (request) => service.listSignals(ctx, actorOf(request), request.query),
    );
    routes.get(
      '/api/registry/signals/export.csv',
      { schema: { tags, summary: '导出一类"数字脱贫"信号涉及的全部贫困户（CSV，身份证号脱敏）', querystring: signalsExportQuery } },
      async (request, reply) => {
        const { fileName, stream } = await service.exportSignals(ctx, actorOf(request), request.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="signals.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(stream);
      },
    );
    routes.get('/api/registry/snapshots', { schema: { tags, summary: '截止日快照' } }, async (request) => ({ items: await service.snapshots(ctx, actorOf(request)) }));
    routes.post('/api/registry/snapshots', { schema: { tags, summary: '冻结截止日快照（R-R4）', body: snapshotBody } }, async (request, reply) =>
      reply.status(201).send({ snapshot: await service.snapshotRegistry(ctx, actorOf(request), request.body.asOf) }),
    );
    routes.get('/api/registry/snapshots/diff', { schema: { tags, summary: '两个快照按县、状态的差异', querystring: snapshotDiffQuery } }, async (request) =>
      service.snapshotDiff(ctx, actorOf(request), request.query.from, request.query.to),
    );
    routes.get('/api/registry/import-template.xlsx', { schema: { tags, summary: '导入模板（XLSX：导入格式的表头，身份证号等数字列为文本格式，附填写说明）' } }, async (request, reply) => {
      const template = await service.importTemplate(actorOf(request));
      return reply
        .header('content-type', template.contentType)
        .header('content-disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(template.fileName)}`)
        .send(template.body);
    });
    routes.post(
      '/api/registry/imports',
      { bodyLimit: 2 * 1024 * 1024 * 1024, schema: { tags, summary: '上传导入文件（CSV：UTF-8 或 GB18030；XLSX），后台导入', querystring: importQuery } },
      async (request, reply) => {
        if (!uploadTypes.some((type) => (request.headers['content-type'] ?? '').startsWith(type))) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请以 ${uploadTypes.join(' 或 ')} 上传文件内容`);
        }
        const job = await startImport(ctx, actorOf(request), request.body as NodeJS.ReadableStream as never, request.query);
        return reply.status(202).send({ job });
      },
    );
    routes.get('/api/registry/imports/:id', { schema: { tags, summary: '导入任务进度与结果（含错误报告）', params: importJobParams } }, async (request) => ({
      job: await getImportJob(ctx, actorOf(request), request.params.id),
    }));
  });
}
