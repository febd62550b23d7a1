/** A structural fingerprint of an expression, for "give it in this form" (factored, simplified). */
import type { MathNode } from 'mathjs';

interface NodeFields {
  type: string;
  fn?: string | { name?: string };
  args?: MathNode[];
  content?: MathNode;
  name?: string;
  value?: unknown;
}

/** Same fingerprint means same form up to order of terms/factors and signs: (1-x)(-6x-1) ~ (6x+1)(x-1). */
export function formSignature(node: MathNode): string {
  const fields = node as unknown as NodeFields;
  const args = fields.args ?? [];
  switch (fields.type) {
    case 'ParenthesisNode':
      return formSignature(fields.content as MathNode);
    case 'ConstantNode':
      return 'n';
    case 'SymbolNode':
      return `s:${fields.name ?? ''}`;
    case 'FunctionNode':
      return `${(fields.fn as { name?: string }).name ?? 'f'}(${args.map(formSignature).join(',')})`;
    case 'OperatorNode':
      return operatorSignature(fields.fn as string, args);
    default:
      return fields.type;
  }
}

function operatorSignature(operator: string, args: MathNode[]): string {
  if (operator === 'unaryMinus' || operator === 'unaryPlus') return formSignature(args[0] as MathNode);
  if (operator === 'add' || operator === 'subtract') return `sum[${flatten(args, ['add', 'subtract']).map(formSignature).sort().join(',')}]`;
  if (operator === 'multiply') return `product[${flatten(args, ['multiply']).map(formSignature).filter((sig) => sig !== 'n').sort().join(',')}]`;
  if (operator === 'divide') {
    const [numerator, denominator] = args.map(constantValue);
    const isUnreduced = numerator !== undefined && denominator !== undefined && greatestCommonDivisor(numerator, denominator) > 1;
    return `quotient(${args.map(formSignature).join(',')})${isUnreduced ? '!' : ''}`;
  }
  return `${operator}(${args.map(formSignature).join(',')})`;
}

function flatten(args: MathNode[], operators: string[]): MathNode[] {
  return args.flatMap((arg) => {
    let inner = arg as unknown as NodeFields;
    while (inner.type === 'ParenthesisNode' && operators.includes('multiply')) inner = inner.content as unknown as NodeFields;
    if (inner.type === 'OperatorNode' && operators.includes(inner.fn as string)) return flatten(inner.args ?? [], operators);
    return [inner as unknown as MathNode];
  });
}

function constantValue(node: MathNode): number | undefined {
  const fields = node as unknown as NodeFields;
  if (fields.type === 'ParenthesisNode') return constantValue(fields.content as MathNode);
  if (fields.type !== 'ConstantNode') return undefined;
  const value = Number(fields.value);
  return Number.isInteger(value) ? Math.abs(value) : undefined;
}

function greatestCommonDivisor(left: number, right: number): number {
  return right === 0 ? left : greatestCommonDivisor(right, left % right);
}
