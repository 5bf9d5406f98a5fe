// The contract every Store implementation must meet, as one shared vitest suite. An
// implementation's test file calls `storeContract('sqlite', factory)`; a PostgreSQL store would
// call it with its own factory and pass the same tests.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { DocumentInput, Store, StoreFactory, StoredParagraph } from './store.js';

const who = { actor: 'tester', at: '2026-01-02T03:04:05.000Z' };

function para(section: string, paragraph: number, ord: number, text: string): StoredParagraph {
  return { section, heading: section.toUpperCase(), paragraph, ord, line: ord + 1, hash: `h:${text}`, text };
}

/** A small document: two sections, four paragraphs, two mentions, one claim. */
export function sampleDocument(overrides: Partial<DocumentInput> = {}): DocumentInput {
  return {
    source: 'doc-a',
    path: 'a.md',
    format: 'markdown',
    title: 'Rail and repair',
    author: 'A. Writer',
    date: '2023-01-12',
    meta: { title: 'Rail and repair' },
    contentHash: 'c1',
    gazetteerHash: 'g1',
    bytes: 400,
    paragraphs: [
      para('intro', 1, 0, 'Minsk tractor works supplies heavy chassis to the army.'),
      para('intro', 2, 1, 'Rail transit through Belarus carries fuel and ammunition.'),
      para('repair', 1, 2, 'The plant at Baranovichi repairs aircraft engines for Russia.'),
      para('repair', 2, 3, 'Friction between the two capitals over gas prices persists.'),
    ],
    mentions: [
      {
        section: 'intro',
        paragraph: 1,
        entity: 'mzkt',
        name: 'MZKT',
        start: 0,
        end: 19,
        surface: 'Minsk tractor works',
      },
      {
        section: 'intro',
        paragraph: 2,
        entity: null,
        name: 'Belarus',
        start: 21,
        end: 28,
        surface: 'Belarus',
      },
    ],
    claims: [
      {
        id: 'c-0000000001',
        source: 'doc-a',
        section: 'intro',
        paragraph: 1,
        sentenceStart: 0,
        sentenceEnd: 55,
        type: 'supplies',
        from: 'mzkt',
        to: 'army',
        confidence: 0.8,
        trigger: 'supplies',
      },
    ],
    ...overrides,
  };
}

