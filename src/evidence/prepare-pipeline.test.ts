import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCorpus } from './generate-corpus.js';
import { buildGazetteer } from './gazetteer.js';
import { prepareDocument, readDocument } from './prepare-document.js';
import { packDocument, unpackDocument } from './pack-document.js';
import { nextLoadSample, preparePipeline, spareCores, type PrepareJob } from './prepare-pipeline.js';
import type { DocumentInput } from '../store/store.js';

function corpusJobs(seed: number, pages: number, entities: number) {
  const c = generateCorpus({ pages, entities, pagesPerDocument: 4, seed });
  const gazetteer = buildGazetteer(c.entities);
  const jobs: PrepareJob[] = c.documents.map((d, i) => ({
    source: `s${i}`,
    path: d.name,
    text: d.text,
    bytes: d.text.length,
    read: readDocument(d.name, d.text),
  }));
  const direct = jobs.map((j) => prepareDocument(j, { gazetteer }));
  return { gazetteer, jobs, direct };
}

async function drain(
  jobs: PrepareJob[],
  gazetteer: ReturnType<typeof buildGazetteer>,
  workers: number,
  maxDocs: number,
  maxBytes: number,
  help = true,
) {
  const p = preparePipeline({
    gazetteer,
    workers,
    minBytes: 0,
    help,
    expect: { documents: jobs.length, bytes: jobs.reduce((s, j) => s + j.bytes, 0) },
  });
  const batches: DocumentInput[][] = [];
  try {
    expect(await p.take(maxDocs, maxBytes)).toEqual([]);
    p.start(jobs);
    for (let b; (b = await p.take(maxDocs, maxBytes)).length;) batches.push(b);
  } finally {
    await p.close();
  }
  return { started: p.workers, batches, prepared: { ...p.prepared } };
}

