// The baseline of the API load run: a bare Fastify server answering one simple query on the same database as the
// product — a user by primary key (`GET /bare/users/:id`), through a pg pool of the product's size or the same
// embedded PGlite data directory — with no sessions, validation, scope conditions or audit. What the product's
// requests are compared with: the floor Fastify and the database put under any request on this machine.
//
//   DATABASE_URL=… BARE_POOL_SIZE=10 PORT=… node scripts/bench/bare-server.mjs
//   DATA_DIR=… PORT=… node scripts/bench/bare-server.mjs
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? 0);
const sqlText = 'SELECT id, username, display_name, role FROM users WHERE id = $1';

let query;
let close;
if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE ?? 10) });
  query = async (id) => (await pool.query(sqlText, [id])).rows[0];
  close = () => pool.end();
} else {
  const pglite = await PGlite.create(path.join(process.env.DATA_DIR ?? './data', 'pglite'));
  query = async (id) => (await pglite.query(sqlText, [id])).rows[0];
  close = () => pglite.close();
}

const app = Fastify({ logger: false });
app.get('/bare/users/:id', async (request, reply) => {
  const row = await query(Number(request.params.id));
  return row ?? reply.status(404).send({ error: 'not found' });
});
app.get('/bare/health', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
console.log(`bare server listening on ${port}`);

process.once('SIGTERM', async () => {
  await app.close();
  await close();
  process.exit(0);
});
