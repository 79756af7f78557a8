import { describe, expect, it } from 'vitest';
import { type CorsRefusal, createCorsPolicy } from '../../src/cors/index.js';
import { actual, preflight } from './request.js';

// The message is built when read (src/cors/refusals.ts); these check that a refusal still
// carries it wherever it is read or serialised.
describe('a refusal message built on demand', () => {
  const config = { origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] };
  const policy = createCorsPolicy(config);

  it('is read from the decision and kept by JSON', () => {
    const decision = policy.decide(actual('https://evil.example'));
    const why = decision.kind === 'actual' ? decision.refusal : undefined;
    expect(why?.message).toBe('Origin "https://evil.example" is not in the allowlist');
    expect(JSON.parse(JSON.stringify(why))).toEqual({
      code: 'origin-not-allowed',
      message: 'Origin "https://evil.example" is not in the allowlist',
      origin: 'https://evil.example',
      preflight: false,
    });
  });

  it('reads the same every time and quotes what the request sent', () => {
    const decision = policy.decide(preflight('https://app.example.com', 'PATCH\n'));
    const why = decision.kind === 'preflight' ? decision.refusal : undefined;
    expect(why?.code).toBe('method-malformed');
    expect(why?.message).toBe(why?.message);
    expect(why?.message).toContain('"PATCH\\n"');
    expect(why?.message).not.toMatch(/[\r\n]/);
    expect(JSON.parse(JSON.stringify(why)).method).toBe('PATCH\n');
  });

  it('reaches onRefusal as a plain record, the same one the decision carries', () => {
    const seen: CorsRefusal[] = [];
    const logged = createCorsPolicy({ ...config, onRefusal: (refusal) => seen.push(refusal) });
    const decision = logged.decide(preflight('https://app.example.com', 'DELETE'));
    expect(seen).toHaveLength(1);
    expect({ ...seen[0] }).toEqual({
      code: 'method-not-allowed',
      message: 'Method "DELETE" is not allowed for origin "https://app.example.com"',
      origin: 'https://app.example.com',
      preflight: true,
      method: 'DELETE',
    });
    expect(decision.kind === 'preflight' && decision.refusal).toBe(seen[0]);
  });
});
