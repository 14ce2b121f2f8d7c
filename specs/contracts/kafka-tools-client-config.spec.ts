import { describe, expect, it } from 'vitest';
import { clientConfig } from '#support/kafka-tools/index.js';

// Kafka's Java tools (kafka-topics, kafka-configs, create_topics.sh) reach a TLS/SASL cluster only
// through a client properties file. The secured leg of .ci/run proves the file works end to end
// over SASL_SSL; here, the text itself: what each setting becomes, and how a password with JAAS's
// and java.util.Properties' special characters is escaped so that it reaches the broker unchanged.

describe("The --command-config file made from the run's KAFKA_SSL_* and KAFKA_SASL_* settings", () => {
  it('is not needed for a plaintext cluster', () => {
    expect(clientConfig({ tls: undefined, sasl: undefined })).toEqual({ needed: false });
  });

  it('SASL_SSL with SCRAM-SHA-512 and a PEM CA: the protocol, the trust store and the JAAS line', () => {
    const config = clientConfig({
      tls: { caFile: '/certs/ca.pem', rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'spec-run', password: 'secret' },
    });
    expect(config).toEqual({
      needed: true,
      properties: [
        'security.protocol=SASL_SSL',
        'ssl.truststore.type=PEM',
        'ssl.truststore.location=/certs/ca.pem',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="spec-run" password="secret";',
        '',
      ].join('\n'),
    });
  });

  it('TLS alone is SSL; SASL alone is SASL_PLAINTEXT with the PLAIN login module', () => {
    expect(clientConfig({ tls: { rejectUnauthorized: true }, sasl: undefined })).toEqual({
      needed: true,
      properties: 'security.protocol=SSL\n',
    });
    const plain = clientConfig({ tls: undefined, sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
    expect(plain).toEqual({
      needed: true,
      properties:
        'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";\n',
    });
  });

  it('a password with " and \\ is escaped for JAAS, then every \\ again for java.util.Properties', () => {
    const config = clientConfig({
      tls: undefined,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'a"b\\c' },
    });
    // JAAS wants "a\"b\\c"; written into a properties file each of those backslashes doubles.
    expect(config).toMatchObject({ properties: expect.stringContaining('password="a\\\\"b\\\\\\\\c";') as unknown });
  });

  it("says why not, in one line naming the variable, for what Kafka's tools cannot take from these settings", () => {
    expect(clientConfig({ tls: { caFile: '/ca.pem', rejectUnauthorized: false }, sasl: undefined })).toEqual({
      needed: true,
      unsupported: expect.stringContaining('KAFKA_SSL_REJECT_UNAUTHORIZED=false') as unknown,
    });
    expect(
      clientConfig({ tls: { certFile: '/c.pem', keyFile: '/k.pem', rejectUnauthorized: true }, sasl: undefined }),
    ).toEqual({
      needed: true,
      unsupported: expect.stringContaining('KAFKA_SSL_CERT_FILE') as unknown,
    });
  });
});
