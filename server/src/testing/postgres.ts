import pg from 'pg';

/** Creates an empty database on the server the URL points at, and returns its URL and a way to drop it. */
export async function createIsolatedPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dukao_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await runAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL 指向的 PostgreSQL 无法连接（${adminUrl}）：${(error as Error).message}`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
