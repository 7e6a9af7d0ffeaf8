import { describe, expect, it } from 'vitest';
import { apiErrorOf } from './api-error.js';
import YAML from 'yaml';
import { KeyedObject, parseKeyedJson, yamlDuplicateKeys } from '../src/duplicate-keys.js';
import { ApiError } from '../src/errors.js';
import { TYPES } from '../src/resources.js';
import type { KubeObject } from '../src/store.js';
import {
  checkFieldValidation,
  checkTypedApply,
  goJson,
  goQuote,
  goValue,
  jsonPatchStrictErrors,
  patchStrictError,
  patchDuplicateErrors,
  sortedUnknownFieldErrors,
  strictDecodingErrors,
  yamlStrictError,
} from '../src/validation.js';

/** The body of apiserver's field validation integration test (test/integration/apiserver/field_validation_test.go). */
const invalidBodyJson = `{
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": { "name": "web", "labels": {"app": "nginx"} },
  "spec": {
    "unknown1": "val1", "unknownDupe": "valDupe", "unknownDupe": "valDupe2",
    "paused": true, "paused": false,
    "selector": { "matchLabels": { "app": "nginx" } },
    "template": { "metadata": { "labels": { "app": "nginx" } }, "spec": { "containers": [{
      "name": "nginx", "image": "nginx:latest", "unknownNested": "val1", "imagePullPolicy": "Always", "imagePullPolicy": "Never"
    }] } }
  }
}`;

const invalidBodyYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never`;

describe('JSON read with its repeated keys', () => {
  it('keeps every entry, reads escapes, numbers and literals, and an empty body as null', () => {
    const keyed = parseKeyedJson(' {"a\\"b": [1, -2.5e3, true, null, {}], "a\\"b": "x\\u00e9\\n"} ');
    expect(keyed).toEqual(
      new KeyedObject([
        ['a"b', [1, -2500, true, null, new KeyedObject([])]],
        ['a"b', 'xé\n'],
      ]),
    );
    expect(parseKeyedJson('')).toBeNull();
    expect(parseKeyedJson('[]')).toEqual([]);
  });
});

describe('strict decoding of request bodies', () => {
  it('reports unknown and duplicate fields of a JSON object in document order, an unknown field once', () => {
    expect(strictDecodingErrors(TYPES.deployments, parseKeyedJson(invalidBodyJson))).toEqual([
      'unknown field "spec.unknown1"',
      'unknown field "spec.unknownDupe"',
      'duplicate field "spec.paused"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    ]);
  });

  it('reports repeated keys in maps and in a patch decoded into a map', () => {
    const body = parseKeyedJson('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","a":"2"}},"data":{"x":"1","x":"2"}}');
    expect(strictDecodingErrors(TYPES.configmaps, body)).toEqual(['duplicate field "metadata.labels.a"', 'duplicate field "data.x"']);
    expect(patchDuplicateErrors(parseKeyedJson('{"spec":{"paused":true,"paused":false,"list":[{"a":1,"a":2}]}}'))).toEqual([
      'duplicate field "spec.paused"',
      'duplicate field "spec.list[0].a"',
    ]);
  });

  it('decodes JSON patch operations strictly, values as untyped maps', () => {
    const patch = parseKeyedJson('[{"op":"add","path":"/spec/a","value":{"x":1,"x":2},"foo":"bar"},{"op":"add","path":"/a","path":"/b","value":1}]');
    expect(jsonPatchStrictErrors(patch)).toEqual([
      'json patch duplicate field "[0].value.x"',
      'json patch unknown field "[0].foo"',
      'json patch duplicate field "[1].path"',
    ]);
  });

  it('finds repeated YAML keys with the lines go-yaml names, then the unknown fields in key order', () => {
    expect(yamlStrictError(yamlDuplicateKeys(invalidBodyYaml))).toBe(
      'yaml: unmarshal errors:\n  line 10: key "unknownDupe" already set in map\n  line 12: key "paused" already set in map\n  line 26: key "imagePullPolicy" already set in map',
    );
    expect(yamlDuplicateKeys('{"a": 1, "a": 2}')).toEqual(['line 1: key "a" already set in map']);
    expect(yamlDuplicateKeys('a: [')).toEqual([]);
    const converted = YAML.parse(invalidBodyYaml, { uniqueKeys: false }) as KubeObject;
    expect(sortedUnknownFieldErrors(TYPES.deployments, converted)).toEqual([
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'unknown field "spec.unknown1"',
      'unknown field "spec.unknownDupe"',
    ]);
  });

  it('rejects under Strict, warns one line at a time under Warn, and drops unknown fields unless Strict', () => {
    const object = (): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {}, dta: 1 });
    const errors = [yamlStrictError(['line 3: key "a" already set in map', 'line 4: key "b" already set in map'])!, 'unknown field "dta"'];
    let strict: unknown;
    try {
      checkFieldValidation(TYPES.configmaps, object(), 'Strict', errors);
    } catch (error) {
      strict = error;
    }
    expect(strict).toBeInstanceOf(ApiError);
    expect((strict as ApiError).message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: yaml: unmarshal errors:\n  line 3: key "a" already set in map\n  line 4: key "b" already set in map, unknown field "dta"',
    );
    const warned = object();
    expect(checkFieldValidation(TYPES.configmaps, warned, null, errors)).toEqual([
      'line 3: key "a" already set in map',
      'line 4: key "b" already set in map',
      'unknown field "dta"',
    ]);
    expect(warned.dta).toBeUndefined();
  });
});

describe('unknown fields in a server-side apply', () => {
  const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { ...extra, template: { spec: { containers: [{ name: 'app', image: 'x', ...container }] } } },
  });

  it('fail the typed conversion with a reasonless 500, paths keyed by the lists associative keys', () => {
    expect(() => checkTypedApply(TYPES.deployments, deployment({ ports: [{ containerPort: 8080 }] }))).not.toThrow();
    const one = apiErrorOf(() => checkTypedApply(TYPES.deployments, deployment({ imagePullPolcy: 'Always' })));
    expect([one.code, one.reason, one.message]).toEqual([
      500,
      '',
      'failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): .spec.template.spec.containers[name="app"].imagePullPolcy: field not declared in schema',
    ]);
    expect(one.toStatus()).not.toHaveProperty('reason');
    const several = apiErrorOf(() => checkTypedApply(TYPES.deployments, deployment({ ports: [{ containerPort: 8080, protocl: 'TCP' }] }, { replica: 2 })));
    expect(several.message).toBe(
      'failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): errors:\n' +
        '  .spec.replica: field not declared in schema\n' +
        '  .spec.template.spec.containers[name="app"].ports[containerPort=8080,protocol="TCP"].protocl: field not declared in schema',
    );
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, dta: {} } as KubeObject;
    expect(apiErrorOf(() => checkTypedApply(TYPES.configmaps, configMap)).message).toBe(
      'failed to create typed patch object (/c; /v1, Kind=ConfigMap): .dta: field not declared in schema',
    );
  });
});

describe('strict errors of a patch', () => {
  it('are a 422 on the field "patch", valued with the patched JSON or the decoded patch as Go prints them', () => {
    const error = patchStrictError(goJson({ spec: { b: '<x>', a: 1 } }), ['duplicate field "spec.a"', 'unknown field "spec.b"']);
    const message =
      'Invalid value: "{\\"spec\\":{\\"a\\":1,\\"b\\":\\"\\\\u003cx\\\\u003e\\"}}": strict decoding error: duplicate field "spec.a", unknown field "spec.b"';
    expect([error.code, error.reason, error.message]).toEqual([422, 'Invalid', ` "" is invalid: patch: ${message}`]);
    expect(error.details).toEqual({ causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
  });

  it.each<[unknown, string]>([
    [{ spec: { replicas: 2, paused: true } }, 'map[spec:map[paused:true replicas:2]]'],
    [{ metadata: { labels: null }, $patch: 'x', list: ['a', 1.5, { b: 0.00001 }] }, 'map[$patch:x list:[a 1.5 map[b:1e-05]] metadata:map[labels:<nil>]]'],
    [{ big: 1e21, small: -0.5 }, 'map[big:1e+21 small:-0.5]'],
  ])('formats %j with %%+v as %s', (value, printed) => {
    expect(goValue(value)).toBe(printed);
  });

  it('quotes as strconv.Quote does', () => {
    expect(goQuote('a"b\\c\n\t\x01\u2028é')).toBe('"a\\"b\\\\c\\n\\t\\x01\\u2028é"');
  });
});
