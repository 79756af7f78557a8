/**
 * The demo's local certificate authority: a CA and leaf certificates for the HTTPS
 * topologies, generated on first use with the `openssl` CLI and kept in a cache folder,
 * so a browser can be told to trust exactly that CA (Chromium:
 * `--ignore-certificate-errors-spki-list`, or the CA imported by hand) and nothing else.
 *
 * Node-only (runs `openssl`, writes files). Keys are ECDSA P-256, made by node:crypto;
 * certificates by `openssl req -x509`, with an explicit config file so the system
 * openssl.cnf (whose default `x509_extensions` mark a certificate as a CA) plays no part.
 */
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ConfigProblem } from '../internal/problems.js';
import { throwOnErrors } from '../internal/problems.js';

const execFileAsync = promisify(execFile);

/** Leaf lifetime. CA/Browser Forum BR §6.3.2 and Apple's rule: at most 398 days. */
export const LEAF_VALIDITY_DAYS = 397;
/** CA lifetime: long enough that it outlives every leaf it signs (see {@link CA_RENEW_BEFORE_DAYS}). */
const CA_VALIDITY_DAYS = 3650;
/** Renew the CA when it would expire before a freshly signed leaf does. */
const CA_RENEW_BEFORE_DAYS = LEAF_VALIDITY_DAYS + 1;
/** Renew a leaf when it has less than this left, so a run never starts with a cert about to lapse. */
const LEAF_RENEW_BEFORE_DAYS = 7;
const DAY_MS = 86_400_000;
/** OID of the serverAuth extended key usage (RFC 5280 §4.2.1.12). */
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

/** Options of {@link ensureDemoCertificates}. */
export interface DemoCertificateOptions {
  /** DNS names (or IP addresses) the leaf must cover, e.g. `['app.example.com', 'api.example.com']`. */
  readonly names: readonly string[];
  /**
   * corset's cache folder; certificates live in its `certs` sub-folder. Default: env
   * `CORSET_CACHE_DIR`, else `$XDG_CACHE_HOME/corset`, else `~/.cache/corset`.
   */
  readonly cacheDir?: string;
  /** Clock used for the validity checks (tests). */
  readonly now?: Date;
}

/** What {@link ensureDemoCertificates} returns: PEM texts and where they are on disk. */
export interface DemoCertificates {
  /** Folder holding the CA and the leaves. */
  readonly dir: string;
  readonly caCertPath: string;
  readonly caCertPem: string;
  /** The leaf certificate alone. */
  readonly certPath: string;
  readonly certPem: string;
  /**
   * The leaf followed by the CA: what a server should give as `cert`. Sending the root is
   * redundant for a client that trusts it, but Chromium's
   * `--ignore-certificate-errors-spki-list` only matches certificates the server presents,
   * so with the CA in the chain one CA hash covers every leaf.
   */
  readonly chainPem: string;
  readonly keyPath: string;
  /** The leaf's private key (PKCS#8 PEM). */
  readonly keyPem: string;
  /** Names in the leaf's subjectAltName. */
  readonly names: readonly string[];
  /** The leaf's expiry. */
  readonly validTo: Date;
  /**
   * base64 SHA-256 of the leaf's SubjectPublicKeyInfo, for Chromium's
   * `--ignore-certificate-errors-spki-list` (Chromium matches it against the chain the
   * server presents, which holds the leaf and not the root).
   */
  readonly spkiSha256Base64: string;
  /** The same hash of the CA's key. */
  readonly caSpkiSha256Base64: string;
  /** Whether this call created the CA and/or the leaf (false: reused from the cache). */
  readonly generated: { readonly ca: boolean; readonly leaf: boolean };
}

/**
 * corset's cache folder: `CORSET_CACHE_DIR`, else `$XDG_CACHE_HOME/corset`, else
 * `~/.cache/corset` (XDG Base Directory Specification).
 */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CORSET_CACHE_DIR;
  if (explicit) return explicit;
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg ? xdg : join(homedir(), '.cache'), 'corset');
}

