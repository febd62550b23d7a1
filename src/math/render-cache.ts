/** A least-recently-used cache bounded by the bytes it holds. */

/** Keeps values until their total size passes the budget, dropping the least recently used first. */
export class RenderCache<Value> {
  private readonly entries = new Map<string, { value: Value; bytes: number }>();
  private totalBytes = 0;

  constructor(private readonly maxBytes: number, private readonly sizeOf: (value: Value) => number) {}

  /** The value for a key, marking it recently used. */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value, evicting old ones to stay within the budget; values over the budget are not kept. */
  set(key: string, value: Value): void {
    const bytes = this.sizeOf(value) + key.length * 2;
    const previous = this.entries.get(key);
    if (previous) {
      this.totalBytes -= previous.bytes;
      this.entries.delete(key);
    }
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= entry.bytes;
    }
  }

  /** Bytes held now. */
  get size(): number {
    return this.totalBytes;
  }
}
