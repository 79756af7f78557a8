import { describe, expect, it } from 'vitest';
import { CORS_PROBLEM, type CorsConfig, createCorsPolicy } from '../../src/cors/index.js';
import { ConfigError, type ConfigProblem } from '../../src/internal/problems.js';

function problemsOf(config: unknown): readonly ConfigProblem[] {
  try {
    createCorsPolicy(config as CorsConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

/** The single error of `config`, checked for code, field and message. */
function expectError(config: unknown, code: string, field: string, message: RegExp | string) {
  const errors = problemsOf(config).filter((p) => p.severity === 'error');
  expect(errors.map((p) => p.code)).toEqual([code]);
  const [problem] = errors;
  expect(problem?.field).toBe(field);
  expect(problem?.message).toMatch(message);
  expect(problem?.fix.length).toBeGreaterThan(5);
  return problem;
}

const base = { origins: ['https://app.example.com'], credentials: true };

describe('origins', () => {
  it('refuses * with credentials', () => {
    expectError(
      { ...base, origins: ['*'] },
      CORS_PROBLEM.wildcardWithCredentials,
      'origins[0]',
      /credentials/,
    );
  });

  it('refuses the null origin', () => {
    const problem = expectError(
      { ...base, origins: ['https://a.example', 'null'] },
      CORS_PROBLEM.nullOrigin,
      'origins[1]',
      /sandboxed iframes/,
    );
    expect(problem?.value).toBe('null');
  });

  it.each([
    [
      'https://app.example.com/',
      CORS_PROBLEM.originHasPath,
      /trailing slash/,
      "'https://app.example.com'",
    ],
    [
      'https://app.example.com/api',
      CORS_PROBLEM.originHasPath,
      /no path/,
      "'https://app.example.com'",
    ],
    [
      'https://app.example.com?x=1',
      CORS_PROBLEM.originHasQuery,
      /no query/,
      "'https://app.example.com'",
    ],
    [
      'https://app.example.com#top',
      CORS_PROBLEM.originHasFragment,
      /no fragment/,
      "'https://app.example.com'",
    ],
    [
      'https://user:pw@App.example.com',
      CORS_PROBLEM.originHasUserinfo,
      /user name/,
      "'https://app.example.com'",
    ],
    ['app.example.com', CORS_PROBLEM.originMissingScheme, /scheme/, "'https://app.example.com'"],
    [
      '*.example.com',
      CORS_PROBLEM.originWildcardMisplaced,
      /needs its scheme/,
      "'https://*.example.com'",
    ],
    [
      'https://a.*.com',
      CORS_PROBLEM.originWildcardMisplaced,
      /leading label/,
      'https://*.example.com',
    ],
    [
      'https://*example.com',
      CORS_PROBLEM.originWildcardMisplaced,
      /leading label/,
      'https://*.example.com',
    ],
    ['https://*', CORS_PROBLEM.originWildcardMisplaced, /leading label/, 'https://*.example.com'],
    [
      'https://*.example.com:*',
      CORS_PROBLEM.originWildcardMisplaced,
      /port/,
      'https://*.example.com',
    ],
    [
      'https://*.*.example.com',
      CORS_PROBLEM.originWildcardMisplaced,
      /leading label/,
      'https://*.example.com',
    ],
    ['file:///home/me/index.html', CORS_PROBLEM.originUnsupportedScheme, /file:/, 'https'],
    ['chrome-extension://abc', CORS_PROBLEM.originUnsupportedScheme, /chrome-extension/, 'https'],
    [
      'https://app.example.com:99999',
      CORS_PROBLEM.originInvalid,
      /cannot be parsed/,
      'https://app.example.com',
    ],
    [
      ' https://app.example.com',
      CORS_PROBLEM.originInvalid,
      /whitespace/,
      "'https://app.example.com'",
    ],
    ['https://*.1.2.3', CORS_PROBLEM.originInvalid, /IP address/, 'https://*.example.com'],
    ['https://*.a,b.example', CORS_PROBLEM.originInvalid, /no DNS name/, 'https://*.example.com'],
  ])('refuses %j', (origin, code, message, fix) => {
    const problem = expectError({ ...base, origins: [origin] }, code, 'origins[0]', message);
    expect(problem?.value).toBe(origin);
    expect(problem?.fix).toContain(fix);
  });

  it.each([
    ['https://*.com', 'com'],
    ['https://*.co.uk', 'co.uk'],
    ['https://*.github.io', 'github.io'],
    ['https://*.CO.UK', 'co.uk'],
  ])('refuses %s, a wildcard over a public suffix', (origin, suffix) => {
    const problem = expectError(
      { ...base, origins: [origin] },
      CORS_PROBLEM.patternPublicSuffix,
      'origins[0]',
      `\`${suffix}\` is a public suffix`,
    );
    expect(problem?.fix).toContain(`*.yourcompany.${suffix}`);
  });

  it('accepts a wildcard over a registrable domain or a private one', () => {
    expect(() =>
      createCorsPolicy({
        ...base,
        origins: ['https://*.example.co.uk', 'https://*.me.github.io', 'https://*.corp.internal'],
      }),
    ).not.toThrow();
  });

  it('refuses plain http off loopback with credentials, unless allowInsecureOrigins', () => {
    expectError(
      { ...base, origins: ['http://api.example.com'] },
      CORS_PROBLEM.originInsecure,
      'origins[0]',
      /plain-http/,
    );
    expectError(
      { ...base, origins: ['http://*.example.com'] },
      CORS_PROBLEM.originInsecure,
      'origins[0]',
      /impersonated/,
    );
    expect(() =>
      createCorsPolicy({
        ...base,
        origins: ['http://api.example.com'],
        allowInsecureOrigins: true,
      }),
    ).not.toThrow();
    expect(() =>
      createCorsPolicy({ origins: ['http://api.example.com'], credentials: false }),
    ).not.toThrow();
  });

  it('accepts plain http on loopback with credentials', () => {
    expect(() =>
      createCorsPolicy({
        ...base,
        origins: [
          'http://localhost:3000',
          'http://127.0.0.1:3000',
          'http://[::1]:3000',
          'http://app.localhost',
          'http://*.localhost:5173',
        ],
      }),
    ).not.toThrow();
  });

  it('refuses a non-string origin and a non-array origins', () => {
    expectError({ ...base, origins: [42] }, CORS_PROBLEM.invalidType, 'origins[0]', /string/);
    const problems = problemsOf({ ...base, origins: 'https://app.example.com' });
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      [CORS_PROBLEM.invalidType, 'origins'],
      [CORS_PROBLEM.noOrigins, 'origins'],
    ]);
  });

  it('requires a statement of intent: origins or a predicate', () => {
    expectError({ credentials: true }, CORS_PROBLEM.noOrigins, 'origins', /no default/);
    expectError(
      { credentials: true, origins: [] },
      CORS_PROBLEM.noOrigins,
      'origins',
      /refuse every/,
    );
    expect(() =>
      createCorsPolicy({ credentials: true, origins: [], allowOrigin: () => false }),
    ).not.toThrow();
  });
});

describe('credentials', () => {
  it.each([[undefined], ['true'], [1], [null]])('must be a boolean, not %j', (credentials) => {
    expectError(
      { origins: ['https://a.example'], credentials },
      CORS_PROBLEM.credentialsNotBoolean,
      'credentials',
      /true or false/,
    );
  });
});

describe('methods', () => {
  it('refuses * with credentials, accepts it without', () => {
    expectError(
      { ...base, methods: ['*'] },
      CORS_PROBLEM.wildcardWithCredentials,
      'methods[0]',
      /literal/,
    );
    expect(() => createCorsPolicy({ ...base, credentials: false, methods: ['*'] })).not.toThrow();
  });

  it.each([['CONNECT'], ['TRACE'], ['track']])('refuses the forbidden method %s', (method) => {
    expectError(
      { ...base, methods: [method] },
      CORS_PROBLEM.methodForbidden,
      'methods[0]',
      /forbidden/,
    );
  });

  it.each([['PUT DELETE'], ['PUT,DELETE'], [''], ['PÜT'], ['M'.repeat(65)]])(
    'refuses the invalid method %j',
    (method) => {
      expectError(
        { ...base, methods: [method] },
        CORS_PROBLEM.methodInvalid,
        'methods[0]',
        /token|Longer/,
      );
    },
  );

  it('warns about safelisted methods and duplicates, including after normalisation', () => {
    const policy = createCorsPolicy({ ...base, methods: ['get', 'POST', 'delete', 'DELETE'] });
    expect(policy.warnings.map((p) => [p.code, p.field])).toEqual([
      [CORS_PROBLEM.methodSafelisted, 'methods[0]'],
      [CORS_PROBLEM.methodSafelisted, 'methods[1]'],
      [CORS_PROBLEM.duplicate, 'methods[3]'],
    ]);
  });
});

describe('allowedHeaders', () => {
  it('refuses * with credentials', () => {
    expectError(
      { ...base, allowedHeaders: ['*'] },
      CORS_PROBLEM.wildcardWithCredentials,
      'allowedHeaders[0]',
      /Access-Control-Allow-Headers/,
    );
  });

  it.each([
    ['cookie'],
    ['Host'],
    ['origin'],
    ['content-length'],
    ['sec-fetch-site'],
    ['Sec-CH-UA'],
    ['proxy-authorization'],
    ['access-control-request-headers'],
  ])('refuses the forbidden request-header %s', (name) => {
    expectError(
      { ...base, allowedHeaders: [name] },
      CORS_PROBLEM.headerForbidden,
      'allowedHeaders[0]',
      /forbidden request-header/,
    );
  });

  it.each([['x header'], ['x-a,x-b'], ['x:y'], ['']])('refuses the invalid name %j', (name) => {
    expectError(
      { ...base, allowedHeaders: [name] },
      CORS_PROBLEM.headerInvalid,
      'allowedHeaders[0]',
      /token/,
    );
  });

  it('warns about case-insensitive duplicates', () => {
    const policy = createCorsPolicy({ ...base, allowedHeaders: ['Content-Type', 'content-type'] });
    expect(policy.warnings.map((p) => p.code)).toEqual([CORS_PROBLEM.duplicate]);
  });
});

describe('exposedHeaders', () => {
  it.each([['set-cookie'], ['Set-Cookie2']])('refuses %s', (name) => {
    expectError(
      { ...base, exposedHeaders: [name] },
      CORS_PROBLEM.exposedHeaderForbidden,
      'exposedHeaders[0]',
      /hide it from scripts/,
    );
  });

  it('refuses * with credentials', () => {
    expectError(
      { ...base, exposedHeaders: ['*'] },
      CORS_PROBLEM.wildcardWithCredentials,
      'exposedHeaders[0]',
      /Expose-Headers/,
    );
  });

  it('warns about safelisted response headers', () => {
    const policy = createCorsPolicy({ ...base, exposedHeaders: ['Content-Type', 'x-request-id'] });
    expect(policy.warnings.map((p) => [p.code, p.value])).toEqual([
      [CORS_PROBLEM.exposedHeaderSafelisted, 'Content-Type'],
    ]);
  });
});

describe('maxAge', () => {
  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['600']])(
    'refuses %j',
    (maxAge) => {
      expectError({ ...base, maxAge }, CORS_PROBLEM.maxAgeInvalid, 'maxAge', /whole number/);
    },
  );

  it('warns above what browsers honour', () => {
    expect(createCorsPolicy({ ...base, maxAge: 7200 }).warnings).toEqual([]);
    const chromium = createCorsPolicy({ ...base, maxAge: 7201 }).warnings;
    expect(chromium.map((p) => p.code)).toEqual([CORS_PROBLEM.maxAgeCapped]);
    expect(chromium[0]?.message).toMatch(/Chromium does not honour 7201 s/);
    const none = createCorsPolicy({ ...base, maxAge: 86401 }).warnings;
    expect(none[0]?.message).toMatch(/no browser honours 86401 s/);
  });
});