/** base64 SHA-256 of a certificate's SubjectPublicKeyInfo (DER). */
export function spkiSha256Base64(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

// A DNS name as a certificate may carry it (RFC 5280 §4.2.1.6 refers to RFC 1034
// preferred name syntax): dot-separated labels of letters, digits and inner hyphens.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function nameProblems(names: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (names.length === 0) {
    problems.push({
      code: 'certs/no-names',
      field: 'names',
      value: '[]',
      message: 'a leaf certificate with no subjectAltName matches no host.',
      fix: "list the host names the servers answer on, e.g. ['app.example.com', 'api.example.com'].",
      severity: 'error',
    });
  }
  names.forEach((name, i) => {
    if (isIP(name) !== 0) return;
    const labels = name.split('.');
    if (name.length > 253 || !labels.every((l) => LABEL.test(l))) {
      problems.push({
        code: 'certs/invalid-name',
        field: `names[${i}]`,
        value: name,
        message: name.includes('*')
          ? 'wildcards are not issued: a wildcard would also cover hosts the demo does not run.'
          : 'not a lower-case DNS name or IP address, so no browser would match it.',
        fix: 'give each exact host name in lower case, e.g. api.example.com.',
        severity: 'error',
      });
    }
  });
  return problems;
}

/** Sorted, de-duplicated names: the identity of a leaf in the cache. */
function canonicalNames(names: readonly string[]): string[] {
  return [...new Set(names)].sort();
}

function leafBaseName(names: readonly string[]): string {
  const id = createHash('sha256').update(names.join(',')).digest('hex').slice(0, 16);
  return `leaf-${id}`;
}

function covers(cert: X509Certificate, name: string): boolean {
  return isIP(name) !== 0
    ? cert.checkIP(name) !== undefined
    : cert.checkHost(name, { wildcards: false }) !== undefined;
}

function expiresAfter(cert: X509Certificate, limit: Date): boolean {
  return new Date(cert.validTo).getTime() > limit.getTime();
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a PEM. */
async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode });
  await rename(tmp, path);
}

/**
 * Serialises generation across processes (the demo and a test run may start at once;
 * without it one could sign a leaf with a CA the other is replacing). A lock older than
 * `staleMs` is left over by a killed process and is taken over.
 */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lockPath = join(dir, '.lock');
  const staleMs = 30_000;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > staleMs) await rm(lockPath, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`certs: ${lockPath} is held by another process`);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

function newKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args, { timeout: 20_000 });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`certs: openssl ${args[0]} failed: ${detail.trim()}`);
  }
}

// `prompt = no` takes the subject from [dn]; the extension section named on the command
// line is the only one applied.
function opensslConfig(commonName: string, extensions: readonly string[]): string {
  return [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    `CN = ${commonName}`,
    '[ext]',
    ...extensions,
    '',
  ].join('\n');
}

interface Ca {
  readonly cert: X509Certificate;
  readonly certPem: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly generated: boolean;
}

async function loadCa(dir: string, now: Date): Promise<Ca | undefined> {
  const certPath = join(dir, 'ca.crt');
  const keyPath = join(dir, 'ca.key');
  const [certPem, keyPem] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    const cert = new X509Certificate(certPem);
    const usable =
      cert.ca &&
      cert.checkPrivateKey(createPrivateKey(keyPem)) &&
      new Date(cert.validFrom).getTime() <= now.getTime() &&
      expiresAfter(cert, new Date(now.getTime() + CA_RENEW_BEFORE_DAYS * DAY_MS));
    return usable ? { cert, certPem, certPath, keyPath, generated: false } : undefined;
  } catch {
    return undefined; // unreadable: replaced below
  }
}

async function createCa(dir: string): Promise<Ca> {
  const certPath = join(dir, 'ca.crt');
  const keyPath = join(dir, 'ca.key');
  const cfgPath = join(dir, 'ca.cnf');
  const tmpCert = `${certPath}.${process.pid}.tmp`;
  await writeAtomically(keyPath, newKeyPem(), 0o600);
  // A random part in the name keeps two machines' demo CAs apart in a trust store.
  const id = createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 8);
  await writeFile(
    cfgPath,
    opensslConfig(`corset demo local CA ${id}`, [
      'basicConstraints = critical, CA:TRUE, pathlen:0',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
    ]),
  );
  await openssl([
    'req',
    '-x509',
    '-new',
    '-config',
    cfgPath,
    '-extensions',
    'ext',
    '-key',
    keyPath,
    '-sha256',
    '-days',
    String(CA_VALIDITY_DAYS),
    '-out',
    tmpCert,
  ]);
  await rename(tmpCert, certPath);
  await rm(cfgPath, { force: true });
  const certPem = await readFile(certPath, 'utf8');
  return { cert: new X509Certificate(certPem), certPem, certPath, keyPath, generated: true };
}

