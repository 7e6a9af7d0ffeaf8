import { z } from 'zod';
import { parseRepository } from '../../lib/github.js';
import { input } from '../../lib/inputs.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export const deliveryMetricsInputs = {
  'github-token': input.text('a GitHub token that may read deployments and contents'),
  repository: input
    .text('a repository as owner/name')
    .refine((text) => parseRepository(text) !== undefined, { error: 'a repository as owner/name' })
    .optional(),
  environments: input.list('GitHub environment names, newline or comma separated').optional(),
  'window-days': input.integer({ min: 1, max: 366 }).default(30),
  until: z
    .string({ error: 'a date or a UTC date-time such as 2026-11-30 or 2026-11-30T12:00:00Z' })
    .refine((text) => ISO_TIME.test(text) && Number.isFinite(Date.parse(text)), {
      error: 'a date or a UTC date-time such as 2026-11-30 or 2026-11-30T12:00:00Z',
    })
    .transform((text) => Date.parse(text))
    .optional(),
};

export const deliveryMetricsSecretInputs = ['github-token'] as const;
