/**
 * Step 8's docker-compose setup, checked without Docker: the files parse, pin the image the suite
 * proves, and wire the topic creation to the catalog. `npm test` with KAFKA_RUNTIME=external
 * (make test) proves the running setup on a machine with Docker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { confluentImageFor, DEFAULT_KAFKA_VERSION } from '#support/broker/index.js';
import { REPO_ROOT } from '#support/repository/index.js';
import { loadTopicCatalog, TOPIC_CATALOG_FILE } from '#support/topics/index.js';

const REPO = REPO_ROOT;
const COMPOSE_DIR = join(REPO, 'scripts', 'docker-compose');
const COMPOSE_FILE = join(COMPOSE_DIR, 'docker-compose.yaml');
const MAKEFILE = join(COMPOSE_DIR, 'Makefile');

interface Service {
  image?: string;
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  healthcheck?: { test?: string | string[] };
  depends_on?: Record<string, { condition?: string }> | string[];
  entrypoint?: string | string[];
  command?: string | string[];
  ports?: string[];
}

const compose = parse(readFileSync(COMPOSE_FILE, 'utf8')) as { services?: Record<string, Service> };
const services = compose.services ?? {};
const catalogTopics = loadTopicCatalog().map((t) => t.name);

function service(name: string): Service {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yaml has no service "${name}"`);
  return found;
}

function env(s: Service, name: string): string | undefined {
  const value = s.environment?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

function words(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

/** The file on this machine that a path inside the container is, through the service's bind mounts. */
function hostPathOf(s: Service, containerPath: string): string | undefined {
  for (const volume of s.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (source === undefined || target === undefined || !source.startsWith('.')) continue;
    const inside = posix.relative(target, containerPath);
    if (!inside.startsWith('..') && !posix.isAbsolute(inside)) return resolve(COMPOSE_DIR, source, inside);
  }
  return undefined;
}

describe("Step 8: scripts/docker-compose/docker-compose.yaml runs one KRaft broker and creates the catalog's topics", () => {
  it('parses as YAML and has the broker and the one-shot topic creation', () => {
    expect(Object.keys(services).sort()).toEqual(['create-topics', 'kafka']);
  });

  it(`pins every image to ${confluentImageFor(DEFAULT_KAFKA_VERSION)}, the release that ships the Kafka the suite proves (no :latest)`, () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.image, `service ${name}`).toBe(confluentImageFor(DEFAULT_KAFKA_VERSION));
      expect(s.image, `service ${name}`).not.toMatch(/:latest$/);
    }
  });

  it('the broker runs in KRaft mode (broker and controller in one process, no ZooKeeper) and creates no topic implicitly', () => {
    const kafka = service('kafka');
    expect(env(kafka, 'KAFKA_PROCESS_ROLES')).toBe('broker,controller');
    expect(env(kafka, 'CLUSTER_ID')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(env(kafka, 'KAFKA_ZOOKEEPER_CONNECT')).toBeUndefined();
    expect(env(kafka, 'KAFKA_AUTO_CREATE_TOPICS_ENABLE')).toBe('false');
  });

  it('the broker tells host clients an address they can reach: the port it publishes, on localhost', () => {
    const kafka = service('kafka');
    const published = (kafka.ports ?? [])
      .map((p) => /^"?\$\{KAFKA_HOST_PORT:-(\d+)\}:(\d+)"?$/.exec(p))
      .find((m) => m !== null);
    expect(published, 'a port published as ${KAFKA_HOST_PORT:-9092}:9092').toBeDefined();
    expect(env(kafka, 'KAFKA_ADVERTISED_LISTENERS')).toContain('PLAINTEXT_HOST://localhost:${KAFKA_HOST_PORT:-9092}');
    expect(env(kafka, 'KAFKA_LISTENERS')).toContain(`PLAINTEXT_HOST://0.0.0.0:${published?.[2] ?? ''}`);
  });

  it('the broker has a healthcheck that asks it for its topics on the listener the other containers use', () => {
    const test = words(service('kafka').healthcheck?.test);
    expect(test).toContain('kafka-topics --bootstrap-server kafka:29092');
    expect(env(service('kafka'), 'KAFKA_ADVERTISED_LISTENERS')).toContain('PLAINTEXT://kafka:29092');
  });

  it('create-topics waits for the broker to be healthy, then runs scripts/shell/create_topics.sh against it', () => {
    const init = service('create-topics');
    expect(init.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    const run = words(init.entrypoint) || words(init.command);
    const script = /(\/\S+\/create_topics\.sh)/.exec(run)?.[1];
    expect(script, `create-topics runs "${run}"`).toBeDefined();
    expect(relative(REPO, hostPathOf(init, script ?? '') ?? '(not mounted)')).toBe(
      join('scripts', 'shell', 'create_topics.sh'),
    );
    expect(env(init, 'BOOTSTRAP_SERVER')).toBe('kafka:29092');
    // Confluent's layout: the script finds /usr/bin/kafka-topics.
    expect(env(init, 'KAFKA_HOME')).toBe('/usr');
  });

  it("create-topics reads the topic catalog itself, so the topics it creates are exactly the catalog's", () => {
    const init = service('create-topics');
    const catalog = env(init, 'TOPIC_CATALOG');
    expect(catalog, 'step 8: the create-topics service must set TOPIC_CATALOG').toBeDefined();
    const onHost = hostPathOf(init, catalog ?? '');
    expect(onHost, 'step 8: the file mounted at TOPIC_CATALOG must be scripts/topic-catalog.txt').toBe(
      TOPIC_CATALOG_FILE,
    );
    expect(existsSync(onHost ?? ''), `step 8: the mounted catalog ${onHost ?? '(none)'} must exist`).toBe(true);
    // No topic is named in the compose file other than through the catalog.
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    for (const [, topic] of text.matchAll(/--topic[= ](\S+)/g))
      expect(
        catalogTopics,
        `step 8: docker-compose.yml names topic ${topic ?? ''}, which the catalog does not list`,
      ).toContain(topic);
  });
});

describe('Step 8: scripts/docker-compose/Makefile drives it', () => {
  const makefile = readFileSync(MAKEFILE, 'utf8');
  const targets = new Set([...makefile.matchAll(/^([a-z-]+):/gm)].map((m) => m[1]));

  it.each(['up', 'down', 'topics', 'describe', 'produce', 'consume', 'test'])('has a "%s" target', (target) => {
    expect([...targets], `step 8: scripts/docker-compose/Makefile needs a "${target}" target`).toContain(target);
  });

  it('produces to and consumes from a catalog topic by default (TOPIC=...)', () => {
    const topic = /^TOPIC \?= (\S+)$/m.exec(makefile)?.[1];
    expect(
      catalogTopics,
      `step 8: the Makefile's default TOPIC ${topic ?? '(none)'} must be a catalog topic`,
    ).toContain(topic);
  });

  it('runs the suite against the compose broker with the external runtime', () => {
    expect(makefile).toMatch(
      /^test:\n\tcd \.\.\/\.\. && KAFKA_RUNTIME=external KAFKA_BROKERS=\$\(BOOTSTRAP_HOST\) npm test$/m,
    );
    expect(makefile).toContain('BOOTSTRAP_HOST := localhost:$(or $(KAFKA_HOST_PORT),9092)');
  });
});
