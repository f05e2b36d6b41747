import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import {
  addRecommendationBody,
  addRecordBody,
  approveBody,
  checklistQuery,
  formTeamBody,
  inspectionIdParams,
  inspectionListQuery,
  issueFeedbackBody,
  proposeInspectionBody,
  recordFindingBody,
  rejectBody,
  submitReportBody,
} from './inspections.schema.ts';
import * as service from './inspections.service.ts';

export function registerInspectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['巡查 inspections'];
  const params = inspectionIdParams;

  routes.get('/api/inspections', { schema: { tags, summary: '巡查列表（按角色与范围可见）', querystring: inspectionListQuery } }, async (request) => ({
    items: await service.listInspections(ctx, actorOf(request), request.query),
  }));

  routes.get('/api/checklist-items', { schema: { tags, summary: '巡查责任清单（第十五条四类问题及子项）', querystring: checklistQuery } }, async (request) => ({
    items: await service.listChecklist(ctx, request.query.year),
  }));

  routes.post('/api/inspections', { schema: { tags, summary: '提出巡查（报市委、市政府批准，第十三条）', body: proposeInspectionBody } }, async (request, reply) => {
    const created = await service.proposeInspection(ctx, actorOf(request), request.body);
    return reply.status(201).send(created);
  });

  routes.get('/api/inspections/:id', { schema: { tags, summary: '巡查详情：巡查组、工作记录、发现问题、处理建议及可执行操作', params } }, async (request) =>
    service.getInspection(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/inspections/:id/approve', { schema: { tags, summary: '市委、市政府批准巡查', params, body: approveBody.nullish() } }, async (request) =>
    service.decideInspection(ctx, actorOf(request), request.params.id, 'approve', request.body?.note),
  );

  routes.post('/api/inspections/:id/reject', { schema: { tags, summary: '不予批准（须填写理由）', params, body: rejectBody } }, async (request) =>
    service.decideInspection(ctx, actorOf(request), request.params.id, 'reject', request.body.note),
  );

  routes.post('/api/inspections/:id/form-team', { schema: { tags, summary: '组建巡查组（组长职级不低于该年度参数配置的最低职级，第十四条；交叉巡查，第五条）', params, body: formTeamBody } }, async (request) =>
    service.formTeam(ctx, actorOf(request), request.params.id, request.body),
  );

  routes.post('/api/inspections/:id/start-field-work', { schema: { tags, summary: '进驻开展实地巡查', params, body: emptyBody } }, async (request) =>
    service.startFieldWork(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/inspections/:id/records', { schema: { tags, summary: '填写巡查工作记录（第四条的工作方式）', params, body: addRecordBody } }, async (request, reply) =>
    reply.status(201).send(await service.addRecord(ctx, actorOf(request), request.params.id, request.body)),
  );

  routes.post('/api/inspections/:id/findings', { schema: { tags, summary: '记录巡查发现的问题（第十五条）', params, body: recordFindingBody } }, async (request, reply) =>
    reply.status(201).send(await service.recordFinding(ctx, actorOf(request), request.params.id, request.body)),
  );

  routes.post(
    '/api/inspections/:id/recommendations',
    { schema: { tags, summary: '向被巡查县（区）提出现场处理建议（第十六条第二项）', params, body: addRecommendationBody } },
    async (request, reply) => reply.status(201).send(await service.addRecommendation(ctx, actorOf(request), request.params.id, request.body)),
  );

  routes.get('/api/inspections/:id/report-draft', { schema: { tags, summary: '根据工作记录和发现问题生成巡查报告草稿', params } }, async (request) =>
    service.draftReport(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/inspections/:id/submit-report', { schema: { tags, summary: '组长提交巡查报告（第十六条第三项）', params, body: submitReportBody } }, async (request) =>
    service.submitReport(ctx, actorOf(request), request.params.id, request.body.report),
  );

  routes.post('/api/inspections/:id/issue-feedback', { schema: { tags, summary: '向被巡查县（区）反馈，起算整改期限（第十八条；月数见该年度参数配置）', params, body: issueFeedbackBody } }, async (request) =>
    service.issueFeedback(ctx, actorOf(request), request.params.id, request.body),
  );

  routes.post('/api/inspections/:id/close', { schema: { tags, summary: '办结巡查（问题均已核验整改）', params, body: emptyBody } }, async (request) =>
    service.closeInspection(ctx, actorOf(request), request.params.id),
  );
}