describe('keys and types', () => {
  it.each([
    ['origin', 'origins'],
    ['allowedOrigins', 'origins'],
    ['credential', 'credentials'],
    ['allowCredentials', 'credentials'],
    ['allowMethods', 'methods'],
    ['exposeHeaders', 'exposedHeaders'],
    ['max_age', 'maxAge'],
    ['alowOrigin', 'allowOrigin'],
  ])('names the intended key for the unknown key %s', (key, intended) => {
    const problem = expectError(
      { ...base, [key]: true },
      CORS_PROBLEM.unknownKey,
      key,
      /Unknown key/,
    );
    expect(problem?.fix).toContain(`\`${intended}\``);
  });

  it('explains options other libraries have and corset does not', () => {
    const problem = expectError(
      { ...base, preflightContinue: true },
      CORS_PROBLEM.unknownKey,
      'preflightContinue',
      /Unknown/,
    );
    expect(problem?.fix).toMatch(/answers preflights itself/);
    const unrelated = expectError(
      { ...base, constructor: 1 },
      CORS_PROBLEM.unknownKey,
      'constructor',
      /Unknown/,
    );
    expect(unrelated?.fix).toMatch(/known keys are/);
  });

  it.each([
    ['allowOrigin', 'yes'],
    ['onRefusal', {}],
    ['debug', 'on'],
    ['allowInsecureOrigins', 1],
    ['methods', 'PUT'],
    ['allowedHeaders', 'content-type'],
    ['exposedHeaders', null],
  ])('refuses %s of the wrong type', (field, value) => {
    expectError({ ...base, [field]: value }, CORS_PROBLEM.invalidType, field, /Expected/);
  });

  it.each([[undefined], [null], ['https://a.example'], [['https://a.example']]])(
    'refuses a config that is not an object: %j',
    (config) => {
      expectError(config, CORS_PROBLEM.configNotObject, 'config', /must be an object/);
    },
  );
});

