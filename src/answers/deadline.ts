/** The cooperative time budget of one check: long loops ask it whether time is up. */

/** Thrown when a check runs past its budget; the checker turns it into "unsure". */
export class BudgetExceededError extends Error {}

/** A point in time after which a check gives up. */
export class Deadline {
  private readonly endsAt: number;

  constructor(budgetMs: number) {
    this.endsAt = performance.now() + budgetMs;
  }

  /** Throws BudgetExceededError once the budget is spent. */
  check(): void {
    if (performance.now() > this.endsAt) throw new BudgetExceededError('time budget exceeded');
  }
}
