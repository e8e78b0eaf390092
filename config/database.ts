import path from 'path';

/**
 * SQLite (better-sqlite3) is the zero-setup default, in `.tmp/`.
 * PostgreSQL is the production database: DATABASE_CLIENT=postgres and DATABASE_URL.
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/mail_merge'),
          ssl: env.bool('DATABASE_SSL', false) && { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) },
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      pool: {
        // After Strapi's own hook (which sets foreign_keys = on). WAL: a long reader (an extraction
        // in its own process) never blocks Strapi's writes, nor they it; NORMAL is safe with WAL.
        afterCreate: (connection, done) => {
          try {
            connection.pragma('journal_mode = WAL');
            connection.pragma('synchronous = NORMAL');
            done(null, connection);
          } catch (error) {
            done(error, connection);
          }
        },
      },
    },
  };
};
