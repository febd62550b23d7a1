/** Finds where a path such as `problems[2].answer` sits in the YAML text, as a line and column. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

/** A path into the parsed file: keys and list indexes. */
export type SourcePath = readonly PropertyKey[];

/** A 1-based line and column. */
export interface SourcePosition {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** Answers "where is this?" for one parsed document. */
export class SourceLocator {
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** A byte offset as a line and column. */
  position(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where to point for an issue at `path`: the value when it is there, its key when the value is
   * empty, and the start of the nearest enclosing mapping when the key is missing.
   */
  locate(path: SourcePath): SourcePosition {
    let node: unknown = this.document.contents;
    let offset = 0;
    for (const segment of path) {
      const pair = this.pairOf(node, segment);
      const child = pair ? pair.value : isSeq(node) && typeof segment === 'number' ? node.items[segment] : undefined;
      const start = startOf(child) ?? (pair ? startOf(pair.key) : undefined);
      if (start === undefined) return this.position(offset);
      offset = isEmptyScalar(child) && pair ? (startOf(pair.key) ?? start) : start;
      node = child;
    }
    return this.position(offset);
  }

  /** Where the key `key` of the mapping at `parent` is written. */
  locateKey(parent: SourcePath, key: string): SourcePosition {
    const pair = this.pairOf(this.nodeAt(parent), key);
    const start = pair ? startOf(pair.key) : undefined;
    return start === undefined ? this.locate(parent) : this.position(start);
  }

  /** The node at `path`, if the text has one. */
  nodeAt(path: SourcePath): unknown {
    return path.length === 0 ? this.document.contents : this.document.getIn(path, true);
  }

  private pairOf(node: unknown, key: PropertyKey): Pair | undefined {
    if (!isMap(node)) return undefined;
    const found = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
    return found;
  }
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && (node.value === null || node.value === '') && (node.range?.[0] ?? 0) === (node.range?.[1] ?? 0);
}
