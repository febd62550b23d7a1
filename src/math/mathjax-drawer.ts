/** Draws TeX as SVG with MathJax 4 (glyphs as paths, so no fonts are needed to rasterise). */
import { mathjax } from '@mathjax/src/js/mathjax.js';
import { TeX } from '@mathjax/src/js/input/tex.js';
import { SVG } from '@mathjax/src/js/output/svg.js';
import { liteAdaptor } from '@mathjax/src/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from '@mathjax/src/js/handlers/html.js';
import '@mathjax/src/js/util/asyncLoad/esm.js';
import '@mathjax/src/js/input/tex/base/BaseConfiguration.js';
import '@mathjax/src/js/input/tex/ams/AmsConfiguration.js';
import '@mathjax/src/js/input/tex/newcommand/NewcommandConfiguration.js';
import '@mathjax/src/js/input/tex/configmacros/ConfigMacrosConfiguration.js';
import '@mathjax/src/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import '@mathjax/src/js/input/tex/cancel/CancelConfiguration.js';
import '@mathjax/src/js/input/tex/color/ColorConfiguration.js';
import '@mathjax/src/js/input/tex/mathtools/MathtoolsConfiguration.js';
import '@mathjax/src/js/input/tex/mhchem/MhchemConfiguration.js';
import '@mathjax/src/js/input/tex/braket/BraketConfiguration.js';
import '@mathjax/src/js/input/tex/textmacros/TextMacrosConfiguration.js';
import '@mathjax/src/js/input/tex/amscd/AmsCdConfiguration.js';
import '@mathjax/src/js/input/tex/gensymb/GensymbConfiguration.js';
import '@mathjax/src/js/input/tex/upgreek/UpgreekConfiguration.js';
import '@mathjax/src/js/input/tex/centernot/CenternotConfiguration.js';
import { MathJaxNewcmFont } from '@mathjax/mathjax-newcm-font/js/svg.js';
import { MathJaxMhchemFontExtension } from '@mathjax/mathjax-mhchem-font-extension/js/svg.js';
import type { FontStyle } from './card-fonts.ts';
import type { RenderLimits } from './render-limits.ts';
import { TexError } from './tex-error.ts';
import { glyphPath, shapeLine } from './text-shaper.ts';

/** Safe packages only: no html, require, autoload, unicode, bbox, enclose or action. */
const PACKAGES = [
  'base', 'ams', 'newcommand', 'configmacros', 'boldsymbol', 'cancel', 'color', 'mathtools', 'mhchem',
  'braket', 'textmacros', 'amscd', 'gensymb', 'upgreek', 'centernot',
];
const MACROS = { bold: ['\\mathbf{#1}', 1], emph: ['\\textit{#1}', 1], mbox: ['\\text{#1}', 1] };
const MAX_BUFFER_CHARS = 5 * 1024;
const UNITS_PER_EM = 1000;
/** Definitions persist in a MathJax document, so formulas that define anything get a fresh one. */
const DEFINES_MACROS = /\\(def|gdef|edef|xdef|let|global|newcommand|renewcommand|providecommand|newenvironment|renewenvironment|DeclareMathOperator|DeclarePairedDelimiter)(?![a-zA-Z])/;

/** A formula drawn by MathJax, measured in em so callers can scale it. */
export interface FormulaSvg {
  /** The markup inside the root `<svg>`, in MathJax units (1000 per em), y down, baseline at 0. */
  readonly body: string;
  /** The viewBox `minX minY width height` in MathJax units. */
  readonly viewBox: readonly [number, number, number, number];
  /** Width in em. */
  readonly widthEm: number;
  /** Height above the baseline in em. */
  readonly ascentEm: number;
  /** Depth below the baseline in em. */
  readonly descentEm: number;
}

MathJaxNewcmFont.addExtension(MathJaxMhchemFontExtension);
const adaptor = liteAdaptor();
/** Height MathJax assumes for text it has no glyphs for, in em (its lite adaptor's default). */
const UNKNOWN_TEXT_HEIGHT_EM = 0.8;
/**
 * MathJax sets characters its font lacks (\text{速度}, Arabic, emoji) as SVG <text>, which resvg
 * would draw with no font: it vanished. Here such text is measured by the card shaper (so MathJax
 * leaves the right room) and then replaced by the shaped glyph outlines (textToGlyphs).
 */
