import fs from 'node:fs';
import https from 'node:https';
import YAML from 'yaml';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * One request to the API server as a kubeconfig's user (its CA and bearer token), to see the exact
 * Status body where kubectl cannot send the request itself (a PATCH with `fieldValidation`) or
 * only summarises the answer.
 */
export function rawRequest(
  kubeconfig: string,
  method: string,
  urlPath: string,
  body: string,
  contentType = 'application/merge-patch+json',
): Promise<RawResponse> {
  const config = YAML.parse(fs.readFileSync(kubeconfig, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const { server, 'certificate-authority-data': ca } = config.clusters[0]!.cluster;
  return new Promise((resolve, reject) => {
    const request = https.request(
      new URL(urlPath, server),
      {
        method,
        ca: Buffer.from(ca, 'base64').toString('utf8'),
        headers: { Authorization: `Bearer ${config.users[0]!.user.token}`, 'Content-Type': contentType },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
