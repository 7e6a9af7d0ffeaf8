import { z } from 'zod';

/**
 * The JSON report that security-scan writes and quality-gate reads (`security-report` input).
 * Kept minimal on purpose: a new field is added as optional, a breaking change bumps `version`.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const securityFindingSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  scanner: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  suppressed: z.boolean(),
  fingerprint: z.string(),
  // Optional extensions written by security-scan; readers of version 1 may ignore them.
  fix: z.string().optional(),
  fixable: z.boolean().optional(),
  new: z.boolean().optional(),
  suppressedBy: z.string().optional(),
  match: z.string().optional(),
  package: z
    .object({
      name: z.string(),
      version: z.string(),
      advisory: z.string(),
      fixVersion: z.string().optional(),
      dependencyPath: z.array(z.string()),
    })
    .optional(),
});

export const SCANNER_STATUSES = ['ok', 'unavailable', 'not-scanned', 'skipped'] as const;
export type ScannerStatus = (typeof SCANNER_STATUSES)[number];

export const scannerResultSchema = z.object({
  status: z.enum(SCANNER_STATUSES),
  reason: z.string().optional(),
});

export const securityReportSchema = z.object({
  version: z.literal(1),
  findings: z.array(securityFindingSchema),
  counts: z.record(z.string(), z.number()).optional(),
  scanners: z.record(z.string(), scannerResultSchema).optional(),
  passed: z.boolean().optional(),
});

export type SecurityFinding = z.infer<typeof securityFindingSchema>;
export type SecurityReport = z.infer<typeof securityReportSchema>;
export type ScannerResult = z.infer<typeof scannerResultSchema>;

/** Most severe first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** Unsuppressed findings by severity: what a gate on findings counts. */
export function countUnsuppressedBySeverity(report: SecurityReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of report.findings) if (!finding.suppressed) counts[finding.severity] += 1;
  return counts;
}