interface Leaf {
  readonly cert: X509Certificate;
  readonly certPem: string;
  readonly keyPem: string;
  readonly generated: boolean;
}

async function loadLeaf(
  certPath: string,
  keyPath: string,
  names: readonly string[],
  ca: Ca,
  now: Date,
): Promise<Leaf | undefined> {
  const [certPem, keyPem] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    const cert = new X509Certificate(certPem);
    const usable =
      !cert.ca &&
      cert.checkIssued(ca.cert) &&
      cert.verify(ca.cert.publicKey) &&
      cert.checkPrivateKey(createPrivateKey(keyPem)) &&
      (cert.keyUsage ?? []).includes(SERVER_AUTH_OID) &&
      names.every((n) => covers(cert, n)) &&
      new Date(cert.validFrom).getTime() <= now.getTime() &&
      expiresAfter(cert, new Date(now.getTime() + LEAF_RENEW_BEFORE_DAYS * DAY_MS));
    return usable ? { cert, certPem, keyPem, generated: false } : undefined;
  } catch {
    return undefined;
  }
}

async function createLeaf(
  certPath: string,
  keyPath: string,
  names: readonly string[],
  ca: Ca,
): Promise<Leaf> {
  const cfgPath = `${certPath}.cnf`;
  const tmpCert = `${certPath}.${process.pid}.tmp`;
  const keyPem = newKeyPem();
  await writeAtomically(keyPath, keyPem, 0o600);
  const san = names.map((n) => (isIP(n) !== 0 ? `IP:${n}` : `DNS:${n}`)).join(', ');
  await writeFile(
    cfgPath,
    opensslConfig(names.find((n) => isIP(n) === 0) ?? names[0] ?? 'corset demo', [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${san}`,
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always',
    ]),
  );
  await openssl([
    'req',
    '-x509',
    '-new',
    '-config',
    cfgPath,
    '-extensions',
    'ext',
    '-key',
    keyPath,
    '-CA',
    ca.certPath,
    '-CAkey',
    ca.keyPath,
    '-sha256',
    '-days',
    String(LEAF_VALIDITY_DAYS),
    '-out',
    tmpCert,
  ]);
  await rename(tmpCert, certPath);
  await rm(cfgPath, { force: true });
  const certPem = await readFile(certPath, 'utf8');
  return { cert: new X509Certificate(certPem), certPem, keyPem, generated: true };
}

/**
 * Returns a CA and a leaf certificate covering `names`, generating them on first use and
 * reusing them while they are valid (the CA until a new leaf would outlive it, a leaf
 * until a week before it lapses), signed by the current CA and covering every name.
 * Throws a `ConfigError` for an empty or invalid name list.
 */
export async function ensureDemoCertificates(
  options: DemoCertificateOptions,
): Promise<DemoCertificates> {
  throwOnErrors('demo certificates', nameProblems(options.names));
  const names = canonicalNames(options.names);
  const now = options.now ?? new Date();
  const dir = join(options.cacheDir ?? resolveCacheDir(), 'certs');
  await mkdir(dir, { recursive: true, mode: 0o700 });

  return withLock(dir, async () => {
    const ca = (await loadCa(dir, now)) ?? (await createCa(dir));
    const base = leafBaseName(names);
    const certPath = join(dir, `${base}.crt`);
    const keyPath = join(dir, `${base}.key`);
    const leaf =
      (await loadLeaf(certPath, keyPath, names, ca, now)) ??
      (await createLeaf(certPath, keyPath, names, ca));
    return {
      dir,
      caCertPath: ca.certPath,
      caCertPem: ca.certPem,
      certPath,
      certPem: leaf.certPem,
      chainPem: leaf.certPem + ca.certPem,
      keyPath,
      keyPem: leaf.keyPem,
      names,
      validTo: new Date(leaf.cert.validTo),
      spkiSha256Base64: spkiSha256Base64(leaf.certPem),
      caSpkiSha256Base64: spkiSha256Base64(ca.certPem),
      generated: { ca: ca.generated, leaf: leaf.generated },
    };
  });
}
