/** The MathRenderer: a cache in front of KaTeX-checked, MathJax-drawn, resvg-rasterised formulas and cards. */
import { formulaKey, formulasOf } from './card-formulas.ts';
import type { FormulaOutcome } from './draw-card.ts';
import { InlineRunner } from './inline-runner.ts';
import type { FormulaResult } from './layout-card.ts';
import { RenderCache } from './render-cache.ts';
import type { JobOutput, RenderJob } from './render-job.ts';
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from './render-limits.ts';
import { guardTex } from './tex-guard.ts';
import { WorkerPool } from './worker-pool.ts';
import { UserFacingError } from '../errors.ts';

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
const ERROR_ENTRY_BYTES = 512;

/** A drawn PNG with what it says in words. */
export interface RenderedImage {
  /** The PNG file's bytes (shared with the cache: do not modify). */
  png: Buffer;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The text alternative: the TeX, or the card's prose with math as TeX. */
  altText: string;
  /** One sentence per formula that was drawn as plain text instead. */
  warnings: string[];
}

/** Draws TeX formulas and hint cards as PNG images. */
export interface MathRenderer {
  /** Draws one formula; throws TexError saying what is wrong and where. */
  renderTex(tex: string, options?: { display?: boolean }): Promise<RenderedImage>;
  /** Draws Markdown with $…$, $$…$$, \(…\) and \[…\] as one card; refused formulas become text and warnings. */
  renderCard(markdown: string): Promise<RenderedImage>;
  /** Stops the render threads. */
  close(): Promise<void>;
}

/** How the renderer runs. */
export interface MathRendererOptions {
  /**
   * Render threads. 0, the default, draws on the calling thread, one job at a time: on the bench
   * that is faster at every percentile than a pool (see README, "Math rendering"). A pool can stop
   * a job mid-drawing when it overruns its time; the calling thread only stops it between stages.
   */
  workers?: number;
  /** Bytes of PNGs and formula drawings kept in memory. Default 32 MiB. */
  cacheBytes?: number;
  /** Overrides of the default limits. */
  limits?: Partial<RenderLimits>;
}

type Settled<Value> = { value: Value } | { error: Error };

/** The MathJax + resvg renderer behind a bounded cache, on the calling thread unless `workers` asks for a pool. */
export class MathJaxRenderer implements MathRenderer {
  private readonly limits: RenderLimits;
  private readonly pool: WorkerPool | undefined;
  private readonly inline: InlineRunner;
  private readonly images: RenderCache<Settled<RenderedImage>>;
  private readonly formulas: RenderCache<FormulaResult>;
  private readonly inFlight = new Map<string, Promise<RenderedImage>>();

  constructor(options: MathRendererOptions = {}) {
    this.limits = { ...DEFAULT_RENDER_LIMITS, ...options.limits };
    const workers = options.workers ?? 0;
    this.pool = workers > 0 ? new WorkerPool(workers, this.limits) : undefined;
    this.inline = new InlineRunner(this.limits);
    const budget = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
    this.images = new RenderCache(budget * 0.75, (entry) => ('value' in entry ? entry.value.png.length + entry.value.altText.length * 2 : ERROR_ENTRY_BYTES));
    this.formulas = new RenderCache(budget * 0.25, (entry) => ('formula' in entry ? entry.formula.body.length * 2 : ERROR_ENTRY_BYTES));
  }

  renderTex(tex: string, options: { display?: boolean } = {}): Promise<RenderedImage> {
    const display = options.display ?? false;
    return this.cached(`tex:${formulaKey(tex, display)}`, async () => {
      guardTex(tex, this.limits);
      return toImage(await this.run({ kind: 'formula', tex, display }));
    });
  }

  renderCard(markdown: string): Promise<RenderedImage> {
    return this.cached(`card:${markdown}`, async () => {
      if (markdown.length > this.limits.maxCardChars) {
        throw new UserFacingError(`This text is ${markdown.length} characters long; the most drawn as one image is ${this.limits.maxCardChars}.`);
      }
      const formulas = await Promise.all(formulasOf(markdown).map((formula) => this.formulaOutcome(formula.tex, formula.display)));
      return toImage(await this.run({ kind: 'card', markdown, formulas }));
    });
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private async formulaOutcome(tex: string, display: boolean): Promise<FormulaOutcome> {
    const key = formulaKey(tex, display);
    let result = this.formulas.get(key);
    if (!result) {
      try {
        guardTex(tex, this.limits);
        const output = await this.run({ kind: 'formulaSvg', tex, display });
        result = output.kind === 'formulaSvg' ? { formula: output.formula } : { error: 'It was not drawn' };
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        result = { error: error.message };
      }
      this.formulas.set(key, result);
    }
    return { tex, display, result };
  }

  private run(job: RenderJob): Promise<JobOutput> {
    return this.pool ? this.pool.run(job) : this.inline.run(job);
  }

  /** Draws once per key: later calls share the first call's bytes, or its TexError. */
  private cached(key: string, draw: () => Promise<RenderedImage>): Promise<RenderedImage> {
    const settled = this.images.get(key);
    if (settled) return 'value' in settled ? Promise.resolve({ ...settled.value, warnings: [...settled.value.warnings] }) : Promise.reject(settled.error);
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = draw().then(
      (value) => {
        this.images.set(key, { value });
        return value;
      },
      (error: unknown) => {
        if (error instanceof UserFacingError) this.images.set(key, { error });
        throw error;
      },
    ).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}

function toImage(output: JobOutput): RenderedImage {
  if (output.kind !== 'image') throw new Error('A render job returned no image');
  const png = Buffer.isBuffer(output.png) ? output.png : Buffer.from(output.png);
  return { png, width: output.width, height: output.height, altText: output.altText, warnings: output.warnings };
}

