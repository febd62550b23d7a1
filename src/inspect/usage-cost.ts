/** What a solve cost at the configured prices. */
import type { TokenPrices } from '../classroom/warm-set.ts';
import type { Usage } from '../model/reasoning-model.ts';

/** US dollars for `usage` at `prices`; prompt tokens are all counted at the input price (cache hits included). */
export function costOf(usage: Usage, prices: TokenPrices): number {
  const output = usage.reasoningTokens + usage.answerTokens;
  return (usage.promptTokens * prices.inputPerMillion + output * prices.outputPerMillion) / 1_000_000;
}
