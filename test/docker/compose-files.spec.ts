import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLedgerConfig } from '@app/config';

// What `docker compose config` cannot tell without an engine (and CI has none): that every
// ledger process of the scale-out files gets an environment the ledger's own configuration
// accepts, in the roles the files give them, with nothing shared that must not be.

const ROOT = join(__dirname, '..', '..');
const DOCKER = join(ROOT, 'docker');
const TEST_KEYS = 'compose-test:admin:compose-test-key-0123456789';

type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Env;
  depends_on?: Record<string, unknown>;
  volumes?: string[];
  networks?: Record<string, { ipv4_address?: string } | null>;
  healthcheck?: { disable?: boolean };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { ipam?: { config?: { subnet: string }[] } }>;
}

function load(file: string): ComposeFile {
  // merge: YAML merge keys (`<<: *anchor`), as docker compose reads them.
  return parse(readFileSync(join(DOCKER, file), 'utf8'), { merge: true }) as ComposeFile;
}

/** `${NAME:-default}` as compose substitutes it when NAME is unset. */
function substituted(env: Env): Env {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
  );
}

/** A service as `-f base -f override` gives it: maps merged key by key, the rest replaced. */
function overlaid(base: Service, over: Service | undefined): Service {
  if (!over) return base;
  return {
    ...base,
    ...over,
    environment: { ...base.environment, ...over.environment },
    depends_on: { ...base.depends_on, ...over.depends_on },
    networks: over.networks ?? base.networks,
  };
}

function configOf(service: Service) {
  const env = substituted(service.environment ?? {});
  return { config: loadLedgerConfig({ ...env, LEDGER_API_KEYS: TEST_KEYS }, '/') };
}

const LEDGER_SERVICES = ['api1', 'api2', 'projector1', 'projector2'];
const APIS = ['api1', 'api2'];
const PROJECTORS = ['projector1', 'projector2'];

describe('docker/compose.scale.yml', () => {
  const compose = load('compose.scale.yml');
  const { services } = compose;

  it('has PostgreSQL, two API instances behind a proxy and two projectors', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api1', 'api2', 'postgres', 'projector1', 'projector2', 'proxy'].sort(),
    );
  });

  it('names only services and volumes it declares', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect({ name, dependency, declared: dependency in services }).toEqual({
          name,
          dependency,
          declared: true,
        });
      }
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('.')) expect(existsSync(join(DOCKER, source))).toBe(true);
        else expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });

  it('gives every ledger process a configuration the ledger accepts, on the shared PostgreSQL', () => {
    for (const name of LEDGER_SERVICES) {
      const { config } = configOf(services[name]);
      expect(config.eventStore).toBe('postgres');
      expect(new URL(config.postgresUrl ?? '').hostname).toBe('postgres');
      expect(config.readModels).toBe('postgres');
      expect(config.idempotencyKeys).toBe('postgres');
    }
  });

  it('runs the projections in the projectors only, and the API on every interface', () => {
    for (const name of APIS) {
      const { config } = configOf(services[name]);
      expect(config.projections).toBe('off');
      expect(config.host).toBe('0.0.0.0');
      expect(services[name].command).toBeUndefined();
    }
    for (const name of PROJECTORS) {
      expect(configOf(services[name]).config.projections).toBe('on');
      expect(services[name].command).toEqual(['node', 'dist/apps/ledger-projector/src/main.js']);
    }
  });

  it('starts the projector that the build makes (nest-cli project ledger-projector)', () => {
    const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { sourceRoot: string; entryFile: string }>;
    };
    const projector = nest.projects['ledger-projector'];
    expect(projector).toBeDefined();
    expect(existsSync(join(ROOT, projector.sourceRoot, `${projector.entryFile}.ts`))).toBe(true);
  });

  it('gives each ledger process a data dir of its own', () => {
    const owners = new Map<string, string>();
    for (const name of LEDGER_SERVICES) {
      const dataDir = configOf(services[name]).config.dataDir;
      const mounts = (services[name].volumes ?? []).filter((v) => v.endsWith(`:${dataDir}`));
      expect(mounts).toHaveLength(1);
      const volume = mounts[0].split(':')[0];
      expect({ volume, sharedWith: owners.get(volume) }).toEqual({ volume, sharedWith: undefined });
      owners.set(volume, name);
    }
  });

  it('proxies to every API instance on the port it listens on', () => {
    const conf = readFileSync(join(DOCKER, 'nginx.scale.conf'), 'utf8');
    const upstream = [...conf.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(upstream).toEqual(APIS.map((name) => [name, configOf(services[name]).config.port]));
  });
});

describe('docker/compose.scale.eventstoredb.yml over compose.scale.yml', () => {
  const base = load('compose.scale.yml');
  const over = load('compose.scale.eventstoredb.yml');

  it('puts the log of every ledger process in the EventStoreDB cluster, the read models in PostgreSQL', () => {
    for (const name of LEDGER_SERVICES) {
      const service = overlaid(base.services[name], over.services[name]);
      const { config } = configOf(service);
      expect(config.eventStore).toBe('eventstoredb');
      expect(config.eventStoreDbConnectionString).toMatch(/node1:2113,node2:2113,node3:2113/);
      expect(config.readModels).toBe('postgres');
      expect(config.idempotencyKeys).toBe('postgres');
      expect(new URL(config.postgresUrl ?? '').hostname).toBe('postgres');
      for (const dependency of ['postgres', 'node1', 'node2', 'node3']) {
        expect(Object.keys(service.depends_on ?? {})).toContain(dependency);
      }
      expect(Object.keys(service.networks ?? {}).sort()).toEqual(
        ['default', 'eventstoredb-cluster'].sort(),
      );
    }
  });

  it('runs three nodes, each on the cluster network within its subnet and seeded by the others', () => {
    const subnet = over.networks?.['eventstoredb-cluster'].ipam?.config?.[0].subnet ?? '';
    const prefix = subnet.replace(/0\/24$/, '');
    const nodes = ['node1', 'node2', 'node3'];
    const addresses = nodes.map(
      (n) => over.services[n].networks?.['eventstoredb-cluster']?.ipv4_address ?? '',
    );
    for (const [i, node] of nodes.entries()) {
      expect(addresses[i].startsWith(prefix)).toBe(true);
      const env = over.services[node].environment ?? {};
      const seeds = String(env.EVENTSTORE_GOSSIP_SEED).split(',');
      expect(seeds.sort()).toEqual(
        addresses
          .filter((_, j) => j !== i)
          .map((a) => `${a}:2113`)
          .sort(),
      );
      expect(env.EVENTSTORE_CLUSTER_SIZE).toBe('3');
    }
  });
});
