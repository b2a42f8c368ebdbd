import { z } from 'zod';

/** A moment in time as epoch milliseconds; the contract never passes Date objects. */
export const epochMs = z.number().int().nonnegative();

/** Accepts epoch ms or an ISO-8601 string and yields epoch ms. */
export const timeInput = z.union([epochMs, z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);

export const pageLimit = (max: number, dflt: number) => z.number().int().min(1).max(max).default(dflt);
