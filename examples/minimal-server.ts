/**
 * The README's minimal example: an API on Node `http` that pages on app.example.com and
 * its subdomains may call with cookies. Run: `npm run example:minimal -- --port 3000`
 * (`--port 0` picks a free port; the first stdout line is the URL it listens on).
 * In an installed project, import from `corset/node`.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { withCors } from '../src/adapters/node.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' } } });

const cors = {
  origins: ['https://app.example.com', 'https://*.example.com'],
  credentials: true,
  allowedHeaders: ['content-type', 'authorization'],
  exposedHeaders: ['x-request-id'],
};

const server = createServer(
  withCors(cors, (req, res) => {
    if (req.method === 'GET' && req.url === '/me') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': randomUUID() });
      res.end('{"ok":true}');
    } else res.writeHead(404).end();
  }),
);

server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') {
    console.log(`http://127.0.0.1:${address.port}`);
  }
});
