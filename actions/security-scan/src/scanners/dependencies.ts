import type { Severity } from '../../../lib/security-report.js';
import { fingerprint, lineLocator, type Finding } from '../findings.js';

/** Lockfiles of package managers whose audit this action does not run (yet): found and reported as not scanned. */
export const UNSCANNED_LOCKFILES: Record<string, string> = {
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
};

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

const NPM_SEVERITIES: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', low: 'low', info: 'info' };

export type AuditResult = { ok: true; findings: Finding[] } | { ok: false; reason: string };

/**
 * Maps the output of `npm audit --json` (auditReportVersion 2) for one lockfile to findings:
 * one per advisory and installed copy of the vulnerable package. Output without a
 * vulnerability report (a registry error, a refused endpoint, no JSON) is `ok: false`,
 * never an empty list.
 */
export function mapNpmAudit(lockfile: string, lockfileText: string, auditOutput: string): AuditResult {
  let audit: Json;
  try {
    audit = object(JSON.parse(auditOutput));
  } catch {
    return { ok: false, reason: `npm audit printed no JSON report for ${lockfile}` };
  }
  if (audit.auditReportVersion !== 2 || typeof audit.vulnerabilities !== 'object' || audit.vulnerabilities === null) {
    const message = typeof audit.message === 'string' ? audit.message : JSON.stringify(object(audit.error));
    return { ok: false, reason: `npm audit could not get advisories for ${lockfile}: ${message}` };
  }
  // npm counts the entries of `vulnerabilities` in metadata; a count that is not a whole number, or
  // that disagrees with the entries, is a report this action cannot trust, never "0 findings".
  const listed = Object.keys(audit.vulnerabilities).length;
  const total = object(object(audit.metadata).vulnerabilities).total;
  if (total !== undefined && (typeof total !== 'number' || !Number.isSafeInteger(total) || total !== listed)) {
    return { ok: false, reason: `npm audit's report for ${lockfile} counts ${JSON.stringify(total)} vulnerable packages but lists ${listed}` };
  }
  const packages = object(object(JSON.parse(lockfileText)).packages);
  const locate = lineLocator(lockfileText);
  const findings: Finding[] = [];
  for (const vulnerability of Object.values(object(audit.vulnerabilities)).map(object)) {
    const name = String(vulnerability.name);
    const nodes = Array.isArray(vulnerability.nodes) ? vulnerability.nodes.map(String) : [];
    const fixAvailable = vulnerability.fixAvailable;
    for (const advisory of (Array.isArray(vulnerability.via) ? vulnerability.via : []).filter((via) => typeof via === 'object').map(object)) {
      const advisoryId = advisoryIdOf(advisory);
      const range = String(advisory.range ?? '');
      for (const node of nodes) {
        const version = String(object(packages[node]).version ?? 'unknown');
        const fixVersion = firstFixedVersion(range, version);
        const dependencyPath = dependencyPathTo(packages, node);
        const offset = lockfileText.indexOf(`"${node}"`);
        findings.push({
          ruleId: advisoryId,
          severity: NPM_SEVERITIES[String(advisory.severity)] ?? 'high',
          scanner: 'dependencies',
          message: `${name} ${version}: ${String(advisory.title ?? advisoryId)} (${advisoryId}, vulnerable ${range || 'versions unknown'}), via ${dependencyPath.join(' > ')}`,
          file: lockfile,
          line: offset === -1 ? 1 : locate(offset),
          fix: describeFix(name, fixVersion, fixAvailable),
          fixable: fixAvailable !== false && fixAvailable !== undefined,
          fingerprint: fingerprint(advisoryId, lockfile, `${node}@${version}`),
          package: { name, version, advisory: advisoryId, ...(fixVersion ? { fixVersion } : {}), dependencyPath },
        });
      }
    }
  }
  return { ok: true, findings };
}

function advisoryIdOf(advisory: Json): string {
  const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(String(advisory.url ?? ''));
  return ghsa ? ghsa[0] : `npm-advisory-${String(advisory.source)}`;
}

function describeFix(name: string, fixVersion: string | undefined, fixAvailable: unknown): string {
  const upgrade = fixVersion ? `Upgrade ${name} to ${fixVersion} or later` : `Upgrade ${name} to a version outside the vulnerable range`;
  const npmFix = object(fixAvailable);
  if (typeof npmFix.name === 'string') {
    return `${upgrade}: npm install ${npmFix.name}@${String(npmFix.version)}${npmFix.isSemVerMajor === true ? ' (a major upgrade)' : ''}.`;
  }
  if (fixAvailable === true) return `${upgrade}: npm audit fix.`;
  return `${upgrade}; no fix reachable through the current dependents yet.`;
}

/**
 * The upper bound (`<X`) of the comparator set of the advisory's vulnerable range that holds
 * the installed version: the first release without the flaw. `<=X` ranges name no fix.
 */
export function firstFixedVersion(range: string, installed: string): string | undefined {
  for (const comparatorSet of range.split('||')) {
    const comparators = comparatorSet.trim().split(/\s+/).filter(Boolean);
    const holdsInstalled = comparators.every((comparator) => satisfies(installed, comparator));
    const upper = comparators.find((comparator) => /^<\d/.test(comparator));
    if (holdsInstalled && upper) return upper.slice(1);
  }
  return undefined;
}

function satisfies(version: string, comparator: string): boolean {
  const match = /^(<=|>=|<|>|=)?v?(\d.*)$/.exec(comparator);
  if (!match) return true;
  const order = compareVersions(version, match[2] ?? '0');
  switch (match[1]) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    default:
      return order === 0;
  }
}

/** Numeric major.minor.patch order; a prerelease sorts before its release. */
export function compareVersions(left: string, right: string): number {
  const parse = (version: string) => {
    const [core = '', prerelease] = version.split('-', 2);
    return { parts: core.split('.').map((part) => Number(part) || 0), prerelease };
  };
  const a = parse(left);
  const b = parse(right);
  for (let index = 0; index < 3; index++) {
    const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === undefined) return 1;
  if (b.prerelease === undefined) return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

/**
 * Names from the root project to the package at `target` (a lockfile v2/v3 `packages` key),
 * following each package's dependencies the way Node resolves them (nearest node_modules up).
 */
export function dependencyPathTo(packages: Json, target: string): string[] {
  const rootName = String(object(packages['']).name ?? '(root)');
  const previous = new Map<string, string>([['', '']]);
  const queue = [''];
  for (let location = queue.shift(); location !== undefined; location = queue.shift()) {
    if (location === target) break;
    const entry = object(packages[location]);
    const dependencies = {
      ...object(entry.dependencies),
      ...object(entry.optionalDependencies),
      ...object(entry.devDependencies),
      ...object(entry.peerDependencies),
    };
    for (const name of Object.keys(dependencies)) {
      const resolved = resolveLocation(packages, location, name);
      if (resolved === undefined || previous.has(resolved)) continue;
      previous.set(resolved, location);
      queue.push(resolved);
    }
  }
  if (!previous.has(target)) return [rootName, packageNameOf(target)];
  const path: string[] = [];
  for (let location = target; location !== ''; location = previous.get(location) ?? '') path.unshift(packageNameOf(location));
  return [rootName, ...path];
}

function resolveLocation(packages: Json, from: string, name: string): string | undefined {
  for (let base = from; ; base = parentPackage(base)) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (base === '') return undefined;
  }
}

function parentPackage(location: string): string {
  const index = location.lastIndexOf('/node_modules/');
  return index === -1 ? '' : location.slice(0, index);
}

function packageNameOf(location: string): string {
  return location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
}
