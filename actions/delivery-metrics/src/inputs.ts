import { z } from 'zod';
import { input } from '../../lib/inputs.js';

/** GitHub's owner and repository names: letters, digits, `-` (and `_`, `.` in a repository's). */
export const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/;
const REPOSITORY_EXPECTED = 'a repository as owner/name';
const ENVIRONMENTS_EXPECTED = 'GitHub environment names (at most 255 characters each, no control characters), newline or comma separated';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export const deliveryMetricsInputs = {
  'github-token': input.text('a GitHub token that may read deployments and contents'),
  repository: input
    .text(REPOSITORY_EXPECTED)
    .refine((text) => REPOSITORY.test(text), { error: REPOSITORY_EXPECTED })
    .optional(),
  environments: input
    .list(ENVIRONMENTS_EXPECTED)
    .refine((names) => names.every((name) => name.length <= 255 && !/\p{Cc}/u.test(name)), { error: ENVIRONMENTS_EXPECTED })
    .optional(),
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