describe('all at once', () => {
  it('reports every problem of a config in one error, warnings included', () => {
    const config = {
      origins: [
        '*',
        'null',
        'https://app.example.com/',
        'https://*.co.uk',
        'http://api.example.com',
        'https://ok.example',
        'https://OK.example',
      ],
      credentials: true,
      methods: ['*', 'TRACE', 'GET'],
      allowedHeaders: ['cookie', '*'],
      exposedHeaders: ['set-cookie'],
      maxAge: -5,
      orgins: [],
    };
    let error: ConfigError | undefined;
    try {
      createCorsPolicy(config as unknown as CorsConfig);
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const summary = error?.problems.map((p) => `${p.severity} ${p.code} ${p.field}`);
    expect(summary).toEqual([
      'error cors/unknown-key orgins',
      'error cors/wildcard-with-credentials origins[0]',
      'error cors/null-origin origins[1]',
      'error cors/origin-has-path origins[2]',
      'error cors/pattern-public-suffix origins[3]',
      'error cors/origin-insecure origins[4]',
      'warning cors/duplicate origins[6]',
      'error cors/wildcard-with-credentials methods[0]',
      'error cors/method-forbidden methods[1]',
      'warning cors/method-safelisted methods[2]',
      'error cors/header-forbidden allowedHeaders[0]',
      'error cors/wildcard-with-credentials allowedHeaders[1]',
      'error cors/exposed-header-forbidden exposedHeaders[0]',
      'error cors/max-age-invalid maxAge',
    ]);
    // The message lists every error with its field, value and fix.
    expect(error?.message).toMatch(/^corset CORS policy: 12 problems in the configuration/);
    expect(error?.message).toContain('[cors/null-origin] origins[1] = "null"');
    expect(error?.message).toContain("Fix: Write 'https://app.example.com'.");
  });

  it('warns (without failing) about a redundant wildcard and a trailing dot', () => {
    const open = createCorsPolicy({ origins: ['*', 'https://a.example'], credentials: false });
    expect(open.warnings.map((p) => p.code)).toEqual([CORS_PROBLEM.wildcardRedundant]);
    const dotted = createCorsPolicy({ origins: ['https://a.example.'], credentials: true });
    expect(dotted.warnings.map((p) => p.code)).toEqual([CORS_PROBLEM.originTrailingDot]);
  });

  it('copies the config: later mutation of the caller object has no effect', () => {
    const origins = ['https://a.example'];
    const policy = createCorsPolicy({ origins, credentials: true });
    origins.push('https://evil.example');
    expect(policy.isOriginAllowed('https://evil.example')).toBe(false);
  });
});
