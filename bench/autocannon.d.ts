/**
 * The part of autocannon's API the benchmarks use (the package ships no types and
 * `@types/autocannon` is not a dependency).
 */
declare module 'autocannon' {
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    /** Requests each connection sends in turn, cycled; overrides method/headers/body. */
    requests?: {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }[];
    /** Called with each response; `requests` sampling uses it. */
    setupClient?: (client: Client) => void;
  }
  interface Client {
    on(
      event: 'response',
      listener: (statusCode: number, resBytes: number, responseTime: number) => void,
    ): void;
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats: Record<string, { count: number }>;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
