import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPOSITORY_ROOT } from '../repository-root.js';

const read = (file: string): string => readFileSync(join(REPOSITORY_ROOT, file), 'utf8');

describe('repository hygiene', () => {
  it('Dependabot updates npm and GitHub Actions, grouped', () => {
    const config = parseYaml(read('.github/dependabot.yml')) as { version: number; updates: Array<{ 'package-ecosystem': string; groups?: object }> };
    expect(config.version).toBe(2);
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of config.updates) expect(Object.keys(update.groups ?? {}).length, update['package-ecosystem']).toBeGreaterThan(0);
  });

  it('CODEOWNERS names an owner for everything', () => {
    expect(read('.github/CODEOWNERS')).toMatch(/^\*\s+@\S+/m);
  });

  it('issue templates are valid forms, blank issues off, vulnerabilities sent to private reporting', () => {
    for (const template of ['bug_report.yml', 'feature_request.yml']) {
      const form = parseYaml(read(`.github/ISSUE_TEMPLATE/${template}`)) as { name?: string; description?: string; body?: unknown[] };
      expect(form.name, template).toBeTruthy();
      expect(form.description, template).toBeTruthy();
      expect(form.body?.length, template).toBeGreaterThan(0);
    }
    const config = parseYaml(read('.github/ISSUE_TEMPLATE/config.yml')) as { blank_issues_enabled: boolean; contact_links: Array<{ url: string }> };
    expect(config.blank_issues_enabled).toBe(false);
    expect(config.contact_links.map((link) => link.url)).toEqual([expect.stringMatching(/\/security\/advisories\/new$/)]);
  });

  it('has a pull request template, SECURITY.md and CONTRIBUTING.md with build, test, dist and release', () => {
    expect(existsSync(join(REPOSITORY_ROOT, '.github/pull_request_template.md'))).toBe(true);
    expect(read('SECURITY.md')).toContain('## Reporting a vulnerability');
    const contributing = read('CONTRIBUTING.md');
    for (const section of ['## Build', '## Test', '## dist/', '## Release']) expect(contributing).toContain(section);
  });

  it('marks dist/ as generated', () => {
    expect(read('.gitattributes')).toMatch(/^dist\/\*\* .*\blinguist-generated=true\b/m);
  });

  it("the README's sections on ci.yml and deploy.yml show their stages", () => {
    const readme = read('README.md');
    for (const stage of ['**Lint** (optional)', '**Tests**', '**Quality gate**', '**Build**', '**Scan**', '**Verify**', '**Deploy**', '**Notify** (optional)'])
      expect(readme).toContain(stage);
  });
});
