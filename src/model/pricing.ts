/** Token prices in force at a moment: the profile's (peak or off-peak), or the operator's overrides. */
import type { Usage } from './reasoning-model.ts';
import { pricesOf, ratesAt, type ProviderProfile } from './provider-profiles.ts';

/** Price per million tokens, in US dollars, and where it came from. */
export interface TokenPrices {
  /** Input (prompt) tokens not served from the provider's cache. */
  readonly inputPerMillion: number;
  /** Output tokens (reasoning and answer are billed alike). */
  readonly outputPerMillion: number;
  /** Input tokens served from the cache; the cache-miss price when unknown. */
  readonly cacheHitPerMillion?: number;
  /** Which prices applied: the provider's peak or off-peak, its only price, or STEPWISE_PRICE_*. */
  readonly period?: 'peak' | 'off-peak' | 'flat' | 'override' | 'unknown';
}

/** Operator overrides (STEPWISE_PRICE_*), each optional. */
export interface PriceOverrides {
  readonly inputPerMillion?: number;
  readonly outputPerMillion?: number;
  readonly cacheHitPerMillion?: number;
}

/** The prices for `model` on `profile` at any moment, with overrides on top. */
export function priceBook(profile: ProviderProfile, model: string, overrides: PriceOverrides): (at: Date) => TokenPrices {
  const known = pricesOf(profile, model);
  const overridden = overrides.inputPerMillion !== undefined || overrides.outputPerMillion !== undefined || overrides.cacheHitPerMillion !== undefined;
  return (at) => {
    const applied = known ? ratesAt(known, at) : undefined;
    const input = overrides.inputPerMillion ?? applied?.rates.cacheMissPerMillion ?? 0;
    return {
      inputPerMillion: input,
      outputPerMillion: overrides.outputPerMillion ?? applied?.rates.outputPerMillion ?? 0,
      cacheHitPerMillion: overrides.cacheHitPerMillion ?? (overrides.inputPerMillion !== undefined ? input : applied?.rates.cacheHitPerMillion ?? input),
      period: overridden ? 'override' : applied?.period ?? 'unknown',
    };
  };
}

/** What `usage` cost at `prices`, in US dollars. */
export function costOf(usage: Pick<Usage, 'cacheHitTokens' | 'cacheMissTokens' | 'reasoningTokens' | 'answerTokens'>, prices: TokenPrices): number {
  const hit = prices.cacheHitPerMillion ?? prices.inputPerMillion;
  return (usage.cacheHitTokens * hit + usage.cacheMissTokens * prices.inputPerMillion + (usage.reasoningTokens + usage.answerTokens) * prices.outputPerMillion) / 1_000_000;
}

/** "off-peak prices", "peak prices", "STEPWISE_PRICE_* prices", for sentences. */
export function describePeriod(period: TokenPrices['period']): string {
  switch (period) {
    case 'peak': return "the provider's peak prices";
    case 'off-peak': return "the provider's off-peak prices";
    case 'override': return 'STEPWISE_PRICE_* prices';
    case 'unknown': return 'no known prices (set STEPWISE_PRICE_INPUT_PER_MTOK and STEPWISE_PRICE_OUTPUT_PER_MTOK)';
    default: return "the provider's prices";
  }
}
