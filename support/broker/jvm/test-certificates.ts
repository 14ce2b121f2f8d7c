/**
 * TLS material for a local secured broker, made at run time with openssl (nothing is committed):
 * a CA, a broker certificate it signs for `localhost` only, and an unrelated CA that a client may
 * wrongly trust. Kafka reads the PEM files directly (ssl.keystore.type=PEM, ssl.truststore.type=PEM).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  /** The CA that signed the broker's certificate (PEM): what a client must trust. */
  caFile: string;
  /** The broker's private key (PKCS#8, unencrypted) followed by its certificate: a PEM keystore. */
  brokerKeystoreFile: string;
  /** A CA that signed nothing here: trusting it instead must fail. */
  otherCaFile: string;
  /** The only name in the broker's certificate. */
  hostname: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

function makeCa(dir: string, name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
  return { key, cert };
}

export function makeTestCertificates(dir: string, hostname = 'localhost'): TestCertificates {
  const ca = makeCa(dir, 'kafka-spec-ca');
  const other = makeCa(dir, 'kafka-spec-other-ca');
  const key = join(dir, 'broker.key');
  const csr = join(dir, 'broker.csr');
  const cert = join(dir, 'broker.pem');
  const extensions = join(dir, 'broker.ext');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${hostname}`]);
  writeFileSync(extensions, `subjectAltName=DNS:${hostname}\nextendedKeyUsage=serverAuth,clientAuth\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '2',
    '-extfile',
    extensions,
  ]);
  const pkcs8 = openssl(['pkcs8', '-topk8', '-nocrypt', '-in', key]).toString('utf8');
  const brokerKeystoreFile = join(dir, 'broker-keystore.pem');
  writeFileSync(brokerKeystoreFile, `${pkcs8.trimEnd()}\n${readFileSync(cert, 'utf8')}`);
  return { caFile: ca.cert, brokerKeystoreFile, otherCaFile: other.cert, hostname };
}
