import { describe, expect, it } from 'vitest';
import { createCorsPolicy } from '../../src/cors/index.js';
import { actual, preflight } from './request.js';

// The message is built when read (src/cors/refusals.ts); these check that a refusal still
// behaves as a plain record of data wherever it goes.
describe('a refusal message built on demand', () => {
  const policy = createCorsPolicy({
    origins: ['https://app.example.com'],
    credentials: true,
    methods: ['PUT'],
  });

  it('survives spreading and JSON, as an own enumerable field', () => {
    const decision = policy.decide(actual('https://evil.example'));
    const why = decision.kind === 'actual' ? decision.refusal : undefined;
    expect(Object.keys(why ?? {})).toContain('message');
    expect({ ...why }.message).toBe('Origin "https://evil.example" is not in the allowlist');
    expect(JSON.parse(JSON.stringify(why)).message).toBe(why?.message);
  });

  it('reads the same every time and quotes what the request sent', () => {
    const decision = policy.decide(preflight('https://app.example.com', 'PATCH\n'));
    const why = decision.kind === 'preflight' ? decision.refusal : undefined;
    expect(why?.code).toBe('method-malformed');
    expect(why?.message).toBe(why?.message);
    expect(why?.message).toContain('"PATCH\\n"');
    expect(why?.message).not.toMatch(/[\r\n]/);
  });

  it('reaches onRefusal complete', () => {
    const seen: string[] = [];
    const logged = createCorsPolicy({
      origins: ['https://app.example.com'],
      credentials: true,
      onRefusal: (refusal) => seen.push(refusal.message),
    });
    logged.decide(preflight('https://app.example.com', 'DELETE'));
    expect(seen).toEqual(['Method "DELETE" is not allowed for origin "https://app.example.com"']);
  });
});
