import { z } from 'zod';
import { errorBody, itemId, MAX_INT4 } from '../schemas.js';

const sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or a digit',
  })
  .describe('Stock keeping unit, unique');
// PostgreSQL text cannot hold NUL characters.
const withoutNul = (text: string) => !text.includes('\u0000');
const name = z.string().trim().min(1).max(200).refine(withoutNul, { error: 'must not contain NUL characters' });
const quantity = z.number().int().min(0).max(MAX_INT4);
const price = z
  .number()
  .min(0)
  .max(9_999_999_999.99)
  .refine((value) => Number(value.toFixed(2)) === value, { error: 'must have at most 2 decimal places' });

export const item = z
  .object({
    id: z.number().int(),
    sku: z.string(),
    name: z.string(),
    quantity: z.number().int().min(0),
    price: z.number(),
    version: z.number().int().describe('Starts at 1, +1 on every change; send it back in If-Match'),
    createdAt: z.string().describe('ISO 8601, UTC'),
    updatedAt: z.string().describe('ISO 8601, UTC'),
  })
  .meta({ id: 'Item' });

export const itemParams = z.object({ id: itemId });

export const newItem = z.strictObject({ sku, name, quantity, price });

export const itemChanges = z
  .strictObject({ sku, name, quantity, price })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'must change at least one field' });

export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .regex(/^(\*|(W\/)?"\d{1,10}")$/, { error: 'must be "*" or the item version in quotes, e.g. "3"' })
    .optional(),
});

export const adjustment = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((delta) => delta !== 0, { error: 'must not be 0' })
    .describe('Added to the quantity; negative to take stock out'),
});

const inStock = z.enum(['true', 'false']).transform((value) => value === 'true');

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sku: sku.optional().describe('Exact SKU'),
  name: z
    .string()
    .min(1)
    .max(200)
    .refine(withoutNul, { error: 'must not contain NUL characters' })
    .optional()
    .describe('Case-insensitive substring of the name'),
  inStock: inStock.optional().describe('true: quantity > 0; false: quantity = 0'),
  minQuantity: z.coerce.number().int().min(0).max(MAX_INT4).optional(),
  maxQuantity: z.coerce.number().int().min(0).max(MAX_INT4).optional(),
});

export const itemPage = z.object({
  items: z.array(item),
  total: z.number().int().describe('Items matching the filters, all pages'),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const errors = (...statusCodes: number[]) => Object.fromEntries(statusCodes.map((statusCode) => [statusCode, errorBody]));
