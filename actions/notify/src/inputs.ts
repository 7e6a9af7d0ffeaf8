import { z } from 'zod';
import { input } from '../../lib/index.js';
import { DEPLOY_RESULTS, VERDICTS } from './payload.js';

// Printable text only: a newline or an escape sequence has no place in a name a receiver shows.
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;
const ENVIRONMENT_EXPECTED = 'a GitHub environment name (at most 255 characters, no control characters)';
const IMAGE_EXPECTED = 'an image reference such as ghcr.io/acme/inventory-service@sha256:... (letters, digits and . _ - / : @, at most 512 characters)';
const SECRET_EXPECTED = 'a signing key of at least 16 characters';

export const notifyInputs = {
  'webhook-url': input.url(),
  'webhook-secret': z.string({ error: SECRET_EXPECTED }).min(16, { error: SECRET_EXPECTED }),
  result: input.oneOf(DEPLOY_RESULTS),
  environment: z
    .string({ error: ENVIRONMENT_EXPECTED })
    .refine((name) => name.length <= 255 && !CONTROL_CHARACTER.test(name), { error: ENVIRONMENT_EXPECTED })
    .optional(),
  verdict: input.oneOf(VERDICTS).optional(),
  image: z
    .string({ error: IMAGE_EXPECTED })
    .refine((image) => image.length <= 512 && /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(image), { error: IMAGE_EXPECTED })
    .optional(),
  revision: input.integer({ min: 1 }).optional(),
  timeout: input.duration().default(10),
};

export const notifySecretInputs = ['webhook-url', 'webhook-secret'] as const;
