import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createTestApp, signUp, type TestApp } from '../helpers/app';
import { json } from '../helpers/json';

/** The parts of an OpenAPI 3 document this test reads: its version, its paths and what a POST takes as JSON. */
const openApiSchema = z.object({
  openapi: z.string(),
  paths: z.record(
    z.string(),
    z.object({
      // Optional all the way down: a POST may take no body, and a body's schema need not be an object.
      post: z
        .object({
          requestBody: z
            .object({
              content: z.record(
                z.string(),
                z.object({ schema: z.object({ properties: z.record(z.string(), z.unknown()).optional() }) }),
              ),
            })
            .optional(),
        })
        .optional(),
    }),
  ),
});

describe('metrics and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('GIVEN some traffic WHEN scraping /metrics THEN durations are labelled by route pattern and status, with pool and process gauges', async () => {
    const user = await signUp(t.app, 'Metrics');
    await t.app.inject({ url: `/api/${user.id}/tasks`, headers: { authorization: `Bearer ${user.token}` } });
    await t.app.inject({
      url: `/api/${user.id}/tasks/999`,
      headers: { authorization: `Bearer ${user.token}` },
    });
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/:user_id\/tasks",status_code="200"\} 1/,
    );
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/:user_id\/tasks\/:id",status_code="404"\} 1/,
    );
    expect(res.body).not.toContain(user.id);
    expect(res.body).toMatch(/^db_pool_connections_total \d+/m);
    expect(res.body).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('GIVEN the app WHEN fetching /openapi.json THEN every task route is documented with its schemas', async () => {
    const doc = json(await t.app.inject('/openapi.json'), openApiSchema);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/{user_id}/tasks',
        '/api/{user_id}/tasks/{id}',
        '/api/{user_id}/tasks/{id}/complete',
        '/api/{user_id}/tokens',
      ]),
    );
    const post = doc.paths['/api/{user_id}/tasks']?.post;
    expect(post?.requestBody?.content['application/json']?.schema.properties?.title).toBeDefined();
    expect(doc.paths['/metrics']).toBeUndefined();
  });

  it('GIVEN a browser WHEN opening /docs THEN the UI page is served', async () => {
    const res = await t.app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