/** Runs the shared Store contract suite against stores made by `factory`. */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty, with only its own migration history in the log', async () => {
      const s = await store.stats();
      expect({ ...s, changes: 0 }).toEqual({
        documents: 0,
        paragraphs: 0,
        mentions: 0,
        claims: 0,
        runs: 0,
        changes: 0,
      });
      expect(await store.listDocuments()).toEqual([]);
      expect(await store.search('anything')).toEqual([]);
    });

    it('stores a document and gives back its paragraphs in reading order with their anchors', async () => {
      const r = await store.putDocument(sampleDocument(), who);
      expect(r).toEqual({
        status: 'created',
        version: 1,
        kept: 0,
        added: 4,
        removed: 0,
        mentions: 2,
        claims: 1,
      });
      const doc = await store.getDocument('doc-a');
      expect(doc).toMatchObject({
        source: 'doc-a',
        title: 'Rail and repair',
        author: 'A. Writer',
        version: 1,
        paragraphs: 4,
        mentions: 1,
        candidates: 1,
        claims: 1,
      });
      const ps = await store.getParagraphs('doc-a');
      expect(ps.map((p) => `${p.section}/${p.paragraph}`)).toEqual([
        'intro/1',
        'intro/2',
        'repair/1',
        'repair/2',
      ]);
      expect((await store.getParagraph('doc-a', 'repair', 1))?.text).toMatch(/^The plant at Baranovichi/);
      expect(await store.getParagraph('doc-a', 'repair', 9)).toBeUndefined();
    });

    it('re-putting identical content changes nothing and logs nothing', async () => {
      await store.putDocument(sampleDocument(), who);
      const before = await store.changes();
      const r = await store.putDocument(sampleDocument(), { actor: 'other' });
      expect(r.status).toBe('unchanged');
      expect(r.version).toBe(1);
      expect(await store.changes()).toEqual(before);
    });

    it('an edited document keeps unchanged paragraphs, replaces edited ones and drops removed ones', async () => {
      await store.putDocument(sampleDocument(), who);
      const doc = sampleDocument();
      const edited = {
        ...doc,
        contentHash: 'c2',
        paragraphs: [
          doc.paragraphs[0],
          para('intro', 2, 1, 'Rail transit through Belarus carries fuel.'),
          doc.paragraphs[2],
        ],
      };
      const r = await store.putDocument(edited, who);
      expect(r).toMatchObject({ status: 'updated', version: 2, kept: 2, added: 1, removed: 1 });
      expect((await store.getParagraphs('doc-a')).map((p) => p.text)).toEqual(
        edited.paragraphs.map((p) => p.text),
      );
      expect(await store.search('ammunition')).toEqual([]);
      expect((await store.search('fuel')).length).toBe(1);
    });

    it('searches with bm25 ranking, anchors and highlighted snippets; tolerant of diacritics; safe with odd input', async () => {
      await store.putDocument(sampleDocument(), who);
      await store.putDocument(
        sampleDocument({
          source: 'doc-b',
          contentHash: 'cb',
          paragraphs: [
            para('x', 1, 0, 'Repairs, repairs and more repairs at Baranovičí.'),
            para('x', 2, 1, 'Nothing here.'),
          ],
          mentions: [],
          claims: [],
        }),
        who,
      );
      const hits = await store.search('repairs');
      expect(hits.map((h) => `${h.source}#${h.section}/${h.paragraph}`)).toEqual([
        'doc-b#x/1',
        'doc-a#repair/1',
      ]);
      expect(hits[0].score).toBeLessThanOrEqual(hits[1].score);
      expect(hits[0].snippet).toContain('[Repairs]');
      expect((await store.search('baranovici')).map((h) => h.source)).toEqual(
        expect.arrayContaining(['doc-b']),
      );
      expect(await store.search('repairs', { source: 'doc-a' })).toHaveLength(1);
      expect(await store.search('"gas prices"')).toHaveLength(1);
      expect(await store.search('gas ( prices ) "')).toHaveLength(1);
      expect(await store.search('*** ---')).toEqual([]);
      // headings are indexed too: repair/2 matches through its heading REPAIR
      expect(
        (await store.search('repair*')).map((h) => `${h.source}#${h.section}/${h.paragraph}`).sort(),
      ).toEqual(['doc-a#repair/1', 'doc-a#repair/2', 'doc-b#x/1']);
    });

    it('lists mentions and candidate names', async () => {
      await store.putDocument(sampleDocument(), who);
      expect((await store.listMentions({ entity: 'mzkt' })).map((m) => m.surface)).toEqual([
        'Minsk tractor works',
      ]);
      expect(await store.candidateNames()).toEqual([{ name: 'Belarus', count: 1, sources: ['doc-a'] }]);
      expect(await store.listMentions({ candidates: true })).toHaveLength(1);
    });

    it('records claim decisions, keeps them across re-ingests, and drops stale pending claims', async () => {
      const doc = sampleDocument();
      const second = {
        ...doc.claims[0],
        id: 'c-0000000002',
        type: 'repairs',
        from: 'plant',
        to: 'ru',
        section: 'repair',
      };
      await store.putDocument({ ...doc, claims: [doc.claims[0], second] }, who);
      expect((await store.listClaims({ status: 'pending' })).length).toBe(2);
      const c = await store.decideClaim(
        'c-0000000001',
        'accepted',
        { ...who, reason: 'checked' },
        'model.yaml',
      );
      expect(c).toMatchObject({
        status: 'accepted',
        decidedBy: 'tester',
        reason: 'checked',
        writtenTo: 'model.yaml',
      });
      await store.putDocument({ ...doc, contentHash: 'c9', claims: [] }, who);
      expect((await store.listClaims()).map((x) => `${x.id}:${x.status}`)).toEqual(['c-0000000001:accepted']);
      await expect(store.decideClaim('c-nope', 'rejected', who)).rejects.toThrow(/no claim "c-nope"/);
      expect(await store.listClaims({ status: 'rejected' })).toEqual([]);
    });

    it('saves, gets and lists analysis runs with their parameters and result as JSON', async () => {
      const a = await store.saveRun(
        { kind: 'simulate', model: 'rb', seed: 7, parameters: { remove: ['x'] }, result: { loss: [0.5, 1] } },
        who,
      );
      const b = await store.saveRun(
        { kind: 'monte-carlo', parameters: { n: 10 }, result: null },
        { actor: 'tester', at: '2026-01-03T00:00:00.000Z' },
      );
      expect(a.id).not.toBe(b.id);
      expect(await store.getRun(a.id)).toEqual({
        id: a.id,
        kind: 'simulate',
        model: 'rb',
        seed: 7,
        createdAt: who.at,
        parameters: { remove: ['x'] },
        result: { loss: [0.5, 1] },
      });
      expect((await store.listRuns()).map((r) => r.id)).toEqual([b.id, a.id]);
      expect((await store.listRuns({ kind: 'simulate' })).map((r) => r.id)).toEqual([a.id]);
      expect(await store.getRun('r-missing')).toBeUndefined();
    });

    it('logs every change with who, when, what and why, oldest first', async () => {
      const start = (await store.changes()).length;
      await store.putDocument(sampleDocument(), who);
      await store.decideClaim('c-0000000001', 'rejected', { actor: 'ana', reason: 'wrong direction' });
      await store.deleteDocument('doc-a', who);
      const log = (await store.changes()).slice(start);
      expect(log.map((c) => [c.actor, c.action, c.target])).toEqual([
        ['tester', 'ingest', 'document:doc-a'],
        ['ana', 'reject', 'claim:c-0000000001'],
        ['tester', 'delete', 'document:doc-a'],
      ]);
      expect(log[1].reason).toBe('wrong direction');
      expect(log[0].at).toBe(who.at);
      expect(log[0].seq).toBeLessThan(log[1].seq);
      expect(await store.stats()).toMatchObject({ documents: 0, paragraphs: 0, mentions: 0, claims: 0 });
      expect(await store.deleteDocument('doc-a', who)).toBe(false);
    });

    it('writes a batch of documents as the same puts one by one would, one result each in order', async () => {
      const b = sampleDocument({
        source: 'doc-b',
        contentHash: 'cb',
        paragraphs: [para('x', 1, 0, 'Rail transit through Belarus.')],
        mentions: [],
        claims: [],
      });
      const edited = sampleDocument({ contentHash: 'c2', paragraphs: sampleDocument().paragraphs.slice(1) });
      await store.putDocument(sampleDocument(), who);
      const start = (await store.changes()).length;
      expect(await store.putDocuments([], who)).toEqual([]);
      const rs = await store.putDocuments([b, edited], who);
      expect(rs).toEqual([
        { status: 'created', version: 1, kept: 0, added: 1, removed: 0, mentions: 0, claims: 0 },
        { status: 'updated', version: 2, kept: 3, added: 0, removed: 1, mentions: 2, claims: 1 },
      ]);
      expect((await store.changes()).slice(start).map((c) => [c.action, c.target])).toEqual([
        ['ingest', 'document:doc-b'],
        ['reingest', 'document:doc-a'],
      ]);
      expect((await store.getParagraphs('doc-a')).map((p) => p.text)).toEqual(
        edited.paragraphs.map((p) => p.text),
      );
      // both documents are in the full-text index
      expect(
        (await store.search('belarus')).map((h) => `${h.source}#${h.section}/${h.paragraph}`).sort(),
      ).toEqual(['doc-a#intro/2', 'doc-b#x/1']);
      // unchanged documents in a batch change nothing and log nothing
      const before = await store.changes();
      expect((await store.putDocuments([b, edited], { actor: 'other' })).map((r) => r.status)).toEqual([
        'unchanged',
        'unchanged',
      ]);
      expect(await store.changes()).toEqual(before);
    });

    it('a batch with one bad document writes none of them', async () => {
      await store.putDocument(sampleDocument(), who);
      const before = { stats: await store.stats(), changes: await store.changes() };
      const good = sampleDocument({ source: 'doc-b', contentHash: 'cb', claims: [] });
      const doc = sampleDocument();
      const bad = { ...doc, contentHash: 'dup', paragraphs: [doc.paragraphs[0], doc.paragraphs[0]] };
      await expect(store.putDocuments([good, bad], who)).rejects.toThrow(/duplicate anchor/);
      await expect(store.putDocuments([good, good], who)).rejects.toThrow(/doc-b: twice in one batch/);
      expect({ stats: await store.stats(), changes: await store.changes() }).toEqual(before);
      expect(await store.getDocument('doc-b')).toBeUndefined();
      expect((await store.getParagraphs('doc-a')).length).toBe(4);
    });

    it('rejects a document with duplicate anchors and leaves the store as it was', async () => {
      await store.putDocument(sampleDocument(), who);
      const before = await store.stats();
      const doc = sampleDocument();
      await expect(
        store.putDocument(
          { ...doc, contentHash: 'dup', paragraphs: [doc.paragraphs[0], doc.paragraphs[0]] },
          who,
        ),
      ).rejects.toThrow(/duplicate anchor/);
      expect(await store.stats()).toEqual(before);
      expect((await store.getParagraphs('doc-a')).length).toBe(4);
    });
  });
}
