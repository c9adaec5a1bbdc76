import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from '../../src/http/serializer';

/** An app with one route whose schema names `title` only, answering with `body`. */
async function appAnswering(nodeEnv: string, body: unknown) {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(nodeEnv));
  app.withTypeProvider<ZodTypeProvider>().get(
    '/thing',
    { schema: { response: { 200: z.object({ title: z.string(), done: z.boolean() }) } } },
    // The handler's type follows the schema; the point here is a body that does not.
    () => body as { title: string; done: boolean },
  );
  await app.ready();
  return app;
}

describe('response serializer', () => {
  it.each(['test', 'development'])(
    'GIVEN NODE_ENV=%s and a route that answers with a field its schema lacks WHEN called THEN it fails instead of sending or dropping it',
    async (env) => {
      const app = await appAnswering(env, { done: false, title: 'Buy milk', user_id: 'someone-else' });
      const res = await app.inject({ method: 'GET', url: '/thing' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('someone-else');
      await app.close();
    },
  );

  it.each(['test', 'production'])(
    'GIVEN NODE_ENV=%s and a body that is exactly its schema WHEN called THEN the client gets it as JSON',
    async (env) => {
      const app = await appAnswering(env, { done: false, title: 'Buy milk' });
      const res = await app.inject({ method: 'GET', url: '/thing' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ title: 'Buy milk', done: false });
      await app.close();
    },
  );

  it('GIVEN NODE_ENV=test and a body of the wrong type WHEN called THEN it fails', async () => {
    const app = await appAnswering('test', { done: 'no', title: 'Buy milk' });
    expect((await app.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(500);
    await app.close();
  });
});
