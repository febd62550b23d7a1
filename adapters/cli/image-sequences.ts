/** The two inline-image protocols that carry the PNG itself: kitty's graphics protocol and iTerm2's OSC 1337. */

const ESC = '\u001b';
/** String terminator (ESC \), which ends kitty's APC commands. */
const ST = `${ESC}\\`;
const BEL = '\u0007';
/** Kitty accepts at most 4096 bytes of base64 per command; a multiple of 4, so no chunk but the last is padded. */
export const KITTY_CHUNK_BYTES = 4096;

/**
 * Kitty's graphics protocol: transmit and show (a=T) a PNG (f=100) at the cursor, with replies
 * suppressed (q=2) so nothing answers on stdin. The base64 goes in chunks of at most 4096 bytes;
 * each says m=1 when more follows and the last m=0, and only the first carries the other keys.
 */
export function kittySequence(png: Uint8Array): string {
  const data = Buffer.from(png).toString('base64');
  const commands: string[] = [];
  for (let start = 0; start === 0 || start < data.length; start += KITTY_CHUNK_BYTES) {
    const more = start + KITTY_CHUNK_BYTES < data.length ? 1 : 0;
    const keys = start === 0 ? `a=T,f=100,q=2,m=${more}` : `m=${more}`;
    commands.push(`${ESC}_G${keys};${data.slice(start, start + KITTY_CHUNK_BYTES)}${ST}`);
  }
  return commands.join('');
}

/** iTerm2's inline image (WezTerm speaks it too): the whole file, its size in bytes, drawn at its own width. */
export function itermSequence(png: Uint8Array): string {
  return `${ESC}]1337;File=inline=1;size=${png.length};width=auto:${Buffer.from(png).toString('base64')}${BEL}`;
}
