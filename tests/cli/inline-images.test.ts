/* eslint-disable no-control-regex -- terminal escape sequences are what these tests read */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { detectProtocol, inlineImage, inlineProtocolFor } from '../../adapters/cli/inline-images.ts';
import { itermSequence, kittySequence } from '../../adapters/cli/image-sequences.ts';
import { sixelSequence } from '../../adapters/cli/sixel.ts';
import { decodeSixel } from './decode-sixel.ts';

const ESC = '\u001b';
const KITTY_COMMAND = /\u001b_G([^;\u001b]*);([A-Za-z0-9+/=]*)\u001b\\/g;

/** A PNG of `width` × `height` whose pixels come from `color(x, y)` (RGBA). */
function makePng(width: number, height: number, color: (x: number, y: number) => readonly number[]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(color(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(png);
}

/** Pseudo-random noise: thousands of colours and a PNG too big for one kitty chunk. */
const noisy = makePng(97, 61, (x, y) => {
  const seed = Math.imul(x * 374761393 + y * 668265263, 1274126177) >>> 0;
  return [seed & 255, (seed >> 8) & 255, (seed >> 16) & 255, 255];
});
/** A card-like picture: dark ink on paper with a red rule, three colours. */
const inked = makePng(40, 13, (x, y) => (y === 6 ? [200, 30, 30, 255] : (x + y) % 5 === 0 ? [20, 20, 20, 255] : [255, 255, 255, 255]));

describe('kitty graphics protocol', () => {
  it('sends the PNG as f=100 in chunks of at most 4096 base64 bytes, m=1 until the last says m=0', () => {
    const sequence = kittySequence(noisy);
    const commands = [...sequence.matchAll(KITTY_COMMAND)];
    expect(commands.map((command) => command[0]).join('')).toBe(sequence);
    expect(commands.length).toBeGreaterThan(2);
    expect(commands[0]?.[1]).toBe('a=T,f=100,q=2,m=1');
    expect(commands.slice(1, -1).every((command) => command[1] === 'm=1')).toBe(true);
    expect(commands.at(-1)?.[1]).toBe('m=0');
    const payloads = commands.map((command) => command[2] ?? '');
    expect(payloads.slice(0, -1).every((payload) => payload.length === 4096)).toBe(true);
    expect((payloads.at(-1) ?? '').length).toBeLessThanOrEqual(4096);
    expect(Buffer.from(payloads.join(''), 'base64').equals(noisy)).toBe(true);
  });

  it('sends a small PNG in one command that is also the last', () => {
    const commands = [...kittySequence(inked).matchAll(KITTY_COMMAND)];
    expect(commands).toHaveLength(1);
    expect(commands[0]?.[1]).toBe('a=T,f=100,q=2,m=0');
    expect(Buffer.from(commands[0]?.[2] ?? '', 'base64').equals(inked)).toBe(true);
  });
});

describe('iTerm2 inline images (OSC 1337)', () => {
  it('sends File=inline=1 with the size in bytes and width=auto, the whole PNG in base64, ended by BEL', () => {
    const match = /^\u001b\]1337;File=inline=1;size=(\d+);width=auto:([A-Za-z0-9+/=]+)\u0007$/.exec(itermSequence(noisy));
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBe(noisy.length);
    expect(Buffer.from(match?.[2] ?? '', 'base64').equals(noisy)).toBe(true);
  });
});

describe('sixel', () => {
  it('draws a few-colour card with exactly its colours, every pixel in place', () => {
    const sequence = sixelSequence(inked);
    expect(sequence.startsWith(`${ESC}P0;1;0q"1;1;40;13`)).toBe(true);
    expect(sequence.endsWith(`${ESC}\\`)).toBe(true);
    const image = decodeSixel(sequence);
    expect({ width: image.width, height: image.height, registers: image.registers }).toEqual({ width: 40, height: 13, registers: 3 });
    const source = PNG.sync.read(inked);
    for (let pixel = 0; pixel < 40 * 13; pixel++) {
      // Registers hold percentages, so a channel comes back within half a percent step.
      for (let channel = 0; channel < 3; channel++) {
        expect(Math.abs((image.rgb[pixel * 3 + channel] ?? -99) - (source.data[pixel * 4 + channel] ?? 0))).toBeLessThanOrEqual(2);
      }
    }
  });

  it('brings a picture with thousands of colours down to at most 256 registers, still close to it', () => {
    const image = decodeSixel(sixelSequence(noisy));
    expect({ width: image.width, height: image.height }).toEqual({ width: 97, height: 61 });
    expect(image.registers).toBeLessThanOrEqual(256);
    expect(image.registers).toBeGreaterThan(200);
    const source = PNG.sync.read(noisy);
    let error = 0;
    for (let pixel = 0; pixel < 97 * 61; pixel++) {
      for (let channel = 0; channel < 3; channel++) error += Math.abs((image.rgb[pixel * 3 + channel] ?? 0) - (source.data[pixel * 4 + channel] ?? 0));
    }
    // Uniform noise is the worst case for a palette; 256 registers keep it within about 10% per channel.
    expect(error / (97 * 61 * 3)).toBeLessThan(26);
  });

  it('draws transparent pixels on white paper', () => {
    const clear = makePng(3, 2, () => [0, 0, 0, 0]);
    const image = decodeSixel(sixelSequence(clear));
    expect([...image.rgb]).toEqual(Array.from({ length: 18 }, () => 255));
  });

  it('ends each image with a line break so the text after it starts below', async () => {
    for (const protocol of ['kitty', 'iterm', 'sixel'] as const) expect((await inlineImage(protocol, inked)).endsWith('\n')).toBe(true);
  });
});

describe('which terminals get images', () => {
  it.each([
    [{ TERM: 'xterm-kitty' }, 'kitty'],
    [{ TERM: 'xterm-256color', KITTY_WINDOW_ID: '1' }, 'kitty'],
    [{ TERM: 'xterm-ghostty' }, 'kitty'],
    [{ TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app' }, 'iterm'],
    [{ TERM: 'xterm-256color', TERM_PROGRAM: 'WezTerm' }, 'iterm'],
    [{ TERM: 'xterm-256color', LC_TERMINAL: 'iTerm2' }, 'iterm'],
    [{ TERM: 'foot' }, 'sixel'],
    [{ TERM: 'mlterm' }, 'sixel'],
    [{ TERM: 'xterm-256color' }, undefined],
    [{ TERM: 'xterm-256color', TERM_PROGRAM: 'Apple_Terminal' }, undefined],
    [{ TERM: 'xterm-256color', TERM_PROGRAM: 'vscode' }, undefined],
    [{ TERM: 'dumb' }, undefined],
    [{ TERM: 'xterm-kitty', TMUX: '/tmp/tmux-0/default,1,0' }, undefined],
    [{ TERM: 'screen-256color', TERM_PROGRAM: 'iTerm.app' }, undefined],
    [{}, undefined],
  ] as const)('reads %j as %s', (env, expected) => {
    expect(detectProtocol(env)).toBe(expected);
    expect(inlineProtocolFor({ isTTY: true }, env)).toBe(expected);
  });

  it('follows STEPWISE_INLINE_IMAGES: a protocol as asked, off for none, auto for detection', () => {
    const tty = { isTTY: true };
    expect(inlineProtocolFor(tty, { TERM: 'xterm-256color', STEPWISE_INLINE_IMAGES: 'sixel' })).toBe('sixel');
    expect(inlineProtocolFor(tty, { TERM: 'xterm-kitty', STEPWISE_INLINE_IMAGES: 'iterm' })).toBe('iterm');
    expect(inlineProtocolFor(tty, { TERM: 'xterm-kitty', STEPWISE_INLINE_IMAGES: 'off' })).toBeUndefined();
    expect(inlineProtocolFor(tty, { TERM: 'xterm-kitty', STEPWISE_INLINE_IMAGES: 'auto' })).toBe('kitty');
  });

  it('never sends images when stdout is not a terminal, whatever is asked', () => {
    for (const stream of [{ isTTY: false }, {}, undefined]) {
      expect(inlineProtocolFor(stream, { TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1' })).toBeUndefined();
      expect(inlineProtocolFor(stream, { STEPWISE_INLINE_IMAGES: 'kitty' })).toBeUndefined();
    }
  });
});
