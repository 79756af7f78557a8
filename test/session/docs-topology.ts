/**
 * The topology table of docs/sessions.md, computed by the real entry point: for each
 * topology, what `createCorset(config).explain()` chooses. docs.test.ts compares the
 * document with it; `npx tsx test/session/docs-topology.ts` prints it as Markdown.
 */
import { pathToFileURL } from 'node:url';
import { createCorset, type TopologyExplanation } from '../../src/session/index.js';
import { formatPlannedCookie } from '../../src/session/topology.js';

interface TopologyRow {
  readonly name: string;
  readonly appOrigin: string;
  readonly apiOrigin: string;
  readonly shareAcrossSubdomains?: string;
  readonly bearer?: boolean;
}

/** The topologies of issue 3's table, and the two ways plain-http cross-site ends. */
export const TOPOLOGY_ROWS: readonly TopologyRow[] = [
  {
    name: 'same site, other port',
    appOrigin: 'http://localhost:8080',
    apiOrigin: 'http://localhost:3000',
  },
  {
    name: 'sibling subdomains',
    appOrigin: 'https://app.example.com',
    apiOrigin: 'https://api.example.com',
  },
  {
    name: 'sibling subdomains, `shareAcrossSubdomains: example.com`',
    appOrigin: 'https://app.example.com',
    apiOrigin: 'https://api.example.com',
    shareAcrossSubdomains: 'example.com',
  },
  {
    name: 'cross site',
    appOrigin: 'https://app.one.com',
    apiOrigin: 'https://api.two.com',
  },
  {
    name: 'cross site under a public suffix',
    appOrigin: 'https://a.github.io',
    apiOrigin: 'https://b.github.io',
  },
  {
    name: 'cross site over plain http, `bearer: true`',
    appOrigin: 'http://127.0.0.1:8080',
    apiOrigin: 'http://localhost:3000',
    bearer: true,
  },
];

/** The table's header cells. */
export const TOPOLOGY_HEADER = [
  'Topology',
  'App → API',
  'Relation',
  'Session cookie',
  'Refresh cookie',
  'Transport',
  'Warnings',
  'Reasons',
] as const;

const list = (codes: readonly string[]) =>
  codes.length === 0 ? '—' : codes.map((c) => `\`${c}\``).join(', ');

function cells(row: TopologyRow, explanation: TopologyExplanation): string[] {
  const cookie = (planned: TopologyExplanation['cookie']) =>
    planned === null ? 'none' : `\`${formatPlannedCookie(planned)}\``;
  return [
    row.name,
    `\`${row.appOrigin}\` → \`${row.apiOrigin}\``,
    explanation.relation,
    cookie(explanation.cookie),
    cookie(explanation.refreshCookie),
    `\`${explanation.transport}\``,
    list(explanation.warnings.map((w) => w.code)),
    list(explanation.reasons.map((r) => r.code)),
  ];
}

/** Each row's cells, from `explain()` of an entry point built for that topology. */
export async function topologyTable(): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of TOPOLOGY_ROWS) {
    const corset = await createCorset({
      appOrigins: [row.appOrigin],
      apiOrigin: row.apiOrigin,
      session: {
        secret: new Uint8Array(32).fill(1),
        ...(row.shareAcrossSubdomains === undefined
          ? {}
          : { shareAcrossSubdomains: row.shareAcrossSubdomains }),
        ...(row.bearer === undefined ? {} : { bearer: row.bearer }),
      },
    });
    out.push(cells(row, corset.explain()));
    await corset.close();
  }
  return out;
}

/** The table as Markdown (unpadded: Biome pads it in the document). */
export function toMarkdown(rows: readonly (readonly string[])[]): string {
  const line = (c: readonly string[]) => `| ${c.join(' | ')} |`;
  return [line(TOPOLOGY_HEADER), line(TOPOLOGY_HEADER.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(toMarkdown(await topologyTable()));
}
