// The JSON Schema of a model file, generated from the zod schema the loader itself uses, so that
// editors (e.g. the YAML language server) check the same format. Written to
// docs/schema/model.schema.json by `npm run docs`.
import { z } from 'zod';
import { ModelFile } from './schema.js';

/** The JSON Schema (draft 2020-12) of one YAML file of a model, as a plain object. */
export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ModelFile, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    title: 'tyl model file',
    description:
      'One YAML file of a tyl model: any mix of the sections model, sources, entities, relations and dependencies. See docs/model-format.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The schema as the text of docs/schema/model.schema.json. */
export function modelJsonSchemaText(): string {
  return JSON.stringify(modelJsonSchema(), null, 2) + '\n';
}
