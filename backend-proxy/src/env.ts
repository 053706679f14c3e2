import { z } from 'zod';

/** An optional whole-number environment variable within [min, max], `def` when unset. */
export const intFrom = (def: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform(v => v ?? def);
