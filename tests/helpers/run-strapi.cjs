/**
 * A real, separate Strapi process for the tests that kill one mid-batch or run two side by side
 * (tests/helpers/strapi-process.ts starts it). It boots the compiled app and prints
 * `READY <port>` once it listens.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

// Another app (a plain JavaScript one, loaded as it is) when the test names it.
const appDir = process.env.TEST_APP_DIR || path.resolve(__dirname, '..', '..');
const distDir = process.env.TEST_APP_DIR || path.join(appDir, 'dist');

createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false })
  .load()
  .then(async (strapi) => {
    strapi.log.level = process.env.TEST_LOG_LEVEL || 'warn';
    await strapi.listen();
    process.stdout.write(`READY ${strapi.server.httpServer.address().port}\n`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
