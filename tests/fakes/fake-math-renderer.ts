/** A MathRenderer that draws nothing real: a tiny valid PNG per call, for adapter tests. */
import { deflateSync } from 'node:zlib';
import type { MathRenderer, RenderedImage } from '../../src/math/index.ts';

/** Records what it was asked to draw; every image is a 2x1 white PNG. */
export class FakeMathRenderer implements MathRenderer {
  /** Markdown of each card drawn, in order. */
  readonly cards: string[] = [];

  async renderTex(tex: string): Promise<RenderedImage> {
    return { png: TINY_PNG, width: 2, height: 1, altText: tex, warnings: [] };
  }

  async renderCard(markdown: string): Promise<RenderedImage> {
    this.cards.push(markdown);
    return { png: TINY_PNG, width: 2, height: 1, altText: markdown, warnings: [] };
  }

  async close(): Promise<void> {}
}

const TINY_PNG = makePng(2, 1);

function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height, 255);
  for (let row = 0; row < height; row++) rows[row * (width * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
