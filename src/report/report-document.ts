// The report as plain data: sections of blocks (paragraphs, lists, tables, findings, figures). The
// figures carry their data, not their drawing, so every renderer (Markdown, HTML, PDF) draws them
// its own way and the document itself can be compared, stored or sent as JSON.

/** A citation, shown as "source §section ¶n". */
export interface CiteRef {
  source: string;
  section: string;
  paragraph: number;
  to?: number;
}

/** A number with its uncertainty: P5 / P50 / P95 of the Monte Carlo, or the nominal value only. */
export interface Estimate {
  label: string;
  unit: string;
  nominal: number | null;
  /** Percentile -> value (null: never, e.g. not recovered within the horizon). */
  p?: Record<string, number | null>;
}

export interface Finding {
  id: string;
  text: string;
  numbers: Estimate[];
  cite: CiteRef[];
}

export interface DependencyNode {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  /** capability: an analysed capability; spof: a single point of failure; cut: member of a smallest cut set; path: on an explaining path. */
  role: 'capability' | 'spof' | 'cut' | 'path';
  /** True when the node belongs to the country exposure is measured on. */
  exposed: boolean;
}

export interface DependencyEdge {
  /** The provider. */
  from: string;
  /** The node that depends on it. */
  to: string;
  input: string;
}

export type Figure =
  | {
      kind: 'dependency-graph';
      nodes: DependencyNode[];
      edges: DependencyEdge[];
      exposedCountry: string | null;
    }
  | {
      kind: 'level-curves';
      scenario: string;
      horizon: number;
      /** Percentiles of the band (low, mid, high), e.g. [5, 50, 95]. */
      band: [number, number, number];
      samples: number;
      series: { id: string; name: string; t: number[]; low: number[]; mid: number[]; high: number[] }[];
    }
  | { kind: 'bars'; unit: string; rows: { label: string; value: number }[] }
  | {
      kind: 'tornado';
      output: string;
      metric: string;
      unit: string;
      nominal: number;
      rows: { label: string; low: number; high: number }[];
    };

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'findings'; findings: Finding[] }
  | {
      type: 'table';
      caption?: string;
      columns: string[];
      /** 'r' for numbers. */
      align: ('l' | 'r')[];
      rows: string[][];
    }
  | { type: 'figure'; id: string; caption: string; figure: Figure };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** Run parameters: model, version, as-of, seed, samples, date of the run. */
  parameters: { label: string; value: string }[];
  sections: Section[];
}
