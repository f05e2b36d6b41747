import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

type Schema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maxLength?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
};
type Parameter = { in: 'path' | 'query'; name: string; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

const NUL = 'a\u0000b';
const HUGE = '测'.repeat(200_000);
const WRONG_TYPES: unknown[] = [12345, -1, 1e308, true, null, [], {}, [{ x: 1 }], '', ' ', 'null', '1 OR 1=1', "'; DROP TABLE users; --", '<script>x</script>', '\uD83D\uDE00'.repeat(50)];

/** A value the schema would accept where that is easy to make, so that a request can get past validation to the service. */
function plausible(schema: Schema | undefined): unknown {
  if (!schema) return 'x';
  if (schema.anyOf?.length) return plausible(schema.anyOf[0]);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(1, (schema.minimum ?? 0) + 1);
    case 'boolean':
      return true;
    case 'array':
      return [plausible(schema.items)];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, plausible(value)]));
    default:
      if (schema.format === 'date' || schema.pattern?.includes('\\d{4}-')) return '2017-12-31';
      if (schema.pattern?.includes('4413')) return '441323';
      return '测试';
  }
}

/** Every string property of a body schema replaced by `value` (recursively), the rest plausible. */
function withEveryString(schema: Schema, value: string): unknown {
  if (schema.type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, inner]) => [key, withEveryString(inner, value)]));
  if (schema.type === 'array') return [withEveryString(schema.items ?? {}, value)];
  return schema.type === 'string' && !schema.enum ? value : plausible(schema);
}

function bodiesFor(schema: Schema | undefined): unknown[] {
  if (!schema) return [{}, [], 'text', null];
  const fields = Object.keys(schema.properties ?? {});
  return [
    {},
    [],
    'not an object',
    plausible(schema),
    withEveryString(schema, NUL),
    withEveryString(schema, HUGE),
    withEveryString(schema, "'; DROP TABLE users; --"),
    // Each field in turn given each wrong type, the rest plausible.
    ...fields.flatMap((field) => WRONG_TYPES.slice(0, 6).map((wrong) => ({ ...(plausible(schema) as object), [field]: wrong }))),
    { ...(plausible(schema) as object), unexpected: 'x' },
  ];
}

function pathsFor(template: string, parameters: Parameter[]): string[] {
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const fill = (value: string) => inPath.reduce((url, parameter) => url.replace(`{${parameter.name}}`, value), template);
  const plain = fill(String(plausible(inPath[0]?.schema)));
  return [
    plain,
    plain.replace('/api/', '/%61pi/'),
    ...(inPath.length > 0 ? ['abc', '-1', '0', '99999999999999999999', '%00', '1%00', encodeURIComponent(HUGE.slice(0, 2000)), '..%2F..%2Fetc', '1.5', '%E0%A4%A'].map(fill) : []),
  ];
}

function queriesFor(parameters: Parameter[]): string[] {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  if (query.length === 0) return [''];
  const build = (value: (parameter: Parameter) => string) => `?${query.map((parameter) => `${parameter.name}=${value(parameter)}`).join('&')}`;
  return [
    '',
    build((parameter) => encodeURIComponent(String(plausible(parameter.schema)))),
    build(() => '%00'),
    build(() => encodeURIComponent(HUGE.slice(0, 3000))),
    build(() => 'abc'),
    build(() => '-99999999999'),
    build((parameter) => `${encodeURIComponent(String(plausible(parameter.schema)))}&${parameter.name}=x`),
    `?${query.map((parameter) => `${parameter.name}[a]=1`).join('&')}`,
  ];
}

// Every operation the OpenAPI document describes, with wrong types, NUL bytes, huge strings and encoded paths, as
// the office administrator (who reaches most code), a county user and nobody: never a 5xx.
describe('fuzzing every operation of /api/openapi.json', () => {
  let harness: TestApp;
  let callers: { name: string; session: Session | null }[];
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    const document = (await harness.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
    callers = [
      { name: 'admin', session: await harness.login('admin') },
      { name: 'huidong', session: await harness.login('huidong') },
      { name: '(public)', session: null },
    ];
  });
  afterAll(() => harness.close());

  it('reads an OpenAPI document that describes the whole API', () => {
    expect(operations.length).toBeGreaterThan(120);
    expect(new Set(operations.map((operation) => operation.path.split('/')[2])).size).toBeGreaterThan(15);
  });

  it('no request made of wrong types, NUL bytes, huge strings or encoded paths gets a 5xx', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const caller of callers) {
      for (const { method, path, operation } of operations) {
        // Signing out or changing the password would end the caller's session for the rest of the walk.
        if (path === '/api/auth/logout' || path === '/api/auth/password') continue;
        const parameters = operation.parameters ?? [];
        const bodies = method === 'GET' ? [undefined] : bodiesFor(operation.requestBody?.content?.['application/json']?.schema);
        const urls = pathsFor(path, parameters).flatMap((url, index) => (index === 0 ? queriesFor(parameters).map((query) => url + query) : [url]));
        for (const url of urls) {
          for (const body of url === urls[0] ? bodies : bodies.slice(0, 1)) {
            const options = {
              method: method as 'GET' | 'POST',
              url,
              ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
            };
            const response = caller.session ? await caller.session.request(options) : await harness.app.inject(options);
            sent += 1;
            if (response.statusCode >= 500) failures.push(`${caller.name} ${method} ${url.slice(0, 160)} ${JSON.stringify(body)?.slice(0, 160)} → ${response.statusCode} ${response.body.slice(0, 200)}`);
            else if (response.statusCode >= 400) expect(response.json().error, `${method} ${url.slice(0, 100)}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(3000);
  }, 600_000);
});
