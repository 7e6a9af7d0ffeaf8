import { securityReportSchema, type SecurityReport } from '../../lib/security-report.js';
import { parseJson, ReportError } from './report-format.js';

/** The security-scan report (actions/lib/security-report.ts), validated. */
export function parseSecurityReport(content: string): SecurityReport {
  const parsed = securityReportSchema.safeParse(parseJson(content));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || 'the document'}: ${issue.message}`);
  throw new ReportError(`not a security-scan report (version 1): ${problems.join('; ')}`);
}
