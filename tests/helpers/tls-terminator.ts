import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { makeTempDir } from './temp-dir';

/** A TLS listener on loopback that passes each connection on to a plain TCP port (an RTMPS ingest in front of nginx-rtmp). */
export interface TlsTerminator {
  port: number;
  /** The listener's self-signed certificate (PEM), for a client that should trust it. */
  certificate: string;
  stop(): Promise<void>;
}

/**
 * Starts a TLS front for `targetPort` with a certificate made here by openssl for 127.0.0.1 and localhost, as a
 * platform's RTMPS ingest (TLS, then plain RTMP inside) stands in front of its RTMP servers.
 */
export async function startTlsTerminator(targetPort: number): Promise<TlsTerminator> {
  const dir = makeTempDir('anchor-tls-');
  const key = join(dir.path, 'key.pem');
  const cert = join(dir.path, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const certificate = readFileSync(cert, 'utf8');
  const server = createServer({ key: readFileSync(key), cert: certificate }, (secure) => {
    const plain = connect(targetPort, '127.0.0.1');
    secure.pipe(plain).pipe(secure);
    const close = () => {
      secure.destroy();
      plain.destroy();
    };
    secure.on('error', close);
    plain.on('error', close);
    secure.on('close', close);
    plain.on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    certificate,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        dir.remove();
      }),
  };
}
