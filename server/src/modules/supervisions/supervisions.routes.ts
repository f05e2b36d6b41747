import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import {
  addRecordBody,
  checklistQuery,
  coverageQuery,
  createPlanBody,
  formTeamBody,
  idParams,
  notifyResultBody,
  planVisitBody,
  proposeSupervisionBody,
  recordFindingBody,
  recordVisitBody,
  submitReportBody,
  supervisionListQuery,
  visitParams,
  yearQuery,
} from './supervisions.schema.ts';
import * as service from './supervisions.service.ts';

export function registerSupervisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['督查 supervisions'];
  const params = idParams;

  routes.get('/api/supervision-plans', { schema: { tags, summary: '年度督查计划（第六条）', querystring: yearQuery } }, async (request) => ({
    items: await service.listPlans(ctx, actorOf(request), request.query.year),
  }));

  routes.post('/api/supervision-plans', { schema: { tags, summary: '制定年度督查计划（市扶贫办，第六条）', body: createPlanBody } }, async (request, reply) =>
    reply.status(201).send(await service.createPlan(ctx, actorOf(request), request.body)),
  );

  routes.post('/api/supervision-plans/:id/approve', { schema: { tags, summary: '市扶贫办主任批准年度督查计划', params, body: emptyBody } }, async (request) =>
    service.approvePlan(ctx, actorOf(request), request.params.id),
  );

  routes.get('/api/supervision-checklist-items', { schema: { tags, summary: '督查责任清单（第九条八个方面及子项）', querystring: checklistQuery } }, async (request) => ({
    areas: await service.listChecklist(ctx, request.query.year),
  }));

  routes.get('/api/supervisions/coverage', { schema: { tags, summary: '综合督查覆盖情况：各县（区）和帮扶单位每年至少开展的次数（第八条；次数见该年度参数配置）', querystring: coverageQuery } }, async (request) =>
    service.getCoverage(ctx, actorOf(request), request.query.year),
  );

  routes.get('/api/supervisions', { schema: { tags, summary: '督查列表（按角色与范围可见）', querystring: supervisionListQuery } }, async (request) => ({
    items: await service.listSupervisions(ctx, actorOf(request), request.query),
  }));

  routes.post('/api/supervisions', { schema: { tags, summary: '提出督查事项（综合督查或专项督查，第六条、第八条）', body: proposeSupervisionBody } }, async (request, reply) =>
    reply.status(201).send(await service.proposeSupervision(ctx, actorOf(request), request.body)),
  );

  routes.get('/api/supervisions/:id', { schema: { tags, summary: '督查详情：督查组及可执行操作', params } }, async (request) =>
    service.getSupervision(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/supervisions/:id/approve', { schema: { tags, summary: '市扶贫办主任批准督查事项（第六条）', params, body: emptyBody } }, async (request) =>
    service.approveSupervision(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/supervisions/:id/form-team', { schema: { tags, summary: '组建督查组（领导小组成员单位抽调，第七条；交叉督查，第五条）', params, body: formTeamBody } }, async (request) =>
    service.formTeam(ctx, actorOf(request), request.params.id, request.body),
  );

  routes.post('/api/supervisions/:id/start-field-work', { schema: { tags, summary: '开展实地督查（第十条第二项）', params, body: emptyBody } }, async (request) =>
    service.startFieldWork(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/supervisions/:id/visits', { schema: { tags, summary: '安排督查走访（暗访对被督查单位保密，第四条）', params, body: planVisitBody } }, async (request, reply) =>
    reply.status(201).send(await service.planVisit(ctx, actorOf(request), request.params.id, request.body)),
  );

  routes.post(
    '/api/supervisions/:id/visits/:visitId/record',
    { schema: { tags, summary: '记录已开展的走访，形成工作记录（暗访记录后方对被督查单位可见）', params: visitParams, body: recordVisitBody } },
    async (request, reply) => reply.status(201).send(await service.recordVisit(ctx, actorOf(request), request.params.id, request.params.visitId, request.body)),
  );

  routes.post('/api/supervisions/:id/records', { schema: { tags, summary: '填写督查工作记录（第四条的工作方式）', params, body: addRecordBody } }, async (request, reply) =>
    reply.status(201).send(await service.addRecord(ctx, actorOf(request), request.params.id, request.body)),
  );

  routes.post('/api/supervisions/:id/findings', { schema: { tags, summary: '记录督查发现的问题（第九条责任清单），进入整改台账', params, body: recordFindingBody } }, async (request, reply) =>
    reply.status(201).send(await service.recordFinding(ctx, actorOf(request), request.params.id, request.body)),
  );

  routes.get('/api/supervisions/:id/report-draft', { schema: { tags, summary: '根据工作记录和发现问题生成督查报告草稿（第十条第三项）', params } }, async (request) =>
    service.draftReport(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/supervisions/:id/submit-report', { schema: { tags, summary: '组长提交督查书面报告（第十条第三项）', params, body: submitReportBody } }, async (request) =>
    service.submitReport(ctx, actorOf(request), request.params.id, request.body.report),
  );

  routes.post('/api/supervisions/:id/notify-result', { schema: { tags, summary: '向被督查单位通报督查结果并提出整改要求（第十二条）', params, body: notifyResultBody } }, async (request) =>
    service.notifyResult(ctx, actorOf(request), request.params.id, request.body),
  );

  routes.post('/api/supervisions/:id/close', { schema: { tags, summary: '办结督查（问题均已核验整改）', params, body: emptyBody } }, async (request) =>
    service.closeSupervision(ctx, actorOf(request), request.params.id),
  );
}
