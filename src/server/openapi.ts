// Generates the OpenAPI 3.1 document of the workbench API from the route table in contract.ts
// (zod schemas -> JSON Schema with zod's own converter), so the document cannot drift from the
// validation the server does.
import { z } from 'zod';
import { ApiError, ROUTES, type Route } from './contract.js';

const toSchema = (s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

/** Builds the OpenAPI document for the routes of `ROUTES`. */
export function openApiDocument(options: { version?: string; title?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = {
    description: 'Error',
    content: { 'application/json': { schema: toSchema(ApiError, 'output') } },
  };
  for (const [name, r] of Object.entries(ROUTES) as [string, Route][]) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, obj] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!obj) continue;
      for (const [key, s] of Object.entries(obj.shape)) {
        const schema = toSchema(s as z.ZodType, 'input');
        parameters.push({
          name: key,
          in: where,
          required: where === 'path' || !(s as z.ZodType).safeParse(undefined).success,
          schema,
        });
      }
    }
    const op: Record<string, unknown> = {
      operationId: name,
      summary: r.summary,
      parameters,
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: toSchema(r.response, 'output') } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '404': errorResponse,
      },
    };
    if (r.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(r.body, 'input') } },
      };
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title ?? 'tyl workbench API', version: options.version ?? '0.1.0' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'TYL_TOKEN, when the operator set one' },
      },
    },
    security: [{}, { bearer: [] }],
    paths,
  };
}
