import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import { MAX_INT4 } from '../schemas.js';
import type { Item } from './repository.js';
import { adjustment, errors, ifMatchHeaders, item, itemChanges, itemPage, itemParams, listQuery, newItem } from './schemas.js';

const tags = ['items'];

function notFound(id: number): ApiError {
  return new ApiError(404, 'ITEM_NOT_FOUND', `Item ${id} does not exist`);
}

function duplicateSku(sku: string | undefined): ApiError {
  return new ApiError(409, 'DUPLICATE_SKU', `An item with sku ${JSON.stringify(sku)} already exists`);
}

function withEtag(reply: FastifyReply, found: Item): Item {
  reply.header('etag', `"${found.version}"`);
  return found;
}

const VERSION_TAG = /^(?:W\/)?"([1-9]\d*)"$/;

/**
 * `"3"` or `W/"3"` → 3; `*` or no header → 'any'. A well-formed tag that no version of an item
 * can have (`"0"`, `"007"`, `"9999999999"`, beyond the integer column) → 'none': RFC 9110
 * compares entity-tags as opaque strings and this service only ever sends `"<version>"`, so
 * such a tag matches nothing, and a false If-Match is 412 Precondition Failed (section 13.1.1),
 * decided here, before the database sees a number it cannot hold.
 */
function expectedVersion(ifMatch: string | undefined): number | 'any' | 'none' {
  if (ifMatch === undefined || ifMatch === '*') return 'any';
  const version = Number(VERSION_TAG.exec(ifMatch)?.[1]);
  return Number.isInteger(version) && version <= MAX_INT4 ? version : 'none';
}

const itemsRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const repository = fastify.items;

  fastify.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List items, ordered by id, with pagination and filters',
        querystring: listQuery,
        response: { 200: itemPage, ...errors(400) },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query;
      if (filters.minQuantity !== undefined && filters.maxQuantity !== undefined && filters.minQuantity > filters.maxQuantity) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'minQuantity must not be greater than maxQuantity');
      }
      const page = await repository.list({ limit, offset, ...filters });
      return { ...page, limit, offset };
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One item',
        params: itemParams,
        response: { 200: item, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const found = await repository.findById(request.params.id);
      if (found === undefined) throw notFound(request.params.id);
      return withEtag(reply, found);
    },
  );

  fastify.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an item',
        body: newItem,
        response: { 201: item, ...errors(400, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const created = await repository.create(request.body);
      if (created === 'duplicate-sku') throw duplicateSku(request.body.sku);
      // From the route's prefix, never the request URL: its query string is the client's text.
      reply.code(201).header('location', `${fastify.prefix}/${created.id}`);
      return withEtag(reply, created);
    },
  );

  fastify.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change some fields; with If-Match: "<version>" the change applies only to that version',
        params: itemParams,
        headers: ifMatchHeaders,
        body: itemChanges,
        response: { 200: item, ...errors(400, 404, 409, 412, 413, 415) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = expectedVersion(request.headers['if-match']);
      if (version === 'none') {
        if ((await repository.findById(id)) === undefined) throw notFound(id);
        throw new ApiError(412, 'VERSION_MISMATCH', `Item ${id} has never had version ${request.headers['if-match']}; fetch it again`);
      }
      const result = await repository.update(id, request.body, version === 'any' ? undefined : version);
      if (result === 'not-found') throw notFound(id);
      if (result === 'duplicate-sku') throw duplicateSku(request.body.sku);
      if (result === 'version-mismatch') {
        throw new ApiError(412, 'VERSION_MISMATCH', `Item ${id} is no longer at version ${version}; fetch it again`);
      }
      return withEtag(reply, result);
    },
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete an item',
        params: itemParams,
        response: { 204: z.null().describe('Deleted'), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      if (!(await repository.remove(request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/:id/adjust',
    {
      schema: {
        tags,
        summary: 'Add delta to the quantity atomically; never below zero',
        params: itemParams,
        body: adjustment,
        response: { 200: item, ...errors(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { delta } = request.body;
      const result = await repository.adjust(id, delta);
      if (result === 'not-found') throw notFound(id);
      if (result === 'insufficient-stock') {
        throw new ApiError(409, 'INSUFFICIENT_STOCK', `Item ${id} has less than ${-delta} in stock`);
      }
      if (result === 'out-of-range') {
        throw new ApiError(409, 'QUANTITY_OUT_OF_RANGE', `Item ${id} cannot hold ${delta} more`);
      }
      return withEtag(reply, result);
    },
  );
};

export default itemsRoutes;
