import { z } from 'zod';

export const errorCodes = [
  'bad_input', // the call's input did not match the contract
  'unknown_method', // no such call in the contract
  'not_found',
  'conflict',
  'forbidden',
  'locked', // needs the vault unlocked (later domains)
  'integrity', // a file or chain is damaged
  'unavailable', // a server or file cannot be reached right now
  'timeout',
  'cancelled',
  'too_new', // the workspace was written by a newer Opsroom
  'confirm_required', // a destructive or wide action needs the person's explicit yes; details say what to confirm
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});

export type RpcError = z.infer<typeof rpcErrorSchema>;

/**
 * The one error type that crosses a process boundary. `message` is a sentence
 * a person can act on; `details` carries structured facts (field paths, ids).
 */
export class OpsError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'OpsError';
    this.code = code;
    this.details = details;
  }

  toJSON(): RpcError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(raw: RpcError): OpsError {
    return new OpsError(raw.code, raw.message, raw.details);
  }
}

export function isOpsError(e: unknown): e is OpsError {
  return e instanceof OpsError;
}
