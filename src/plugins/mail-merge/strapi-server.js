'use strict';

/**
 * Strapi's plugin loader only require()s .js files. The server is written in TypeScript and
 * compiled on the fly by esbuild-register (the tool Strapi itself uses to read config/*.ts), so the
 * local plugin needs no separate build or watch step.
 */
const { register } = require('esbuild-register/dist/node');

register({ target: 'node20', extensions: ['.ts'] });

const plugin = require('./server/src/index.ts');

module.exports = plugin.default || plugin;
