/**
 * Child process of the end-to-end benchmark: starts one server (bench/e2e-servers.ts),
 * prints `{ port, request }` as one JSON line, answers an IPC `'cpu'` message with its
 * `process.cpuUsage()`, and runs until its parent ends it (stdin closes). A process per
 * server keeps the load generator and each server on their own event loops, as in
 * production.
 *
 * Usage: `tsx bench/e2e-server.ts --name <server name>`.
 */
import { parseArgs } from 'node:util';
import { SERVER_GROUPS, type ServerName, startServer } from './e2e-servers.js';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
const names: readonly string[] = SERVER_GROUPS.flat();
if (values.name === undefined || !names.includes(values.name)) {
  throw new Error(`--name must be one of ${names.join(', ')}; got ${values.name}`);
}
const server = await startServer(values.name as ServerName);
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
});
console.log(JSON.stringify({ port: server.port, request: server.request }));
process.stdin.resume();
process.stdin.on('end', () => {
  server.close().then(() => process.exit(0));
});
