/** Problem sets on the engine's Store: one record per set (replaced atomically) plus an index of ids. */
import { updateRecord, type Store } from '../store/store.ts';
import { parseProblemSet } from './parse-problem-set.ts';
import { findProblem } from './problem-set.ts';
import { resolvePolicy } from './resolve-policy.ts';
import type { ProblemInSet, ProblemSetIndex, ProblemSetSummary, SaveResult, StoredProblemSet } from './stored-problem-set.ts';

const INDEX_KEY = 'problemsets:index';
const setKey = (id: string) => `problemset:${id}`;

/** Upload, list, show, remove and export problem sets. */
export class ProblemSetLibrary {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Validates `text` and stores it, replacing any set with the same id in one compare-and-set.
   * Throws ProblemSetError (nothing written) when the file is invalid.
   */
  async save(text: string, uploadedBy: string): Promise<SaveResult> {
    const set = parseProblemSet(text);
    const problemIds = set.problems.map((problem) => problem.id);
    let previous: StoredProblemSet | undefined;
    const uploadedAt = this.now().toISOString();
    const stored = await updateRecord<StoredProblemSet>(this.store, setKey(set.id), (current) => {
      previous = current;
      return { ...set, problemIds, source: text, uploadedBy, uploadedAt, version: current?.version ?? 0 };
    });
    if (!stored) throw new Error(`Saving problem set ${set.id} wrote nothing`);
    await this.addToIndex(set.id);
    const before = new Set(previous?.problemIds ?? []);
    return {
      set: stored,
      replaced: previous !== undefined,
      added: problemIds.filter((id) => !before.has(id)),
      removed: [...before].filter((id) => !problemIds.includes(id)),
      kept: problemIds.filter((id) => before.has(id)),
    };
  }

  /** Every stored set, by id. */
  async list(): Promise<ProblemSetSummary[]> {
    const index = await this.store.get<ProblemSetIndex>(INDEX_KEY);
    const sets = await Promise.all((index?.ids ?? []).map((id) => this.get(id)));
    return sets.flatMap((set) =>
      set ? [{ id: set.id, title: set.title, problemCount: set.problems.length, uploadedBy: set.uploadedBy, uploadedAt: set.uploadedAt, version: set.version }] : [],
    );
  }

  /** The stored set with `id`, or undefined. */
  async get(id: string): Promise<StoredProblemSet | undefined> {
    return this.store.get<StoredProblemSet>(setKey(id));
  }

  /** One problem with its effective policy, or undefined when the set or the problem is gone. */
  async problem(setId: string, problemId: string): Promise<ProblemInSet | undefined> {
    const set = await this.get(setId);
    const problem = set && findProblem(set, problemId);
    return set && problem ? { set, problem, policy: resolvePolicy(set, problem) } : undefined;
  }

  /** Removes the set; true if there was one. */
  async remove(id: string): Promise<boolean> {
    const existed = await this.store.delete(setKey(id));
    await updateRecord<ProblemSetIndex>(this.store, INDEX_KEY, (index) =>
      index?.ids.includes(id) ? { ids: index.ids.filter((listed) => listed !== id), version: index.version } : undefined,
    );
    // An upload of the same id may have landed between the delete and the index update: keep it listed.
    if (await this.get(id)) await this.addToIndex(id);
    return existed;
  }

  /** The file exactly as uploaded, or undefined when there is no such set. */
  async export(id: string): Promise<string | undefined> {
    return (await this.get(id))?.source;
  }

  private async addToIndex(id: string): Promise<void> {
    await updateRecord<ProblemSetIndex>(this.store, INDEX_KEY, (index) =>
      index?.ids.includes(id) ? undefined : { ids: [...(index?.ids ?? []), id].sort(), version: index?.version ?? 0 },
    );
  }
}
