// The loaded, normalised model: plain data that every analysis takes. Quantities are in canonical
// units (days for time, fractions for shares), defaults are filled in, and every element remembers
// where it was written (`at`) so later stages can point back at the YAML.
import type { CitationT, ConfidenceT, EntityKind, RelationType, RawSource, ValidT } from './schema.js';
import type { Dimension } from './units.js';

export type Citation = CitationT;
export type Confidence = ConfidenceT;
export type Valid = ValidT;
export type Source = RawSource & { at?: At };

/** Where something was written: file path (as given to the loader), 1-based line and column. */
export interface At {
  file: string;
  line: number;
  column: number;
}

/** Evidence carried by every element. */
export interface Evidence {
  cite: Citation[];
  confidence?: Confidence;
  valid?: Valid;
  estimate: boolean;
  note?: string;
  at?: At;
}

export type Distribution = 'point' | 'range' | 'uniform' | 'triangular' | 'pert' | 'lognormal';

/**
 * A normalised quantity. `nominal` is the value analyses use without sampling (the point, the
 * range midpoint, the mode, or the lognormal median); `min`/`max` bound it (equal for a point).
 * Values are in `unit`, the canonical unit of `dimension`; `givenUnit` is what the author wrote.
 */
export interface Quantity extends Evidence {
  dist: Distribution;
  nominal: number;
  min: number;
  max: number;
  mode?: number;
  median?: number;
  sigma?: number;
  unit?: string;
  givenUnit?: string;
  dimension?: Dimension;
}

export type AttributeValue = string | boolean | string[] | Quantity;

export interface Entity extends Evidence {
  id: string;
  kind: EntityKind;
  type?: string;
  name: string;
  aliases: string[];
  country?: string;
  location?: { lat: number; lon: number };
  tags: string[];
  description?: string;
  date?: string;
  authority?: string;
  programme?: string;
  targets?: string[];
  attributes: Record<string, AttributeValue>;
  quantities: Record<string, Quantity>;
  flow?: { capacity?: Quantity; demand?: Quantity; weight?: Quantity; inventory?: Quantity };
}

export interface Relation extends Evidence {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  attributes: Record<string, AttributeValue>;
  quantities: Record<string, Quantity>;
}

export interface Provider extends Evidence {
  provider: string;
  /** Fraction of the need it can cover (default 1). */
  share: Quantity;
  /** Effectiveness relative to the incumbent (default 1). */
  quality: Quantity;
  /** Cost factor relative to the incumbent (default 1). */
  cost: Quantity;
  /** Switch lead time in days (default 0: in use now). */
  leadTime: Quantity;
  capacity?: Quantity;
}

export interface Dependency extends Evidence {
  id: string;
  node: string;
  input: string;
  /** 1 = the node stops without this input; lower = it degrades (default 1). */
  criticality: Quantity;
  /** Days of stock or slack (default 0). */
  buffer: Quantity;
  bom?: Quantity;
  providers: Provider[];
}

export interface ModelMeta {
  id: string;
  title: string;
  version?: string;
  description?: string;
  focus?: { actor?: string; on?: string };
  as_of?: string;
}

/** A whole model, as the core takes it. */
export interface Model {
  meta: ModelMeta;
  sources: Source[];
  entities: Entity[];
  relations: Relation[];
  dependencies: Dependency[];
}
