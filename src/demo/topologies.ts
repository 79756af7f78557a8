/**
 * The three site relationships the demo runs, as data. Host names of the HTTPS
 * topologies are reserved for documentation (RFC 2606 §3) and under real public
 * suffixes: under `.test` WebKitGTK (libsoup) would count `app.…` and `api.…` as two
 * sites, so "sibling subdomains" would not be what the browser sees
 * (shared/docs/real-browsers.md, pitfalls). The browsers map them to loopback.
 */

/** Name of a demo topology (`--topology`). */
export type DemoTopologyName = 'ports' | 'subdomains' | 'cross-site';

/** One topology: where the app and the API live. */
export interface DemoTopology {
  readonly name: DemoTopologyName;
  /** What the relation is, e.g. `sibling subdomains`. */
  readonly label: string;
  /** One line for `--help`. */
  readonly summary: string;
  readonly scheme: 'http' | 'https';
  readonly appHost: string;
  readonly apiHost: string;
  readonly defaultAppPort: number;
  readonly defaultApiPort: number;
}

/** The topologies, in the order `--help` lists them (the first is the default). */
export const DEMO_TOPOLOGIES: readonly DemoTopology[] = [
  {
    name: 'ports',
    label: 'same site, other port',
    summary: 'same site, other port: http://localhost:8080 → http://localhost:3000',
    scheme: 'http',
    appHost: 'localhost',
    apiHost: 'localhost',
    defaultAppPort: 8080,
    defaultApiPort: 3000,
  },
  {
    name: 'subdomains',
    label: 'sibling subdomains',
    summary: 'sibling subdomains: https://app.example.com:8443 → https://api.example.com:3443',
    scheme: 'https',
    appHost: 'app.example.com',
    apiHost: 'api.example.com',
    defaultAppPort: 8443,
    defaultApiPort: 3443,
  },
  {
    name: 'cross-site',
    label: 'another site',
    summary: 'another site: https://app.example.com:8443 → https://api.example.net:3443',
    scheme: 'https',
    appHost: 'app.example.com',
    apiHost: 'api.example.net',
    defaultAppPort: 8443,
    defaultApiPort: 3443,
  },
];

/** The topology called `name`, or undefined. */
export function findTopology(name: string): DemoTopology | undefined {
  return DEMO_TOPOLOGIES.find((t) => t.name === name);
}

/** `scheme://host:port` of a demo server (the demo never uses a default port). */
export function demoOrigin(topology: DemoTopology, host: string, port: number): string {
  return `${topology.scheme}://${host}:${port}`;
}

/**
 * Host names a browser must resolve to 127.0.0.1 for this topology (`localhost` needs no
 * mapping): what `--open` passes to Chromium and the tests to the harness.
 */
export function namesToMap(topology: DemoTopology): string[] {
  return [...new Set([topology.appHost, topology.apiHost])].filter((h) => h !== 'localhost');
}
