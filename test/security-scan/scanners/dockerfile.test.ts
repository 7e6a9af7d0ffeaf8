import { describe, expect, it } from 'vitest';
import { DOCKERFILE_RULES, scanDockerfile } from '../../../actions/security-scan/src/scanners/dockerfile.js';
import { dedent, expectEveryRuleCovered, type Hit, type Miss, only } from './tables.js';

const DIGEST = `sha256:${'3f9a0c1e'.repeat(8)}`;

const dockerfileHits: Hit[] = [
  {
    rule: 'docker/root-user',
    severity: 'high',
    name: 'no USER in the final stage (reported on its FROM)',
    line: 4,
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      USER node
      RUN npm ci
      FROM gcr.io/distroless/nodejs22@${DIGEST}
      COPY --from=build /app /app
      HEALTHCHECK CMD ["/nodejs/bin/node", "/app/health.js"]
    `,
  },
  {
    rule: 'docker/root-user',
    severity: 'high',
    name: 'USER root last',
    line: 3,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      USER node
      USER root:root
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/unpinned-base-image',
    severity: 'medium',
    name: 'a tag without a digest',
    line: 2,
    text: dedent`
      # syntax=docker/dockerfile:1
      FROM node:22-slim
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/unpinned-base-image',
    severity: 'medium',
    name: 'a tag from a global ARG',
    line: 2,
    text: dedent`
      ARG BASE=node:22-slim
      FROM --platform=$BUILDPLATFORM \${BASE}
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/add-url',
    severity: 'medium',
    name: 'ADD of a URL',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ADD https://example.com/tool.tar.gz /opt/
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/secret-in-env',
    severity: 'high',
    name: 'ENV with a token',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ENV NODE_ENV=production API_TOKEN=abc123
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/secret-in-env',
    severity: 'high',
    name: 'a build ARG for a token',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ARG NPM_TOKEN
      RUN npm ci
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/secret-in-env',
    severity: 'high',
    name: 'the legacy ENV form',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ENV DB_PASSWORD hunter2
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/apt-get-no-cleanup',
    severity: 'low',
    name: 'apt-get install over continuation lines',
    line: 2,
    text: dedent`
      FROM debian:12-slim@${DIGEST}
      RUN apt-get update \\
        && apt-get install -y --no-install-recommends curl
      USER 10001
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/missing-healthcheck',
    severity: 'low',
    name: 'a HEALTHCHECK only in the build stage (reported on the final FROM)',
    line: 4,
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      HEALTHCHECK NONE
      RUN npm ci
      FROM node:22-slim@${DIGEST}
      USER node
    `,
  },
];

const dockerfileMisses: Miss[] = [
  {
    rule: 'docker/root-user',
    name: 'a numeric non-root USER after the root steps',
    text: dedent`
      FROM debian:12-slim@${DIGEST}
      USER root
      RUN useradd -u 10001 app
      USER 10001:10001
    `,
  },
  {
    rule: 'docker/root-user',
    name: 'root only in a build stage',
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      USER root
      FROM node:22-slim@${DIGEST}
      USER node
    `,
  },
  {
    rule: 'docker/unpinned-base-image',
    name: 'a digest, scratch and a stage name',
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      FROM build AS test
      FROM scratch
    `,
  },
  {
    rule: 'docker/unpinned-base-image',
    name: 'a digest from a global ARG',
    text: dedent`
      ARG BASE=node:22-slim@${DIGEST}
      FROM \${BASE}
    `,
  },
  {
    rule: 'docker/add-url',
    name: 'ADD --checksum of a URL',
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ADD --checksum=${DIGEST} https://example.com/tool.tar.gz /opt/
    `,
  },
  {
    rule: 'docker/add-url',
    name: 'ADD of a local folder',
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ADD ./vendor /opt/vendor
    `,
  },
  {
    rule: 'docker/secret-in-env',
    name: 'a build secret mount',
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ENV NODE_ENV=production LOG_LEVEL=info
      RUN --mount=type=secret,id=npm_token NPM_CONFIG_TOKEN_FILE=/run/secrets/npm_token npm ci
    `,
  },
  {
    rule: 'docker/apt-get-no-cleanup',
    name: 'apt-get install with the lists removed in the same RUN',
    text: dedent`
      FROM debian:12-slim@${DIGEST}
      RUN apt-get update \\
        && apt-get install -y --no-install-recommends curl \\
        && rm -rf /var/lib/apt/lists/*
    `,
  },
  {
    rule: 'docker/missing-healthcheck',
    name: 'HEALTHCHECK CMD in the final stage',
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      FROM node:22-slim@${DIGEST}
      HEALTHCHECK --interval=30s CMD node /app/health.js
    `,
  },
];

describe('dockerfile: scanDockerfile', () => {
  it('has a hit and a near-miss for every rule', () => {
    expectEveryRuleCovered(Object.keys(DOCKERFILE_RULES), dockerfileHits, dockerfileMisses);
  });

  it.each(dockerfileHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const findings = only(scanDockerfile('Dockerfile', text), rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: 'Dockerfile' },
    ]);
  });

  it.each(dockerfileMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanDockerfile('Dockerfile', text), rule)).toEqual([]);
  });
});
