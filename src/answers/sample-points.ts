/** Deterministic random sample points for numeric equivalence, away from integers and zero. */

const SAMPLE_SEED = 0x5eed1234;
const MIN_MAGNITUDE = 0.3;
const MAGNITUDE_SPREAD = 2.9;

export type Point = Readonly<Record<string, number>>;

/** `count` points over `variables`: half positive, half mixed-sign, never integers (sin(pi x) is not 0). */
export function samplePoints(variables: readonly string[], count: number): Point[] {
  const random = mulberry32(SAMPLE_SEED + variables.length);
  const points: Point[] = [];
  for (let index = 0; index < count; index++) {
    const point: Record<string, number> = {};
    for (const name of variables) {
      const magnitude = MIN_MAGNITUDE + MAGNITUDE_SPREAD * random();
      const rounded = Math.abs(magnitude - Math.round(magnitude)) < 0.05 ? magnitude + 0.1 : magnitude;
      const isNegative = index % 2 === 1 && random() < 0.7;
      point[name] = isNegative ? -rounded : rounded;
    }
    points.push(point);
  }
  return points;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
