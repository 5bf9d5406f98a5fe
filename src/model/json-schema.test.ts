import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modelJsonSchema, modelJsonSchemaText } from './json-schema.js';

const root = join(import.meta.dirname, '..', '..');

describe('modelJsonSchema', () => {
  it('equals the committed docs/schema/model.schema.json (run `npm run docs` after changing the schema)', () => {
    expect(readFileSync(join(root, 'docs/schema/model.schema.json'), 'utf8')).toBe(modelJsonSchemaText());
  });

  it('describes the format the loader reads: sections, closed objects, the date pattern and the kinds', () => {
    const s = modelJsonSchema() as {
      properties: Record<
        string,
        { items: { properties: Record<string, unknown>; additionalProperties: boolean } }
      >;
      additionalProperties: boolean;
    };
    expect(Object.keys(s.properties)).toEqual(['model', 'sources', 'entities', 'relations', 'dependencies']);
    expect(s.additionalProperties).toBe(false);
    const entity = s.properties.entities.items;
    expect(entity.additionalProperties).toBe(false);
    expect(entity.properties.kind).toMatchObject({
      enum: expect.arrayContaining(['state', 'facility', 'sanction']),
    });
    expect(entity.properties.date).toEqual({ $ref: '#/$defs/PartialDate' });
    const defs = (s as unknown as { $defs: Record<string, unknown> }).$defs;
    expect(JSON.stringify(defs.PartialDate)).toContain('^\\\\d{4}');
    expect(Object.keys(defs)).toEqual(
      expect.arrayContaining(['Id', 'Quantity', 'Citation', 'Confidence', 'Valid']),
    );
    // The fixture the loader accepts has only fields the schema declares.
    const tiny = parse(readFileSync(join(root, 'test/fixtures/tiny/model.yaml'), 'utf8')) as Record<
      string,
      unknown[]
    >;
    for (const e of tiny.entities as Record<string, unknown>[])
      for (const k of Object.keys(e)) expect(Object.keys(entity.properties)).toContain(k);
  });
});