adaptor.nodeSize = (node) => {
  const element = node as never;
  const size = parseFloat(adaptor.getAttribute(element, 'font-size') ?? '1000') / UNITS_PER_EM;
  const style = textStyle(adaptor.getAttribute(element, 'font-weight'), adaptor.getAttribute(element, 'font-style'), adaptor.getAttribute(element, 'font-family'));
  return [shapeLine(adaptor.textContent(element), style).width * size, UNKNOWN_TEXT_HEIGHT_EM];
};
RegisterHTMLHandler(adaptor);
let sharedDocument: ReturnType<typeof createDocument> | undefined;

function createDocument(limits: RenderLimits) {
  const input = new TeX({
    packages: PACKAGES,
    macros: MACROS,
    maxMacros: limits.maxMacroExpansions,
    maxBuffer: MAX_BUFFER_CHARS,
    tags: 'none',
    formatError: (_jax: unknown, error: Error) => {
      throw error;
    },
  });
  const output = new SVG({ fontData: MathJaxNewcmFont, fontCache: 'none', linebreaks: { inline: false } });
  return mathjax.document('', { InputJax: input, OutputJax: output });
}

/** Draws one formula; throws TexError when MathJax cannot read it. */
export async function drawWithMathJax(tex: string, display: boolean, limits: RenderLimits): Promise<FormulaSvg> {
  const document = DEFINES_MACROS.test(tex) ? createDocument(limits) : (sharedDocument ??= createDocument(limits));
  let markup: string;
  try {
    const node = await document.convertPromise(tex, { display, em: 16, ex: 8, containerWidth: 80 * 16 });
    markup = adaptor.serializeXML(adaptor.firstChild(node) as never);
  } catch (error) {
    throw toTexError(error, tex);
  } finally {
    document.clear();
  }
  return parseSvg(markup);
}

function parseSvg(markup: string): FormulaSvg {
  const viewBoxMatch = /viewBox="([^"]+)"/.exec(markup);
  const numbers = (viewBoxMatch?.[1] ?? '0 0 0 0').split(/\s+/).map(Number);
  const [minX = 0, minY = 0, width = 0, height = 0] = numbers;
  const body = markup
    .slice(markup.indexOf('>') + 1, markup.lastIndexOf('</svg>'))
    .replace(/ data-[a-z-]+="[^"]*"/g, '')
    .replace(/<text([^>]*)>([^<]*)<\/text>/g, (_match, attributes: string, text: string) => textToGlyphs(attributes, unescapeXml(text)));
  return {
    body,
    viewBox: [minX, minY, width, height],
    widthEm: width / UNITS_PER_EM,
    ascentEm: -minY / UNITS_PER_EM,
    descentEm: (minY + height) / UNITS_PER_EM,
  };
}

function textStyle(weight: string | undefined, slant: string | undefined, family: string | undefined): FontStyle {
  if (/mono/i.test(family ?? '')) return 'mono';
  const isBold = weight === 'bold';
  const isItalic = slant === 'italic';
  return isBold && isItalic ? 'boldItalic' : isBold ? 'bold' : isItalic ? 'italic' : 'regular';
}

/** A MathJax <text> element (y down inside a y-up formula) as shaped glyph outlines in the formula's own coordinates. */
function textToGlyphs(attributes: string, text: string): string {
  const attribute = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(attributes)?.[1];
  const size = parseFloat(attribute('font-size') ?? '1000') / UNITS_PER_EM;
  const line = shapeLine(text, textStyle(attribute('font-weight'), attribute('font-style'), attribute('font-family')));
  const paths = line.glyphs.map((glyph) => {
    const path = glyphPath(glyph.key);
    return path ? `<path transform="translate(${Math.round(glyph.x * UNITS_PER_EM)} ${Math.round(glyph.y * UNITS_PER_EM)})" d="${path}"/>` : '';
  });
  // MathJax places the element with a translate before its own scale(1,-1); the outlines are y up already.
  const placed = /translate\([^)]*\)/.exec(attribute('transform') ?? '')?.[0];
  return `<g transform="${placed ? `${placed} ` : ''}scale(${size})">${paths.join('')}</g>`;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? entity;
  });
}

function toTexError(error: unknown, tex: string): TexError {
  if (error instanceof RangeError) return TexError.at('The formula is nested too deeply', tex, undefined, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  const command = /\\[a-zA-Z]+|\\./.exec(message)?.[0];
  const position = command ? tex.indexOf(command) : -1;
  const location = position >= 0 && command ? { position, length: command.length } : undefined;
  return TexError.at(message, tex, location, { cause: error });
}
