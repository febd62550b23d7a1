/** The records a problem-set library keeps, and what it hands back. */
import type { Policy } from '../policy.ts';
import type { Versioned } from '../store/store.ts';
import type { Problem, ProblemSet } from './problem-set.ts';

/** One set as stored: a single record, so a re-upload replaces all of it or none of it. */
export interface StoredProblemSet extends ProblemSet, Versioned {
  /** The problem ids in file order; progress kept by id survives a re-upload for ids still here. */
  readonly problemIds: readonly string[];
  /** The file exactly as uploaded, for export. */
  readonly source: string;
  /** Who uploaded this version (as the adapter names them, e.g. `discord:1234`). */
  readonly uploadedBy: string;
  /** When this version was uploaded (ISO 8601). */
  readonly uploadedAt: string;
}

/** One line of `list()`. */
export interface ProblemSetSummary {
  /** The set's id. */
  readonly id: string;
  /** The set's title. */
  readonly title: string;
  /** How many problems it has. */
  readonly problemCount: number;
  /** Who uploaded the current version. */
  readonly uploadedBy: string;
  /** When the current version was uploaded (ISO 8601). */
  readonly uploadedAt: string;
  /** Store version of the set's record: 1 for a first upload, one more for each replace. */
  readonly version: number;
}

/** What `save()` did: the stored set and how its problem ids changed. */
export interface SaveResult {
  /** The set as now stored. */
  readonly set: StoredProblemSet;
  /** True when a set with this id was replaced. */
  readonly replaced: boolean;
  /** Problem ids new in this version. */
  readonly added: readonly string[];
  /** Problem ids the previous version had and this one has not. */
  readonly removed: readonly string[];
  /** Problem ids in both versions: students' progress on these carries over. */
  readonly kept: readonly string[];
}

/** One problem found by (set id, problem id), with its effective policy. */
export interface ProblemInSet {
  /** The set it belongs to. */
  readonly set: StoredProblemSet;
  /** The problem. */
  readonly problem: Problem;
  /** Its effective policy: set policy, then the problem's overrides. */
  readonly policy: Policy;
}

/** The index record: which sets exist. */
export interface ProblemSetIndex extends Versioned {
  /** Ids of the stored sets, sorted. */
  readonly ids: readonly string[];
}
