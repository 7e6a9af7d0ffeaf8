import { z } from 'zod';

/** Every 4xx and 5xx answer has this body. */
export const errorBody = z
  .object({
    statusCode: z.number().int(),
    error: z.string().describe('HTTP reason phrase'),
    code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED'),
    message: z.string().describe('What went wrong, for a person'),
    details: z.unknown().optional().describe('Structured context, e.g. the failed fields'),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBody>;

export const MAX_INT4 = 2_147_483_647;

export const itemId = z.coerce.number().int().min(1).max(MAX_INT4);
