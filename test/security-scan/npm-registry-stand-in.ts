import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** Advisories the stand-in serves for the npm-app fixture, in the bulk endpoint's format. */
export const FIXTURE_ADVISORIES = {
  'tiny-parser': [
    {
      id: 1099001,
      url: 'https://github.com/advisories/GHSA-4xq2-m6pw-h8vc',
      title: 'Prototype pollution in tiny-parser',
      severity: 'high',
      vulnerable_versions: '>=2.0.0 <2.3.1',
      cwe: ['CWE-1321'],
      cvss: { score: 7.5, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N' },
    },
  ],
  'left-padder': [
    {
      id: 1099002,
      url: 'https://github.com/advisories/GHSA-9f3j-r2cw-pq5m',
      title: 'Remote code execution in left-padder',
      severity: 'critical',
      vulnerable_versions: '<1.0.3',
      cwe: ['CWE-94'],
      cvss: { score: 9.8, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    },
  ],
};

/** Just enough packuments for npm to work out which upgrades fix the advisories. */
const PACKUMENTS: Record<string, Record<string, Record<string, string>>> = {
  'express-lite': { '1.2.0': { 'tiny-parser': '^2.0.0' }, '1.3.0': { 'tiny-parser': '^2.3.1' } },
  'tiny-parser': { '2.1.0': {}, '2.3.1': {} },
  'left-padder': { '1.0.1': {}, '1.0.3': {} },
};

export interface StandIn {
  url: string;
  /** Package names asked for in each bulk advisory request. */
  auditRequests: string[][];
  close(): Promise<void>;
}

/**
 * A local stand-in for the npm registry's audit endpoint
 * (`POST /-/npm/v1/security/advisories/bulk`) and packuments. With `refuseAudit` it answers
 * the audit endpoint as the registry reachable from these machines does: 405.
 */
export async function startRegistryStandIn(options: { refuseAudit?: boolean } = {}): Promise<StandIn> {
  const auditRequests: string[][] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://stand-in').pathname);
      if (request.method === 'POST' && path === '/-/npm/v1/security/advisories/bulk') {
        if (options.refuseAudit) {
          response.statusCode = 405;
          response.end(JSON.stringify({ error: 'Method Not Allowed' }));
          return;
        }
        const body = Buffer.concat(chunks);
        const text = request.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
        const asked = JSON.parse(text) as Record<string, string[]>;
        auditRequests.push(Object.keys(asked).sort());
        response.end(JSON.stringify(Object.fromEntries(Object.entries(FIXTURE_ADVISORIES).filter(([name]) => name in asked))));
        return;
      }
      const name = path.slice(1);
      const versions = PACKUMENTS[name];
      if (request.method === 'GET' && versions) {
        const latest = Object.keys(versions).at(-1);
        response.end(
          JSON.stringify({
            name,
            'dist-tags': { latest },
            versions: Object.fromEntries(
              Object.entries(versions).map(([version, dependencies]) => [
                version,
                { name, version, dependencies, dist: { tarball: `http://stand-in/${name}/-/${name}-${version}.tgz` } },
              ]),
            ),
          }),
        );
        return;
      }
      response.statusCode = 404;
      response.end(JSON.stringify({ error: 'Not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    auditRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