describe('packDocument / unpackDocument', () => {
  it('round-trips every prepared document of generated corpora exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const { jobs, direct } = corpusJobs(seed, 8, 60);
        direct.forEach((doc, i) => {
          const packed = packDocument(doc);
          expect(packed.mentions.length).toBe(5 * doc.mentions.length);
          expect(packed.otherClaims).toEqual([]);
          expect(unpackDocument(packed, jobs[i].read.split.paragraphs)).toEqual(doc);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('passes claims that do not belong to the document as they are', () => {
    const { jobs, direct } = corpusJobs(3, 8, 60);
    const doc = direct.find((d) => d.claims.length)!;
    const odd = { ...doc, claims: [...doc.claims, { ...doc.claims[0], id: 'c-x', source: 'elsewhere' }] };
    const packed = packDocument(odd);
    expect(packed.otherClaims).toHaveLength(odd.claims.length);
    expect(unpackDocument(packed, jobs[direct.indexOf(doc)].read.split.paragraphs)).toEqual(odd);
  });
});

describe('preparePipeline', () => {
  it('with a worker thread, gives the documents prepareDocument gives, in input order, within the batch limits', async () => {
    const { gazetteer, jobs, direct } = corpusJobs(7, 48, 400);
    for (const [maxDocs, maxBytes, help] of [
      [4, 1 << 20, false],
      [16, 30_000, false],
      [1, 1, true],
      [16, 1 << 20, true],
    ] as const) {
      const { started, batches, prepared } = await drain(jobs, gazetteer, 1, maxDocs, maxBytes, help);
      expect(started).toBe(1);
      expect(prepared.main + prepared.workers).toBe(jobs.length);
      // whatever thread prepared what (timing decides when the main thread helps)
      if (!help) expect(prepared.workers).toBe(jobs.length);
      expect(batches.flat()).toEqual(direct);
      for (const b of batches) {
        expect(b.length).toBeGreaterThan(0);
        expect(b.length).toBeLessThanOrEqual(maxDocs);
        // a batch stays within maxBytes unless it is one document larger than that
        if (b.length > 1) expect(b.reduce((s, d) => s + d.bytes, 0)).toBeLessThanOrEqual(maxBytes);
      }
    }
  }, 60_000);

  it('without workers (or for small input) prepares on the main thread, same result', async () => {
    const { gazetteer, jobs, direct } = corpusJobs(8, 24, 100);
    expect(jobs).toHaveLength(6);
    const none = await drain(jobs, gazetteer, 0, 5, 1 << 20);
    expect(none.started).toBe(0);
    expect(none.prepared).toEqual({ main: 6, workers: 0 });
    expect(none.batches.map((b) => b.length)).toEqual([5, 1]);
    expect(none.batches.flat()).toEqual(direct);
    const small = preparePipeline({ gazetteer, workers: 1, expect: { documents: 1, bytes: 1e9 } });
    expect(small.workers).toBe(0);
    small.start(jobs.slice(0, 1));
    expect(await small.take(4, 1 << 20)).toEqual(direct.slice(0, 1));
    expect(await small.take(4, 1 << 20)).toEqual([]);
    await small.close();
    // a worker was started for five documents, but only one needs preparing (the others unchanged)
    const fewer = preparePipeline({
      gazetteer,
      workers: 1,
      minBytes: 0,
      expect: { documents: 5, bytes: 1e9 },
    });
    expect(fewer.workers).toBe(1);
    fewer.start(jobs.slice(2, 3));
    expect(() => fewer.start(jobs)).toThrow(/start\(\) called twice/);
    expect(await fewer.take(4, 1 << 20)).toEqual(direct.slice(2, 3));
    expect(fewer.prepared).toEqual({ main: 1, workers: 0 });
    await fewer.close();
  });
});

describe('preparePipeline.offer', () => {
  it('prepares jobs handed over early, before start, and gives them back in order with the rest', async () => {
    const { gazetteer, jobs, direct } = corpusJobs(9, 40, 300);
    for (const [workers, help] of [
      [1, false],
      [1, true],
      [0, true],
    ] as const) {
      const p = preparePipeline({
        gazetteer,
        workers,
        minBytes: 0,
        help,
        expect: { documents: jobs.length, bytes: 1e9 },
      });
      const batches: DocumentInput[][] = [];
      try {
        const early = Math.ceil(jobs.length / 2);
        for (const job of jobs.slice(0, early)) p.offer(job);
        // the offered jobs must open the list given to start
        expect(() => p.start(jobs.slice(1))).toThrow(/begin with the offered jobs/);
        p.start(jobs);
        expect(() => p.offer(jobs[0])).toThrow(/offer\(\) after start\(\)/);
        for (let b; (b = await p.take(3, 1 << 20)).length;) batches.push(b);
      } finally {
        await p.close();
      }
      expect(batches.flat()).toEqual(direct);
      expect(p.prepared.main + p.prepared.workers).toBe(jobs.length);
      if (workers && !help) expect(p.prepared.workers).toBe(jobs.length);
    }
  }, 60_000);
});

describe('spareCores', () => {
  it('gives one thread per core besides the main one, at most 3, none when other processes fill every core', () => {
    expect(spareCores(2, 0, 0)).toBe(1);
    expect(spareCores(2, 1.9, 0)).toBe(1);
    expect(spareCores(2, 2, 0)).toBe(0);
    expect(spareCores(2, 6.2, 0)).toBe(0);
    // the load this process made itself is not other work
    expect(spareCores(2, 2.5, 1)).toBe(1);
    expect(spareCores(1, 0, 0)).toBe(0);
    expect(spareCores(8, 2, 0)).toBe(3);
    expect(spareCores(3, 1, 0)).toBe(2);
    expect(spareCores(8, 8.5, 0.4)).toBe(0);
  });
});

describe('nextLoadSample', () => {
  it('counts steady use of one core as the 1-minute load average of the kernel does: 1 - e^(-t/60)', () => {
    const a = nextLoadSample({ at: 0, cpu: 0, load: 0 }, 60, 60);
    expect(a.load).toBeCloseTo(1 - Math.exp(-1), 12);
    // in two steps or one, the same
    const b = nextLoadSample(a, 120, 120);
    expect(b.load).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(nextLoadSample({ at: 0, cpu: 0, load: 0 }, 120, 120).load).toBeCloseTo(b.load, 12);
    // idle for a minute: decays by e
    expect(nextLoadSample(b, 180, 120).load).toBeCloseTo(b.load / Math.E, 12);
    // no time passed: the CPU just used counts over the window
    expect(nextLoadSample(b, 120, 123).load).toBeCloseTo(b.load + 3 / 60, 12);
  });
});
