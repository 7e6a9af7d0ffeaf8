import type http from 'node:http';
import { ApiError, badRequest } from '../errors.js';
import type { Json } from '../patch.js';
import type { UserInfo } from '../rbac.js';

/** A request whose body has been read. */
export interface Request {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Who sent it, for the checks the registry makes beyond the request's verb (create on apply, RBAC escalation). */
  user: UserInfo;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError =
    error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${(error as Error).stack ?? String(error)}`);
  sendJson(res, apiError.code, apiError.toStatus());
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'RequestEntityTooLarge', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(request: Request): Json {
  if (String(request.headers['content-type'] ?? '').includes('protobuf')) {
    throw new ApiError(415, 'UnsupportedMediaType', 'the emulator decodes protobuf only when creating a Namespace, Secret or ConfigMap; send JSON');
  }
  try {
    return JSON.parse(request.body.toString('utf8') || 'null') as Json;
  } catch (error) {
    throw badRequest(`error decoding request body: ${(error as Error).message}`);
  }
}

export function fieldManager(request: Request): string {
  const explicit = request.url.searchParams.get('fieldManager');
  if (explicit) return explicit;
  return String(request.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
}

export function isDryRun(request: Request): boolean {
  return request.url.searchParams.getAll('dryRun').includes('All');
}

export function wantsTable(request: Request): boolean {
  return /as=Table/.test(String(request.headers.accept ?? ''));
}
