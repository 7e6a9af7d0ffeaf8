import { ApiError } from './errors.js';
import type { KubeObject } from './store.js';

/**
 * Typed kubectl commands (`create namespace|secret|configmap|token`, `auth can-i|whoami`) send protobuf
 * bodies. This decodes those kinds from the `k8s\0` envelope; other protobuf bodies get a 415 that says so.
 */
class Reader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new Error('truncated varint');
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  }

  /** Next field as [field number, value]: varints as numbers, length-delimited as bytes. */
  field(): [number, number | Buffer] {
    const key = this.varint();
    const wireType = key & 7;
    const field = Math.floor(key / 8);
    if (wireType === 0) return [field, this.varint()];
    if (wireType === 2) {
      const length = this.varint();
      const value = this.bytes.subarray(this.offset, this.offset + length);
      this.offset += length;
      return [field, value];
    }
    if (wireType === 1 || wireType === 5) {
      this.offset += wireType === 1 ? 8 : 4;
      return [field, 0];
    }
    throw new Error(`unsupported wire type ${wireType}`);
  }
}

function fields(bytes: Buffer): [number, number | Buffer][] {
  const reader = new Reader(bytes);
  const result: [number, number | Buffer][] = [];
  while (!reader.done) result.push(reader.field());
  return result;
}

function text(value: number | Buffer): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

function mapEntry(value: number | Buffer, binary: boolean): [string, string] {
  let key = '';
  let entry = '';
  for (const [field, inner] of fields(value as Buffer)) {
    if (field === 1) key = text(inner);
    if (field === 2) entry = binary && Buffer.isBuffer(inner) ? inner.toString('base64') : text(inner);
  }
  return [key, entry];
}

function objectMeta(bytes: Buffer): KubeObject['metadata'] {
  const metadata: KubeObject['metadata'] = { name: '' };
  for (const [field, value] of fields(bytes)) {
    if (field === 1) metadata.name = text(value);
    else if (field === 2) metadata.generateName = text(value);
    else if (field === 3) metadata.namespace = text(value);
    else if (field === 11 || field === 12) {
      const [key, entry] = mapEntry(value, false);
      const target = field === 11 ? (metadata.labels ??= {}) : (metadata.annotations ??= {});
      target[key] = entry;
    }
  }
  return metadata;
}

export function decodeProtobufObject(body: Buffer): KubeObject {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new ApiError(415, 'UnsupportedMediaType', 'protobuf body without the k8s envelope');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const [field, value] of fields(body.subarray(4))) {
    if (field === 1) {
      for (const [typeField, typeValue] of fields(value as Buffer)) {
        if (typeField === 1) apiVersion = text(typeValue);
        if (typeField === 2) kind = text(typeValue);
      }
    } else if (field === 2) raw = value as Buffer;
  }
  if (kind === 'TokenRequest') return tokenRequest(apiVersion, raw);
  if (kind in REVIEW_SPECS) return review(apiVersion, kind, raw);
  const object: KubeObject = { apiVersion, kind, metadata: { name: '' } };
  const maps: Record<string, Record<number, [string, boolean]>> = {
    Namespace: {},
    Secret: { 2: ['data', true], 4: ['stringData', false] },
    ConfigMap: { 2: ['data', false], 3: ['binaryData', true] },
  };
  const kindMaps = maps[kind];
  if (!kindMaps) {
    throw new ApiError(415, 'UnsupportedMediaType', `the emulator decodes protobuf only for Namespace, Secret and ConfigMap, not ${kind}; use kubectl apply`);
  }
  for (const [field, value] of fields(raw)) {
    if (field === 1) object.metadata = objectMeta(value as Buffer);
    else if (kind === 'Secret' && field === 3) object.type = text(value);
    else if (kindMaps[field]) {
      const [name, binary] = kindMaps[field];
      const target = (object[name] ??= {}) as Record<string, string>;
      const [key, entry] = mapEntry(value, binary);
      target[key] = entry;
    }
  }
  return object;
}

/** authentication/v1 TokenRequest: spec = audiences (1), boundObjectRef (3: kind, apiVersion, name, uid), expirationSeconds (4). */
function tokenRequest(apiVersion: string, raw: Buffer): KubeObject {
  const object: KubeObject = { apiVersion, kind: 'TokenRequest', metadata: { name: '' }, spec: {} };
  for (const [field, value] of fields(raw)) {
    if (field === 1) object.metadata = objectMeta(value as Buffer);
    if (field !== 2) continue;
    for (const [specField, specValue] of fields(value as Buffer)) {
      if (specField === 1) (object.spec.audiences ??= []).push(text(specValue));
      else if (specField === 4) object.spec.expirationSeconds = Number(specValue);
      else if (specField === 3) {
        const names = ['', 'kind', 'apiVersion', 'name', 'uid'];
        object.spec.boundObjectRef = Object.fromEntries(fields(specValue as Buffer).map(([refField, refValue]) => [names[refField] ?? '', text(refValue)]));
      }
    }
  }
  return object;
}

/** Field numbers of authorization/v1 ResourceAttributes and NonResourceAttributes (string fields only). */
const RESOURCE_ATTRIBUTES = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
const NON_RESOURCE_ATTRIBUTES = ['', 'path', 'verb'];
const REVIEW_SPECS: Record<string, Record<number, [string, string[] | undefined]>> = {
  SelfSubjectAccessReview: { 1: ['resourceAttributes', RESOURCE_ATTRIBUTES], 2: ['nonResourceAttributes', NON_RESOURCE_ATTRIBUTES] },
  SelfSubjectRulesReview: { 1: ['namespace', undefined] },
  SelfSubjectReview: {},
};

function review(apiVersion: string, kind: string, raw: Buffer): KubeObject {
  const object: KubeObject = { apiVersion, kind, metadata: { name: '' }, spec: {} };
  const specFields = REVIEW_SPECS[kind] ?? {};
  for (const [field, value] of fields(raw)) {
    if (field === 1) object.metadata = objectMeta(value as Buffer);
    if (field !== 2) continue;
    for (const [specField, specValue] of fields(value as Buffer)) {
      const [name, names] = specFields[specField] ?? [];
      if (!name) continue;
      object.spec[name] = names
        ? Object.fromEntries(
            fields(specValue as Buffer)
              .filter(([attributeField]) => names[attributeField])
              .map(([attributeField, attributeValue]) => [names[attributeField], text(attributeValue)]),
          )
        : text(specValue);
    }
  }
  return object;
}
