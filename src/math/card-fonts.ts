/** The DejaVu fonts that hint-card prose is set in, shipped by the `dejavu-fonts-ttf` npm package. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFontMetrics, type FontMetrics } from './font-metrics.ts';

/** How a run of prose is set. */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

const FONT_FILES: Record<FontStyle, { file: string; family: string }> = {
  regular: { file: 'DejaVuSans.ttf', family: 'DejaVu Sans' },
  bold: { file: 'DejaVuSans-Bold.ttf', family: 'DejaVu Sans' },
  italic: { file: 'DejaVuSans-Oblique.ttf', family: 'DejaVu Sans' },
  boldItalic: { file: 'DejaVuSans-BoldOblique.ttf', family: 'DejaVu Sans' },
  mono: { file: 'DejaVuSansMono.ttf', family: 'DejaVu Sans Mono' },
};

const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const metricsByStyle = new Map<FontStyle, FontMetrics>();

/** Metrics of the font for a style, read once per thread. */
export function fontMetrics(style: FontStyle): FontMetrics {
  let metrics = metricsByStyle.get(style);
  if (!metrics) {
    const { file, family } = FONT_FILES[style];
    metrics = readFontMetrics(join(fontDirectory, file), family);
    metricsByStyle.set(style, metrics);
  }
  return metrics;
}
