/**
 * Where the page and the API of a conformance scenario live. Every name is mapped to
 * 127.0.0.1 by the harness; names sit under real public suffixes (`example.com`,
 * `example.net`) so every engine computes sites with the PSL (real-browsers.md pitfalls).
 * The page is served on port A, a cross-origin API on port B of the same scheme's server.
 */

export type Scheme = 'http' | 'https';

/** One page → API arrangement. */
export interface Topology {
  readonly name: TopologyName;
  /** What it stands for, for the matrix. */
  readonly title: string;
  readonly pageScheme: Scheme;
  readonly pageHost: string;
  readonly apiScheme: Scheme;
  readonly apiHost: string;
  /** The API on the page's own server (same origin) or on the other port. */
  readonly apiPort: 'A' | 'B';
  /** The registrable domain (or IP) of the API host, for `Domain=` variants. */
  readonly apiParent: string;
}

export type TopologyName =
  | 'same-origin-https'
  | 'port-http'
  | 'port-https'
  | 'localhost-http'
  | 'loopback-cross-http'
  | 'siblings-http'
  | 'siblings-https'
  | 'cross-site-http'
  | 'cross-site-https'
  | 'schemeful'
  | 'mixed-loopback'
  | 'mixed-siblings';

function topology(
  name: TopologyName,
  title: string,
  page: `${Scheme}://${string}`,
  api: `${Scheme}://${string}`,
  apiPort: 'A' | 'B',
  apiParent: string,
): Topology {
  const [pageScheme, pageHost] = page.split('://') as [Scheme, string];
  const [apiScheme, apiHost] = api.split('://') as [Scheme, string];
  return { name, title, pageScheme, pageHost, apiScheme, apiHost, apiPort, apiParent };
}

/** Every topology, by name. */
export const TOPOLOGIES: Readonly<Record<TopologyName, Topology>> = {
  'same-origin-https': topology(
    'same-origin-https',
    'same origin (control)',
    'https://app.example.com',
    'https://app.example.com',
    'A',
    'example.com',
  ),
  'port-http': topology(
    'port-http',
    'same host, other port, http',
    'http://127.0.0.1',
    'http://127.0.0.1',
    'B',
    '127.0.0.1',
  ),
  'port-https': topology(
    'port-https',
    'same host, other port, https',
    'https://127.0.0.1',
    'https://127.0.0.1',
    'B',
    '127.0.0.1',
  ),
  'localhost-http': topology(
    'localhost-http',
    'localhost, other port, http',
    'http://localhost',
    'http://localhost',
    'B',
    'localhost',
  ),
  'loopback-cross-http': topology(
    'loopback-cross-http',
    'localhost → 127.0.0.1, http (two sites, both loopback)',
    'http://localhost',
    'http://127.0.0.1',
    'B',
    '127.0.0.1',
  ),
  'siblings-http': topology(
    'siblings-http',
    'sibling subdomains, http',
    'http://app.example.com',
    'http://api.example.com',
    'B',
    'example.com',
  ),
  'siblings-https': topology(
    'siblings-https',
    'sibling subdomains, https',
    'https://app.example.com',
    'https://api.example.com',
    'B',
    'example.com',
  ),
  'cross-site-http': topology(
    'cross-site-http',
    'another site, http',
    'http://app.example.com',
    'http://api.example.net',
    'B',
    'example.net',
  ),
  'cross-site-https': topology(
    'cross-site-https',
    'another site, https',
    'https://app.example.com',
    'https://api.example.net',
    'B',
    'example.net',
  ),
  schemeful: topology(
    'schemeful',
    'http page → https sibling (cross-site when schemeful)',
    'http://app.example.com',
    'https://api.example.com',
    'B',
    'example.com',
  ),
  'mixed-loopback': topology(
    'mixed-loopback',
    'https page → http loopback API (mixed content, another site)',
    'https://127.0.0.1',
    'http://localhost',
    'B',
    'localhost',
  ),
  'mixed-siblings': topology(
    'mixed-siblings',
    'https page → http sibling API (mixed content)',
    'https://app.example.com',
    'http://api.example.com',
    'B',
    'example.com',
  ),
};

/** Host names the browsers must map to loopback (and the TLS leaf must cover). */
export const MAPPED_HOSTS: readonly string[] = [
  'app.example.com',
  'api.example.com',
  'api.example.net',
];

/** Names the TLS leaf covers: the mapped names and the loopback ones. */
export const CERTIFICATE_NAMES: readonly string[] = [...MAPPED_HOSTS, 'localhost', '127.0.0.1'];
