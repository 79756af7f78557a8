/**
 * The SVG chart of docs/benchmarks.md: median ns per allowed actual request against the
 * allowlist, one line per contender, on a log scale (the `cors` package's cost grows with
 * the list, corset's does not, and a linear axis would flatten every other line to zero).
 * Plain SVG text, no dependency.
 */
import type { Measurement } from './measure-contender.js';

const WIDTH = 760;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 190, top: 40, bottom: 70 };
const COLOURS = [
  '#d62728',
  '#ff7f0e',
  '#1f77b4',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders the chart for `benchCase` (default: allowed actual). */
export function allowlistChart(
  measurements: readonly Measurement[],
  benchCase = 'allowed actual',
): string {
  const rows = measurements.filter((m) => m.case === benchCase);
  const configs = [...new Map(rows.map((m) => [m.config, m.size])).entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([name]) => name);
  const contenders = [...new Set(rows.map((m) => m.contender))];
  const values = rows.map((m) => m.p50Ns).filter((v) => v > 0);
  const low = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) =>
    MARGIN.left + (configs.length === 1 ? plotW / 2 : (i * plotW) / (configs.length - 1));
  const y = (v: number) =>
    MARGIN.top + plotH - ((Math.log10(v) - Math.log10(low)) / Math.log10(high / low)) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12" role="img">`,
    // A title names the chart for screen readers (and satisfies Biome's a11y rule).
    `<title>Median ns per CORS decision (${escapeXml(benchCase)}) vs allowlist size, per library</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">Median ns per CORS decision (${escapeXml(benchCase)}) vs allowlist, log scale</text>`,
  ];
  for (let v = low; v <= high; v *= 10) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v >= 1000 ? `${v / 1000} µs` : `${v} ns`}</text>`,
    );
  }
  configs.forEach((name, i) => {
    parts.push(
      `<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      // A combined allowlist's name on two lines, so that neighbouring labels do not overlap.
      `<text x="${x(i).toFixed(1)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${name
        .split(' + ')
        .map(
          (part, line) =>
            `<tspan x="${x(i).toFixed(1)}" dy="${line === 0 ? 0 : 14}">${escapeXml(line === 0 ? part : `+ ${part}`)}</tspan>`,
        )
        .join('')}</text>`,
    );
  });
  contenders.forEach((contender, c) => {
    const colour = COLOURS[c % COLOURS.length];
    const points = configs
      .map((config, i) => {
        const v = rows.find((m) => m.config === config && m.contender === contender)?.p50Ns;
        return v === undefined || v <= 0 ? undefined : `${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      })
      .filter((p) => p !== undefined);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`,
      ...points.map((p) => {
        const [px, py] = p.split(',');
        return `<circle cx="${px}" cy="${py}" r="3" fill="${colour}"/>`;
      }),
      `<line x1="${WIDTH - MARGIN.right + 15}" x2="${WIDTH - MARGIN.right + 35}" y1="${MARGIN.top + 10 + c * 20}" y2="${MARGIN.top + 10 + c * 20}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${WIDTH - MARGIN.right + 40}" y="${MARGIN.top + 14 + c * 20}">${escapeXml(contender)}</text>`,
    );
  });
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 18}" text-anchor="middle">allowlist (exact origins and subdomain patterns)</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
