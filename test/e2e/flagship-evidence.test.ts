// The flagship model's citations must resolve against the paper it encodes. Reads the paper from
// ../shared/seeds (next to the repository) or /work/shared/seeds, never from the repository, and
// skips with a printed reason when the paper or the flagship model is absent.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/evidence/ingest-files.js';
import { modelGazetteer } from '../../src/evidence/model-gazetteer.js';
import { coverage } from '../../src/evidence/coverage.js';
import { splitDocument } from '../../src/evidence/split-document.js';
import { readModel } from '../../src/store/read-model.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { readFileSync } from 'node:fs';

const root = join(import.meta.dirname, '..', '..');
const PAPER_NAME = '000_9e425d521df350b2.txt';
const paper = [join(root, '..', 'shared', 'seeds', PAPER_NAME), join('/work/shared/seeds', PAPER_NAME)].find(
  (p) => existsSync(p),
);
const flagship = join(root, 'models', 'russia-belarus');
const SOURCE = 'ferris-2023';
const skip = !paper
  ? `the paper ${PAPER_NAME} is not in ../shared/seeds`
  : !existsSync(flagship)
    ? 'the flagship model (models/russia-belarus) is absent'
    : '';
if (skip) console.log(`flagship-evidence: skipped: ${skip}`);

describe.skipIf(Boolean(skip))('flagship citations against the ingested paper', () => {
  it('ingests the paper with anchors equal to the splitter’s, and every ferris-2023 citation resolves', async () => {
    const model = readModel(flagship);
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'tyl-flagship-')), 'w.db'), {
      create: true,
    });
    try {
      const [r] = await ingestFiles(store, [paper!], {
        gazetteer: modelGazetteer(model),
        source: SOURCE,
        actor: 'test',
      });
      const split = splitDocument(readFileSync(paper!, 'utf8'));
      expect(r.paragraphs).toBe(split.paragraphs.length);
      expect((await store.getParagraphs(SOURCE)).map((p) => `${p.section}/${p.paragraph}`)).toEqual(
        split.paragraphs.map((p) => `${p.section}/${p.paragraph}`),
      );
      expect(await store.getDocument(SOURCE)).toMatchObject({
        format: 'markdown',
        author: 'Emily Ferris',
        date: '2023-01-12',
      });
      const cov = await coverage(model, store);
      const mine = cov.dangling.filter((d) => d.cite.source === SOURCE);
      expect(
        mine.map(
          (d) => `${d.element.kind} ${d.element.id}: ${d.cite.section} ¶${d.cite.paragraph}: ${d.reason}`,
        ),
      ).toEqual([]);
      const cited = cov.sources.find((s) => s.source === SOURCE)!;
      expect(cited.cited).toBeGreaterThan(0);
      // the paper mentions the model's two states
      const mentioned = new Set((await store.listMentions({ source: SOURCE })).map((m) => m.entity));
      const states = model.entities.filter(
        (e) => e.kind === 'state' && (e.country === 'BY' || e.country === 'RU'),
      );
      expect(states.length).toBe(2);
      for (const s of states) expect(mentioned.has(s.id), `state ${s.id} mentioned`).toBe(true);
    } finally {
      await store.close();
    }
  });
});
