import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler } from 'fastify-type-provider-zod';

/*
 * Response bodies. Outside production every body is encoded with its route's schema and must already be exactly
 * what the schema gives: a route that returns a field its schema does not name (and would count on the schema to
 * drop it) fails in the tests instead of leaking. Production sends the body as it is, since the tests have held
 * every route to its schema: encoding each response again cost 16 % of a task list's CPU (bench/ab.mjs list,
 * CPU per request 0.844 without it).
 */

/** The body as JSON: what the client receives, compared without key order. */
const asJson = (data: unknown): unknown => JSON.parse(JSON.stringify(data) ?? 'null');

const checked: FastifySerializerCompiler<unknown> = (route) => {
  const encode = serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
  return (data) => {
    const body = encode(data);
    if (!isDeepStrictEqual(JSON.parse(body), asJson(data)))
      throw new Error(
        `${route.method} ${route.url} answered with fields its ${route.httpStatus} schema does not have`,
      );
    return body;
  };
};

const plain: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

/** The serializer compiler for `nodeEnv`. */
export const responseSerializer = (nodeEnv: string): FastifySerializerCompiler<unknown> =>
  nodeEnv === 'production' ? plain : checked;
