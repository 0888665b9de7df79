/**
 * The shape of results.json's `contract` section (additive, only with --asyncapi), on its own so
 * that results.ts can name it without importing the code that computes it (coverage.ts).
 */
export interface ContractSection {
  source: string;
  checked: number;
  violations: number;
  /** How many kinds of message broke it (a declared message, or an undeclared type). */
  violatingTypes: number;
  /** "3 messages of 2 types broke the contract" / "all 120 messages kept the contract". */
  line: string;
  messages: Array<{ name: string; directions: Array<'in' | 'out'>; seen: number }>;
  operations: Array<{ id: string; action: 'send' | 'receive'; exercised: boolean; messages: string[]; replies: string[] }>;
}
