import { z } from 'zod';

/**
 * The single way a call or a topic is declared. Everything that dispatches,
 * validates or calls is derived from these objects, so a name or a shape can
 * only ever be spelled here.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /**
   * 'query' reads, 'mutation' changes the workspace or a system. The router
   * writes an audit entry before and after every mutation. 'input' feeds an
   * already audited session (terminal keystrokes, resizes): auditing every
   * keystroke would drown the chain, so the session's open and close are the
   * audited acts and its bytes go to the session recording instead.
   */
  readonly kind: 'query' | 'mutation' | 'input';
  /** For the audit entry of a mutation: what it acts on, named from its parsed input. */
  readonly auditTarget?: (input: z.output<I>) => string;
  /** Input fields never written to the audit or the logs (secret material). */
  readonly sensitive?: readonly string[];
}

export interface TopicDef<P extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: P;
}

export function query<I extends z.ZodType, O extends z.ZodType>(def: {
  summary: string;
  input: I;
  output: O;
}): MethodDef<I, O> {
  return { ...def, kind: 'query' };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(def: {
  summary: string;
  input: I;
  output: O;
  auditTarget?: (input: z.output<I>) => string;
  sensitive?: readonly string[];
}): MethodDef<I, O> {
  return { ...def, kind: 'mutation' };
}

export function sessionInput<I extends z.ZodType, O extends z.ZodType>(def: {
  summary: string;
  input: I;
  output: O;
}): MethodDef<I, O> {
  return { ...def, kind: 'input' };
}

export function topic<P extends z.ZodType>(def: { summary: string; payload: P }): TopicDef<P> {
  return def;
}

/** Input that takes no fields; `undefined` and `{}` are both accepted. */
export const noInput = z
  .object({})
  .strict()
  .optional()
  .transform(() => ({}) as Record<string, never>);
