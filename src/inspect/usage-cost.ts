/** What a solve cost at the configured prices. */
import type { TokenPrices } from '../classroom/warm-set.ts';
import type { Usage } from '../model/reasoning-model.ts';

/** Prices as configured: fixed, or by the moment (peak and off-peak). */
export type PriceSource = TokenPrices | ((at: Date) => TokenPrices);

/** The prices in force at `at`. */
export function pricesAt(prices: PriceSource, at: Date): TokenPrices {
  return typeof prices === 'function' ? prices(at) : prices;
}

/** US dollars for `usage` at `prices`; prompt tokens are counted at the input price (this configuration has no separate cache-hit price). */
export function solveCostUsd(usage: Usage, prices: TokenPrices): number {
  const output = usage.reasoningTokens + usage.answerTokens;
  return (usage.promptTokens * prices.inputPerMillion + output * prices.outputPerMillion) / 1_000_000;
}
