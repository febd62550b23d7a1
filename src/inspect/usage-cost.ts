/** What a solve cost at the configured prices. */
import type { TokenPrices } from '../classroom/warm-set.ts';
import { costOf } from '../model/pricing.ts';
import type { Usage } from '../model/reasoning-model.ts';

/** Prices as configured: fixed, or by the moment (peak and off-peak). */
export type PriceSource = TokenPrices | ((at: Date) => TokenPrices);

/** The prices in force at `at`. */
export function pricesAt(prices: PriceSource, at: Date): TokenPrices {
  return typeof prices === 'function' ? prices(at) : prices;
}

/** US dollars for `usage`: what the model client reckoned when it solved, else at `prices`. */
export function solveCostUsd(usage: Usage, prices: TokenPrices): number {
  return usage.costUsd ?? costOf(usage, prices);
}
