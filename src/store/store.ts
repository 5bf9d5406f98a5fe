// The workspace store: documents and their paragraphs, a full-text index, mentions, candidate
// claims and their review state, analysis runs, and an append-only log of every change. A small,
// coarse-grained interface (each write is one atomic operation inside the implementation), async so
// that a networked implementation (PostgreSQL) can satisfy it; every implementation must pass the
// shared suite in store-contract.ts.

/** Document formats ingestion understands. */
export type DocumentFormat = 'markdown' | 'text' | 'html';

/** One paragraph as stored: its anchor (section slug + paragraph number) and content hash. */
export interface StoredParagraph {
  section: string;
  heading: string;
  /** Anchor number within the section (what citations use). */
  paragraph: number;
  /** 0-based position in the document (reading order). */
  ord: number;
  /** 1-based line in the (converted) text where the paragraph starts. */
  line: number;
  /** Content hash of the normalised paragraph text (hex). */
  hash: string;
  text: string;
}

/** A mention of a model entity (or, with `entity` null, a candidate name) in a paragraph. */
export interface StoredMention {
  section: string;
  paragraph: number;
  /** Model entity id, or null for a capitalised name that matches no entity. */
  entity: string | null;
  /** The entity's name, or the candidate name as written. */
  name: string;
  /** UTF-16 offsets of the match in the paragraph text. */
  start: number;
  end: number;
  /** The text at start..end (derived from the paragraph on reading). */
  surface: string;
}

export type ClaimStatus = 'pending' | 'accepted' | 'rejected';

/** A candidate claim extracted from a sentence: a proposed relation with a confidence. */
export interface StoredClaim {
  /** Stable id derived from source, anchor, type and ends (`c-` + 14 hex digits). */
  id: string;
  source: string;
  section: string;
  paragraph: number;
  sentence: string;
  type: string;
  from: string;
  to: string;
  /** 0..1. */
  confidence: number;
  /** The trigger words that matched. */
  trigger: string;
  status: ClaimStatus;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  /** Model file the accepted relation was written to. */
  writtenTo?: string;
}

/** A claim as ingestion proposes it: the sentence is given by its offsets in the paragraph text. */
export interface ClaimInput extends Omit<
  StoredClaim,
  'status' | 'decidedAt' | 'decidedBy' | 'reason' | 'writtenTo' | 'sentence'
> {
  sentenceStart: number;
  sentenceEnd: number;
}

/** Metadata and bookkeeping of an ingested document. */
export interface DocumentRecord {
  source: string;
  path: string;
  format: DocumentFormat;
  title?: string;
  author?: string;
  date?: string;
  description?: string;
  meta: Record<string, unknown>;
  /** Hash of the decoded text. */
  contentHash: string;
  /** Hash of the gazetteer mentions were found with. */
  gazetteerHash: string;
  bytes: number;
  /** Increments on every change of the stored document. */
  version: number;
  ingestedAt: string;
  paragraphs: number;
  /** Mentions of model entities, and of candidate names. */
  mentions: number;
  candidates: number;
  claims: number;
}

/** Everything one ingest of one document writes, replaced atomically. */
export interface DocumentInput {
  source: string;
  path: string;
  format: DocumentFormat;
  title?: string;
  author?: string;
  date?: string;
  description?: string;
  meta: Record<string, unknown>;
  contentHash: string;
  gazetteerHash: string;
  bytes: number;
  paragraphs: StoredParagraph[];
  mentions: StoredMention[];
  /** Claims without review state; states of claims with the same id are kept. */
  claims: ClaimInput[];
}

export interface Actor {
  /** Who makes the change (user name or `tyl`). */
  actor: string;
  /** ISO timestamp; defaults to now. */
  at?: string;
  reason?: string;
}

export interface PutDocumentResult {
  status: 'created' | 'updated' | 'unchanged';
  version: number;
  kept: number;
  added: number;
  removed: number;
  mentions: number;
  claims: number;
}

export interface SearchHit {
  source: string;
  title?: string;
  section: string;
  heading: string;
  paragraph: number;
  /** bm25 score (lower is better, as SQLite reports it). */
  score: number;
  /** Excerpt with matches wrapped in the highlight markers. */
  snippet: string;
}

export interface SearchOptions {
  limit?: number;
  source?: string;
  /** Markers around matched terms in snippets. */
  highlight?: [string, string];
}

export interface ClaimFilter {
  status?: ClaimStatus;
  source?: string;
  minConfidence?: number;
}

export interface MentionFilter {
  entity?: string;
  source?: string;
  /** Only candidate names (entity null). */
  candidates?: boolean;
}

/** A candidate entity: a capitalised name that matched no model entity, with its frequency. */
export interface CandidateName {
  name: string;
  count: number;
  sources: string[];
}

export interface RunInput {
  /** What analysis produced it, e.g. `simulate`, `monte-carlo`. */
  kind: string;
  model?: string;
  seed?: number;
  parameters: unknown;
  result: unknown;
}

export interface RunRecord extends RunInput {
  id: string;
  createdAt: string;
}

/** One entry of the append-only change log. */
export interface ChangeRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: unknown;
  reason?: string;
}

export interface StoreStats {
  documents: number;
  paragraphs: number;
  mentions: number;
  claims: number;
  runs: number;
  changes: number;
}

/** The workspace. All writes are atomic and logged in the change log. */
export interface Store {
  /** Schema version of the workspace. */
  readonly schemaVersion: number;
  getDocument(source: string): Promise<DocumentRecord | undefined>;
  listDocuments(): Promise<DocumentRecord[]>;
  /** Paragraphs of a document in reading order. */
  getParagraphs(source: string): Promise<StoredParagraph[]>;
  getParagraph(source: string, section: string, paragraph: number): Promise<StoredParagraph | undefined>;
  /**
   * Creates or replaces a document with its paragraphs, mentions and claims in one transaction.
   * Writes nothing (and logs nothing) when content and gazetteer hashes are those stored.
   */
  putDocument(doc: DocumentInput, who: Actor): Promise<PutDocumentResult>;
  /**
   * Writes several documents (distinct sources) as `putDocument` would, all in one transaction:
   * either every document of the batch is stored or, when one fails, none is. Results in input order.
   */
  putDocuments(docs: readonly DocumentInput[], who: Actor): Promise<PutDocumentResult[]>;
  /** Removes a document and everything derived from it. Returns false if absent. */
  deleteDocument(source: string, who: Actor): Promise<boolean>;
  /** Full-text search over paragraphs, best first. `query` is plain words; "quoted phrases" kept. */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  listMentions(filter?: MentionFilter): Promise<(StoredMention & { source: string })[]>;
  candidateNames(options?: { minCount?: number; limit?: number }): Promise<CandidateName[]>;
  listClaims(filter?: ClaimFilter): Promise<StoredClaim[]>;
  getClaim(id: string): Promise<StoredClaim | undefined>;
  /** Records a decision on a claim (and optionally where it was written). */
  decideClaim(
    id: string,
    decision: 'accepted' | 'rejected',
    who: Actor,
    writtenTo?: string,
  ): Promise<StoredClaim>;
  saveRun(run: RunInput, who: Actor): Promise<RunRecord>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(filter?: { kind?: string; limit?: number }): Promise<RunRecord[]>;
  /** The change log, oldest first. */
  changes(filter?: { since?: number; target?: string; limit?: number }): Promise<ChangeRecord[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/** Creates a fresh, empty store (for the contract suite). */
export type StoreFactory = () => Promise<Store>;
