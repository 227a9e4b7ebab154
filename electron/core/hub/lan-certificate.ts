import { constants, generateKeyPair, privateEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SecretBox } from './auth/secret-box';
import type { Logger } from './logger';

/** File (in the data dir) holding the LAN certificate and its private key, sealed by the secret box. */
export const LAN_CERTIFICATE_FILE = 'lan-certificate.json';

/** How long a LAN certificate is valid (Apple's limit for certificates a device may be asked to trust). */
const VALID_DAYS = 825;
/** A certificate this close to its end is replaced before it runs out mid-show. */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

/** The studio's own certificate for LAN sharing: PEM certificate and key, and the fingerprint co-hosts compare. */
export interface LanCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, as browsers show it (`AB:CD:…`). */
  fingerprint: string;
}

interface StoredCertificate {
  cert: string;
  sealedKey: string;
}

/**
 * The studio's LAN certificate, made once and kept (a co-host who checked its fingerprint keeps trusting it): made
 * again only when it does not name one of this computer's LAN addresses, is near its end, or cannot be opened (another
 * computer's keychain). Self-signed, RSA 2048, SHA-256; the private key is stored sealed, never in plain text.
 */
export async function lanCertificate(dataDir: string, secrets: SecretBox, addresses: readonly string[], log: Pick<Logger, 'info'>, now = Date.now()): Promise<LanCertificate> {
  const file = join(dataDir, LAN_CERTIFICATE_FILE);
  const stored = readStored(file);
  if (stored) {
    try {
      const cert = new X509Certificate(stored.cert);
      const names = cert.subjectAltName ?? '';
      const isCovering = addresses.every((a) => names.split(', ').includes(`IP Address:${a}`));
      if (isCovering && Date.parse(cert.validTo) - now > RENEW_BEFORE_DAYS * DAY_MS) {
        return { cert: stored.cert, key: secrets.open(stored.sealedKey), fingerprint: cert.fingerprint256 };
      }
    } catch {
      // Unreadable or sealed elsewhere: make a new one below.
    }
  }
  const made = await makeCertificate(addresses, now);
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify({ cert: made.cert, sealedKey: secrets.seal(made.key) } satisfies StoredCertificate), { mode: 0o600 });
  renameSync(temp, file);
  log.info('LAN certificate made', { fingerprint: made.fingerprint, addresses });
  return made;
}

function readStored(file: string): StoredCertificate | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredCertificate>;
    return typeof value.cert === 'string' && typeof value.sealedKey === 'string' ? { cert: value.cert, sealedKey: value.sealedKey } : null;
  } catch {
    return null;
  }
}

/** A self-signed server certificate naming the given IPv4 addresses (and localhost). */
async function makeCertificate(addresses: readonly string[], now: number): Promise<LanCertificate> {
  // Loaded here, not with the hub: LAN sharing is off until the anchor turns it on (node-forge costs the hub's start
  // ~28 ms and ~1.7 MB of heap).
  const { default: forge } = await import('node-forge');
  // Node makes the key and signs, off the hub's loop or natively (a key takes 60-170 ms, node-forge's own signing
  // 20-50 ms: the anchor may turn sharing on mid-show); node-forge only assembles the certificate, which Node cannot.
  const { privateKey, publicKey } = await makeKeyPair('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive serial (leading byte below 0x80), random so two studios' certificates never share one.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now - DAY_MS); // a co-host's clock a little behind still accepts it
  cert.validity.notAfter = new Date(now + VALID_DAYS * DAY_MS);
  const name = [{ name: 'commonName', value: 'Anchor Studio (LAN sharing)' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...addresses.map((ip) => ({ type: 7, ip })), { type: 2, value: 'localhost' }] },
  ]);
  // forge hands its signer the SHA-256 of the certificate's body; the signature is PKCS #1 v1.5 over that digest.
  const signer = { sign: (md: { digest(): { getBytes(): string } }) => signDigest(privateKey, Buffer.from(md.digest().getBytes(), 'binary')) };
  cert.sign(signer as unknown as Parameters<typeof cert.sign>[0], forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  return { cert: pem, key: privateKey, fingerprint: new X509Certificate(pem).fingerprint256 };
}

const makeKeyPair = promisify(generateKeyPair);

/** What PKCS #1 v1.5 puts before a SHA-256 digest it signs (RFC 8017, section 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** An RSA PKCS #1 v1.5 signature of a SHA-256 digest, as the binary string node-forge expects. */
function signDigest(privateKeyPem: string, digest: Buffer): string {
  return privateEncrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
}
