import fp from 'fastify-plugin';
import { createItemsRepository, type ItemsRepository } from '../items/repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    items: ItemsRepository;
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('items', createItemsRepository(fastify.db));
  },
  { name: 'items-repository', dependencies: ['database'] },
);
