/**
 * The deployment artefacts, checked without a cluster or a Docker engine:
 * - every Kubernetes object under deploy/k8s is validated against the Kubernetes (and KEDA) JSON schemas of
 *   kubernetes-models, and type-checked against their TypeScript interfaces, which refuses any field the API
 *   does not know (as kubectl's strict field validation would);
 * - the objects fit together: probes, resources, security, Services, HPAs, KEDA ScaledObjects, Ingress,
 *   ConfigMap and Secret, and the kustomization lists every file (built with `kubectl kustomize` when found);
 * - deploy/compose.yaml, the Dockerfile, .dockerignore, the web app's nginx config and the Grafana dashboard
 *   are checked for structure and consistency.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { eventSchemas } from '@mercato/contracts';
import {
  createLogger,
  createMetrics,
  jetStreamConsumerName,
  loadConfig,
  MemoryCache,
  mountService,
  openPglite,
  unavailable,
  type ServiceClient,
} from '@mercato/kernel';
import { loadServices, SERVICE_NAMES } from '@mercato/host';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingBus } from '../support/service-host.ts';
import { parse, parseAllDocuments } from 'yaml';

import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { Json } from '../support/json.ts';

const SERVICE_MODULES = await loadServices();

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const K8S = path.join(DEPLOY, 'k8s');

/** Every Mercato service; the gateway is the public one. */
const SERVICES = [
  'gateway',
  'identity',
  'catalog',
  'inventory',
  'orders',
  'payments',
  'notifications',
  'cart',
  'shipping',
  'returns',
  'promotions',
  'reviews',
  'wishlists',
];
/** Scaled on CPU by an HPA of ours. */
const CPU_SCALED = ['gateway', 'identity', 'catalog', 'cart'];
/** Scaled on JetStream consumer lag by KEDA (which makes their HPAs). */
const EVENT_DRIVEN = ['inventory', 'orders', 'payments', 'notifications', 'shipping', 'returns', 'promotions', 'reviews', 'wishlists'];
/** Settings the deployment states explicitly (ConfigMap and compose), at the defaults of packages/kernel/src/config.ts. */
const SETTINGS: Record<string, string> = {
  ORDER_PAYMENT_TIMEOUT: '15m',
  CARRIER_POLL_INTERVAL: '30s',
  CARRIER_SIMULATOR_STEP: '1m',
  RETURN_WINDOW: '30d',
};
/**
 * Settings whose default is empty: compose passes them through from the shell or deploy/.env with nothing
 * stated (`${NAME:-}`, as it gives a container only the variables it lists), and the ConfigMap leaves them out.
 */
const OPTIONAL_SETTINGS = ['TAX_RATES'];
const INFRA = ['postgres', 'nats', 'redis'];

/** The event types each service handles (none for the request-driven ones), read from the services themselves. */
const consumers: Record<string, string[]> = {};
const idleClient = (name: string): ServiceClient => ({
  call: () => Promise.reject(unavailable('upstream_unavailable', `${name} is not called by this test`)),
});

beforeAll(async () => {
  // Mounted by the real host code, all on one in-memory database as in the embedded shop: one engine to start, not twelve.
  const db = await openPglite();
  const deps = {
    db,
    bus: recordingBus().bus,
    cache: new MemoryCache(),
    config: loadConfig({}),
    logger: createLogger('deploy-test', 'silent'),
    metrics: createMetrics('deploy_test'),
    registry: eventSchemas,
    // Only the handlers are read here: a client for every service, none of them ever called.
    clients: Object.fromEntries(SERVICE_NAMES.map((name) => [name, idleClient(name)])),
  };
  for (const name of SERVICE_NAMES) {
    const mounted = await mountService(
      SERVICE_MODULES.find((s) => s.name === name)!,
      deps,
    );
    consumers[name] = Object.keys(mounted.instance.handlers ?? {});
    await mounted.stop();
  }
  await db.close();
}, 120_000);

// ---------------------------------------------------------------------------------------------------------
// The kinds the manifests may hold: each with its kubernetes-models class (JSON-schema validation) and the
// module whose `I<Kind>` interface types it. Anything else is refused.

type Validatable = { validate(): void };
type ModelClass = new (data: Json) => Validatable;
interface Kind {
  model: ModelClass;
  module: string;
}
const KINDS: Record<string, Kind> = {
  'v1/Namespace': { model: Namespace, module: 'kubernetes-models/v1/Namespace' },
  'v1/ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1/ConfigMap' },
  'v1/Secret': { model: Secret, module: 'kubernetes-models/v1/Secret' },
  'v1/Service': { model: Service, module: 'kubernetes-models/v1/Service' },
  'v1/ServiceAccount': { model: ServiceAccount, module: 'kubernetes-models/v1/ServiceAccount' },
  'apps/v1/Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget, module: 'kubernetes-models/policy/v1/PodDisruptionBudget' },
  'networking.k8s.io/v1/Ingress': { model: Ingress, module: 'kubernetes-models/networking.k8s.io/v1/Ingress' },
  'networking.k8s.io/v1/NetworkPolicy': { model: NetworkPolicy, module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy' },
  'keda.sh/v1alpha1/ScaledObject': { model: ScaledObject, module: '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject' },
  'keda.sh/v1alpha1/TriggerAuthentication': {
    model: TriggerAuthentication,
    module: '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
  },
};

function kindOf(doc: K8sObject): Kind {
  const kind = KINDS[`${doc.apiVersion}/${doc.kind}`];
  if (!kind) throw new Error(`unknown kind ${doc.apiVersion}/${doc.kind}: add it to KINDS with its schema`);
  return kind;
}

/** Validates one object against its JSON schema; throws on an unknown kind or an invalid object. */
function validateObject(doc: K8sObject): void {
  new (kindOf(doc).model)(doc).validate();
}

// ---------------------------------------------------------------------------------------------------------
// Loading

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: Json;
}
interface Loaded {
  file: string; // relative to deploy/k8s
  index: number;
  doc: K8sObject;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    })
    .sort();
}

/**
 * Kubernetes reads YAML 1.1 (sigs.k8s.io/yaml over go-yaml), where `yes`, `no`, `on` and `off` are booleans:
 * parsing as 1.1 sees what the API server would.
 */
function loadYamlDocuments(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' });
  return docs.map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS();
  });
}

const kustomizationFile = path.join(K8S, 'kustomization.yaml');
const kustomization = parse(readFileSync(kustomizationFile, 'utf8')) as {
  namespace?: string;
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
};
const manifestFiles = yamlFiles(K8S).filter((f) => f !== kustomizationFile);
const objects: Loaded[] = manifestFiles.flatMap((file) =>
  loadYamlDocuments(file)
    .map((doc, index) => ({ file: path.relative(K8S, file), index, doc: doc as K8sObject }))
    .filter((o) => o.doc != null),
);
const docs = objects.map((o) => o.doc);
const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
const named = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
const where = (o: Loaded) => `${o.file}#${o.index} ${o.doc?.kind}/${o.doc?.metadata?.name}`;

const configMap = named('ConfigMap', 'mercato-config')!;
const secret = named('Secret', 'mercato-secrets')!;
const MERCATO_NAMESPACE: string = configMap?.data?.MERCATO_NAMESPACE ?? 'mercato';

function containerOf(deployment: K8sObject) {
  const containers = deployment.spec.template.spec.containers as Json[];
  return containers[0];
}

/** The labels `selector` picks, matched against the pod template labels of some Deployment. */
function deploymentSelectedBy(selector: Record<string, string>): K8sObject | undefined {
  return byKind('Deployment').find((d) => {
    const labels: Record<string, string> = d.spec.template.metadata.labels;
    return Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Strict fields: each object as a TypeScript object literal typed by its kubernetes-models interface.
// TypeScript's excess-property check then refuses any field the schema does not have, at any depth
// (the JSON schemas of kubernetes-models allow additional properties, so a typo such as `readinesProbe`
// would pass them silently, while the API server refuses it).

function strictFieldErrors(loaded: Loaded[]): string[] {
  const file = path.join(ROOT, 'test/deploy/__manifest_types__.ts');
  const lines = ['export {};'];
  for (const [i, o] of loaded.entries()) {
    const { module } = kindOf(o.doc);
    lines.push(`const o${i}: import(${JSON.stringify(module)}).I${o.doc.kind} = ${JSON.stringify(o.doc)};`);
  }
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    noUnusedLocals: false,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    path.resolve(name) === file ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file)!;
  const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  return diagnostics.map((d) => {
    const line = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line;
    const o = loaded[line - 1];
    return `${o ? where(o) : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

// =========================================================================================================

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('are YAML documents that each hold one Kubernetes object', () => {
    expect(manifestFiles.length).toBeGreaterThan(0);
    for (const o of objects) {
      expect(typeof o.doc, where(o)).toBe('object');
      expect(o.doc.apiVersion, where(o)).toBeTypeOf('string');
      expect(o.doc.kind, where(o)).toBeTypeOf('string');
      expect(o.doc.metadata?.name, where(o)).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    const keys = docs.map((d) => `${d.kind}/${d.metadata.name}`);
    expect(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      'duplicate objects',
    ).toEqual([]);
  });

  it('are valid against the Kubernetes and KEDA schemas (kubernetes-models)', () => {
    const errors: string[] = [];
    for (const o of objects) {
      try {
        validateObject(o.doc);
      } catch (err) {
        errors.push(`${where(o)}: ${(err as Error).message}`);
      }
    }
    expect(errors).toEqual([]);
  });

  it('refuses an unknown kind and an invalid object (the validator itself)', () => {
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Nonsense', metadata: { name: 'x' } })).toThrow(/unknown kind/);
    expect(() => validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} })).toThrow(/selector/);
  });

  it('use no field outside the API (strict field validation, by the kubernetes-models types)', () => {
    // with a known typo at the end, to show that the check sees one (a single program: it takes seconds)
    const typo = structuredClone(named('Deployment', 'orders')!);
    const container = typo.spec.template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    const errors = strictFieldErrors([...objects, { file: '(typo)', index: 0, doc: typo }]);
    expect(errors.at(-1)).toMatch(/^\(typo\).*readinesProbe/);
    expect(errors.slice(0, -1)).toEqual([]);
  }, 60_000);

  it('are all listed in kustomization.yaml, which names no missing file', () => {
    const listed = kustomization.resources.map((r) => path.normalize(r)).sort();
    const present = manifestFiles.map((f) => path.relative(K8S, f)).sort();
    expect(listed).toEqual(present);
    expect(kustomization.namespace).toBe('mercato');
    expect(named('Namespace', kustomization.namespace!), 'the Namespace object').toBeDefined();
    const images = new Set(byKind('Deployment').flatMap((d) => (d.spec.template.spec.containers as Json[]).map((c) => c.image as string)));
    expect([...images].sort()).toEqual((kustomization.images ?? []).map((i) => i.name).sort());
  });

  it.skipIf(spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)(
    'build with kubectl kustomize into the same objects, all in the mercato namespace',
    () => {
      const out = spawnSync('kubectl', ['kustomize', K8S], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const built = parseAllDocuments(out.stdout).map((d) => d.toJS() as K8sObject);
      expect(built.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual(docs.map((d) => `${d.kind}/${d.metadata.name}`).sort());
      for (const d of built) {
        if (d.kind !== 'Namespace') expect(d.metadata.namespace, `${d.kind}/${d.metadata.name}`).toBe('mercato');
        expect(d.metadata.labels?.['app.kubernetes.io/part-of']).toBe('mercato');
        validateObject(d);
      }
      const images = built.filter((d) => d.kind === 'Deployment').map((d) => containerOf(d).image as string);
      for (const image of images) expect(image).toMatch(/^[^\s:]+\/mercato(-web)?:[\w.-]+$/);
    },
  );

  describe('Deployments', () => {
    it('one per service and one for the web app, each with a ClusterIP Service on port 80 to 8080', () => {
      expect(
        byKind('Deployment')
          .map((d) => d.metadata.name)
          .sort(),
      ).toEqual([...SERVICES, 'web'].sort());
      for (const name of [...SERVICES, 'web']) {
        const service = named('Service', name);
        expect(service, `Service ${name}`).toBeDefined();
        expect(service!.spec.type ?? 'ClusterIP').toBe('ClusterIP');
        const deployment = deploymentSelectedBy(service!.spec.selector);
        expect(deployment?.metadata.name, `Service ${name} selects its Deployment`).toBe(name);
        const [port] = service!.spec.ports;
        expect(port.port).toBe(80);
        const containerPort = (containerOf(deployment!).ports as Json[]).find(
          (p) => p.name === port.targetPort || p.containerPort === port.targetPort,
        );
        expect(containerPort?.containerPort, `Service ${name} targets a container port`).toBe(8080);
      }
    });

    it('the lists of this test name every service the gateway registers, event-driven being those with handlers', () => {
      expect(SERVICES.filter((s) => s !== 'gateway').sort()).toEqual([...SERVICE_NAMES].sort());
      expect([...CPU_SCALED, ...EVENT_DRIVEN].sort()).toEqual([...SERVICES].sort());
      const withHandlers = SERVICE_NAMES.filter((name) => consumers[name].length > 0);
      expect(withHandlers.sort()).toEqual([...EVENT_DRIVEN].sort());
    });

    it('every service of the repository has one', () => {
      const inRepo = readdirSync(path.join(ROOT, 'services')).filter((d) => existsSync(path.join(ROOT, 'services', d, 'package.json')));
      for (const name of inRepo) expect(named('Deployment', name), `Deployment for services/${name}`).toBeDefined();
    });

    it('run the one image with `serve <service>`, two replicas, the shared ConfigMap and Secret', () => {
      for (const name of SERVICES) {
        const d = named('Deployment', name)!;
        const c = containerOf(d);
        expect(d.spec.replicas, name).toBe(2);
        expect(c.image, name).toBe('mercato');
        expect(c.command, `${name} keeps the image's ENTRYPOINT`).toBeUndefined();
        expect(c.args, name).toEqual(['serve', name]);
        const refs = (c.envFrom as Json[]).map((e) => e.configMapRef?.name ?? e.secretRef?.name);
        expect(refs, name).toEqual(['mercato-config', 'mercato-secrets']);
        expect(d.spec.selector.matchLabels, name).toEqual({ 'app.kubernetes.io/name': name });
        // Kubernetes' service links add variables such as IDENTITY_PORT; any <NAME>_URL variable would be read as
        // a service's URL, so the environment is kept to the ConfigMap and Secret
        expect(d.spec.template.spec.enableServiceLinks, name).toBe(false);
      }
    });

    it('have liveness and readiness probes on the health endpoints, on a declared port', () => {
      for (const d of byKind('Deployment')) {
        const name = d.metadata.name;
        for (const c of d.spec.template.spec.containers as Json[]) {
          expect(c.livenessProbe?.httpGet, `${name} liveness`).toBeDefined();
          expect(c.readinessProbe?.httpGet, `${name} readiness`).toBeDefined();
          const ports = (c.ports as Json[]).flatMap((p) => [p.name, p.containerPort]);
          for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe].filter(Boolean)) {
            expect(ports, `${name} probe port`).toContain(probe.httpGet.port);
          }
          if (name === 'web') {
            expect(c.livenessProbe.httpGet.path).toBe('/healthz');
          } else {
            expect(c.livenessProbe.httpGet.path, name).toBe('/health/live');
            expect(c.readinessProbe.httpGet.path, name).toBe('/health/ready');
            expect(c.startupProbe?.httpGet?.path, `${name} startup`).toBe('/health/live');
          }
        }
      }
    });

    it('request and limit CPU and memory', () => {
      for (const d of byKind('Deployment')) {
        for (const c of d.spec.template.spec.containers as Json[]) {
          for (const kind of ['requests', 'limits']) {
            expect(c.resources?.[kind]?.cpu, `${d.metadata.name} ${kind}.cpu`).toBeDefined();
            expect(c.resources?.[kind]?.memory, `${d.metadata.name} ${kind}.memory`).toBeDefined();
          }
        }
      }
    });

    it('meet the restricted Pod Security Standard, with a read-only root and writable volumes mounted', () => {
      for (const d of byKind('Deployment')) {
        const name = d.metadata.name;
        const pod = d.spec.template.spec;
        expect(pod.securityContext?.runAsNonRoot, name).toBe(true);
        expect(pod.securityContext?.runAsUser, name).toBeGreaterThan(0);
        expect(pod.securityContext?.seccompProfile?.type, name).toBe('RuntimeDefault');
        expect(pod.automountServiceAccountToken, name).toBe(false);
        const volumes = new Set((pod.volumes ?? []).map((v: Json) => v.name));
        for (const c of pod.containers as Json[]) {
          expect(c.securityContext?.allowPrivilegeEscalation, name).toBe(false);
          expect(c.securityContext?.readOnlyRootFilesystem, name).toBe(true);
          expect(c.securityContext?.capabilities?.drop, name).toEqual(['ALL']);
          expect(c.securityContext?.privileged ?? false, name).toBe(false);
          const mounts = (c.volumeMounts ?? []) as Json[];
          for (const m of mounts) expect(volumes.has(m.name), `${name} mounts ${m.name}`).toBe(true);
          expect(
            mounts.map((m) => m.mountPath),
            `${name}: /tmp is writable (nginx's pid)`,
          ).toContain('/tmp');
        }
      }
    });

    it('are scraped by Prometheus at /metrics', () => {
      for (const name of SERVICES) {
        const annotations = named('Deployment', name)!.spec.template.metadata.annotations ?? {};
        expect(annotations, name).toMatchObject({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': '8080',
          'prometheus.io/path': '/metrics',
        });
      }
    });

    it('have a PodDisruptionBudget each', () => {
      for (const d of byKind('Deployment')) {
        const pdb = byKind('PodDisruptionBudget').find(
          (p) => deploymentSelectedBy(p.spec.selector.matchLabels)?.metadata.name === d.metadata.name,
        );
        expect(pdb, `PDB for ${d.metadata.name}`).toBeDefined();
      }
    });
  });

  describe('autoscaling', () => {
    it('an autoscaling/v2 HPA on 70% CPU, 2 to 10 replicas, for the request-driven services', () => {
      const hpas = byKind('HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual([...CPU_SCALED].sort());
      for (const h of hpas) {
        expect(h.apiVersion).toBe('autoscaling/v2');
        const ref = h.spec.scaleTargetRef;
        expect(ref.kind).toBe('Deployment');
        expect(named('Deployment', ref.name), `HPA ${h.metadata.name} targets a Deployment`).toBeDefined();
        expect(h.spec.minReplicas).toBe(2);
        expect(h.spec.maxReplicas).toBe(10);
        expect(h.spec.metrics).toContainEqual({
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        });
      }
    });

    it('a KEDA ScaledObject on JetStream consumer lag for each event-driven service, and no HPA of ours', () => {
      const scaled = byKind('ScaledObject');
      expect(scaled.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual([...EVENT_DRIVEN].sort());
      for (const service of EVENT_DRIVEN) {
        const so = scaled.find((s) => s.spec.scaleTargetRef.name === service)!;
        expect(so.apiVersion).toBe('keda.sh/v1alpha1');
        expect(so.spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
        expect(named('Deployment', service), `ScaledObject ${service} targets a Deployment`).toBeDefined();
        expect(so.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
        expect(so.spec.maxReplicaCount).toBeGreaterThan(so.spec.minReplicaCount);
        const triggers = (so.spec.triggers as Json[]).filter((t) => t.type === 'nats-jetstream');
        expect(triggers.map((t) => t.metadata.consumer).sort(), `${service} scales on the lag of every consumer it has`).toEqual(
          consumers[service].map((type) => jetStreamConsumerName(MERCATO_NAMESPACE, service, type)).sort(),
        );
        for (const trigger of triggers) {
          expect(trigger.metadata).toMatchObject({ account: '$G', stream: `${MERCATO_NAMESPACE}_events` });
          expect(trigger.metadata.natsServerMonitoringEndpoint).toMatch(/^nats\.[a-z0-9-]+\.svc(\.cluster\.local)?:8222$/);
          expect(trigger.metadata.lagThreshold).toMatch(/^[1-9]\d*$/);
        }
        expect(
          byKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === service),
          `${service} must have no HPA besides KEDA's`,
        ).toBeUndefined();
      }
    });
  });

  it('an Ingress sends /api and /docs to the gateway and the rest to the web app, by existing Services', () => {
    const [ingress] = byKind('Ingress');
    expect(ingress).toBeDefined();
    const paths = (ingress.spec.rules as Json[]).flatMap((r) => r.http.paths as Json[]);
    const backend = (p: string) => paths.find((x) => x.path === p)?.backend.service.name;
    expect(backend('/api')).toBe('gateway');
    expect(backend('/docs')).toBe('gateway');
    expect(backend('/')).toBe('web');
    for (const p of paths) {
      const service = named('Service', p.backend.service.name);
      expect(service, p.path).toBeDefined();
      const ports = (service!.spec.ports as Json[]).flatMap((x) => [x.name, x.port]);
      expect(ports).toContain(p.backend.service.port.name ?? p.backend.service.port.number);
    }
  });

  it("every service's public paths reach the gateway through the Ingress, which routes nothing by service", () => {
    const [ingress] = byKind('Ingress');
    const paths = (ingress.spec.rules as Json[]).flatMap((r) => r.http.paths as Json[]);
    // pathType Prefix matches whole path elements; the longest matching path wins (Exact before Prefix)
    const elements = (p: string) => p.split('/').filter(Boolean);
    const route = (url: string) =>
      paths
        .filter((p) => (p.pathType === 'Exact' ? p.path === url : elements(p.path).every((e, i) => elements(url)[i] === e)))
        .sort((a, b) => Number(b.pathType === 'Exact') - Number(a.pathType === 'Exact') || b.path.length - a.path.length)[0]?.backend
        .service.name;
    // identity's /.well-known (the JWKS) is read by the services from identity itself, inside the cluster: the
    // Ingress does not publish it (it falls to the web app)
    const notPublished = ['/.well-known'];
    const publicPaths = SERVICE_MODULES.flatMap((s) =>
      s.publicPaths.filter((p) => !notPublished.includes(p)).map((p) => ({ service: s.name, url: p.replace(/:\w+/g, 'x1') })),
    );
    expect(publicPaths.map((p) => p.service)).toEqual(expect.arrayContaining(['promotions', 'reviews', 'wishlists']));
    for (const { service, url } of publicPaths) {
      expect(url, `${service}: under /api, which the web app's nginx proxies too`).toMatch(/^\/api\//);
      expect(route(url), `${service}: ${url}`).toBe('gateway');
      expect(route(`${url}/x1`), `${service}: ${url}/...`).toBe('gateway');
    }
  });

  describe('configuration', () => {
    it('ConfigMap and Secret give every service its environment, with string values only', () => {
      expect(configMap).toBeDefined();
      expect(secret).toBeDefined();
      const env = { ...configMap.data, ...secret.stringData, ...secret.data };
      for (const key of ['DATABASE_URL', 'NATS_URL', 'REDIS_URL', 'MERCATO_NAMESPACE', 'SERVICE_URLS', 'MERCATO_ADMIN_PASSWORD']) {
        expect(env, key).toHaveProperty(key);
      }
      for (const [key, value] of Object.entries(env)) expect(typeof value, key).toBe('string');
      expect(configMap.data.PORT).toBe('8080');
      expect(configMap.data.DATABASE_URL, 'the database URL holds a password: Secret only').toBeUndefined();
      expect(Object.keys(configMap.data).filter((k) => /PASSWORD|SECRET|TOKEN/.test(k))).toEqual([]);
    });

    it('the ConfigMap is a valid configuration and states the service settings at their defaults', () => {
      expect(() => loadConfig({ ...configMap.data, ...secret.stringData })).not.toThrow();
      const defaults = loadConfig({});
      for (const [key, value] of Object.entries(SETTINGS)) {
        expect(configMap.data[key], key).toBe(value);
        expect(loadConfig({ [key]: value })[key as keyof typeof defaults], `${key}: ${value} is the default`).toBe(
          defaults[key as keyof typeof defaults],
        );
      }
    });

    it('the ConfigMap leaves out the settings whose default is empty', () => {
      // Each such setting belongs to a service's own schema (TAX_RATES to orders'): its default is read there.
      const defaults: Record<string, unknown> = Object.assign(
        {},
        ...SERVICE_MODULES.map((m) => (m.settings ? (m.settings.parse({}) as Record<string, unknown>) : {})),
      );
      for (const key of OPTIONAL_SETTINGS) {
        expect(defaults[key], `${key} defaults to empty`).toBe('');
        expect(configMap.data, key).not.toHaveProperty(key);
      }
    });

    it('the Secret holds placeholders marked to be replaced', () => {
      const text = readFileSync(path.join(K8S, 'secret.yaml'), 'utf8');
      expect(text).toMatch(/REPLACE EVERY VALUE/);
      for (const value of Object.values(secret.stringData as Record<string, string>)) {
        if (value !== '') expect(value).toMatch(/REPLACE_ME/);
      }
    });

    it('SERVICE_URLS names every service but the gateway, at its Kubernetes Service', () => {
      const urls = parseServiceUrls(configMap.data.SERVICE_URLS);
      expect(Object.keys(urls).sort()).toEqual(SERVICES.filter((s) => s !== 'gateway').sort());
      for (const [name, url] of Object.entries(urls)) {
        const u = new URL(url);
        expect(u.hostname, name).toBe(name);
        expect(named('Service', u.hostname), `${name}'s Service`).toBeDefined();
        expect(u.port === '' ? 80 : Number(u.port)).toBe(80);
      }
    });

    it('the web app proxies to the gateway Service', () => {
      const c = containerOf(named('Deployment', 'web')!);
      const url = (c.env as Json[]).find((e) => e.name === 'MERCATO_GATEWAY_URL')?.value;
      expect(url).toBe('http://gateway');
    });
  });
});

// =========================================================================================================

function parseServiceUrls(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [name, url] = pair.split('=');
      return [name.trim(), url.trim()];
    }),
  );
}

/** Compose's `${VAR:-default}` / `${VAR-default}` / `${VAR}` with nothing set: the default or ''. */
function interpolateDefaults(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_m, _name, fallback) => fallback ?? '');
}

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(path.join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, Json>;
    volumes?: Record<string, unknown>;
  };
  const services = compose.services;
  const environment = (name: string): Record<string, string> => {
    const env = services[name].environment;
    if (Array.isArray(env)) return Object.fromEntries(env.map((e: string) => e.split(/=(.*)/s).slice(0, 2)));
    return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, String(v)]));
  };

  it('has the engines, every service, the gateway and the web app', () => {
    expect(Object.keys(services).sort()).toEqual([...INFRA, ...SERVICES, 'web'].sort());
  });

  it('every container has an image or a build', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(Boolean(s.image || s.build), name).toBe(true);
      if (s.build) {
        const context = path.resolve(DEPLOY, s.build.context ?? '.');
        const dockerfile = path.join(context, s.build.dockerfile ?? 'Dockerfile');
        expect(existsSync(dockerfile), `${name}: ${dockerfile}`).toBe(true);
        if (s.build.target) expect(stageNames(), `${name}: target ${s.build.target}`).toContain(s.build.target);
      }
    }
  });

  it('the engines: postgres:16, nats:2 with JetStream on a volume, redis:7, each with a healthcheck', () => {
    expect(services.postgres.image).toMatch(/^postgres:16/);
    expect(JSON.stringify(services.postgres.healthcheck.test)).toMatch(/pg_isready/);
    expect(services.nats.image).toMatch(/^nats:2/);
    expect(services.nats.command).toContain('-js');
    const storeDir = services.nats.command[services.nats.command.indexOf('-sd') + 1];
    expect(
      (services.nats.volumes as string[]).some((v) => v.endsWith(`:${storeDir}`)),
      'JetStream store on a volume',
    ).toBe(true);
    expect(services.redis.image).toMatch(/^redis:7/);
    for (const name of INFRA) {
      expect(services[name].healthcheck?.test, `${name} healthcheck`).toBeDefined();
      for (const v of services[name].volumes ?? []) {
        const volume = String(v).split(':')[0];
        if (!volume.startsWith('.') && !volume.startsWith('/')) expect(compose.volumes, volume).toHaveProperty(volume);
      }
    }
  });

  it('every service runs `serve <name>` from the one image, with the shared environment, after healthy engines', () => {
    const shared = environment('gateway');
    for (const name of SERVICES) {
      const s = services[name];
      expect(s.command, name).toEqual(['serve', name]);
      expect(s.build?.target, name).toBe('runtime');
      expect(s.image, name).toBe(services.gateway.image);
      expect(environment(name), `${name} shares the environment`).toEqual(shared);
      for (const engine of INFRA) expect(s.depends_on?.[engine]?.condition, `${name} -> ${engine}`).toBe('service_healthy');
      expect(s.healthcheck?.test, `${name} healthcheck`).toBeDefined();
    }
    for (const key of ['DATABASE_URL', 'NATS_URL', 'REDIS_URL', 'MERCATO_NAMESPACE', 'SERVICE_URLS', 'PORT']) {
      expect(shared, key).toHaveProperty(key);
    }
    for (const [key, value] of Object.entries(SETTINGS)) expect(interpolateDefaults(shared[key] ?? ''), key).toBe(value);
    expect(() => loadConfig(Object.fromEntries(Object.entries(shared).map(([k, v]) => [k, interpolateDefaults(v)])))).not.toThrow();
    expect(new URL(interpolateDefaults(shared.DATABASE_URL)).hostname).toBe('postgres');
    expect(new URL(shared.NATS_URL).hostname).toBe('nats');
    expect(new URL(shared.REDIS_URL).hostname).toBe('redis');
  });

  it('passes the settings whose default is empty through from the shell, stating none', () => {
    const shared = environment('gateway');
    for (const key of OPTIONAL_SETTINGS) expect(shared[key], key).toBe(`\${${key}:-}`);
  });

  it('postgres allows two replicas of every service a connection pool each', () => {
    const command = services.postgres.command as string[];
    const max = Number(/^max_connections=(\d+)$/.exec(command[command.indexOf('-c') + 1] ?? '')?.[1]);
    const source = readFileSync(path.join(ROOT, 'packages/kernel/src/db/postgres.ts'), 'utf8');
    const pool = Number(/openPostgres\([^)]*poolSize = (\d+)/.exec(source)?.[1]);
    expect(pool, "openPostgres's default pool size").toBeGreaterThan(0);
    // every service but the gateway has a database; PostgreSQL keeps 3 connections for superusers
    const withDatabase = SERVICES.filter((s) => s !== 'gateway').length;
    expect(max).toBeGreaterThanOrEqual(2 * withDatabase * pool + 3);
  });

  it('SERVICE_URLS names every service but the gateway, at its compose service on 8080', () => {
    const urls = parseServiceUrls(environment('gateway').SERVICE_URLS);
    expect(Object.keys(urls).sort()).toEqual(SERVICES.filter((s) => s !== 'gateway').sort());
    for (const [name, url] of Object.entries(urls)) {
      expect(new URL(url).hostname).toBe(name);
      expect(new URL(url).port).toBe('8080');
    }
  });

  it('publishes the gateway on 8080 and the web app on 8081, nothing else', () => {
    const published = Object.fromEntries(
      Object.entries(services)
        .filter(([, s]) => s.ports)
        .map(([name, s]) => [name, (s.ports as string[]).map((p) => interpolateDefaults(String(p)))]),
    );
    expect(published).toEqual({ gateway: ['8080:8080'], web: ['8081:8080'] });
    expect(environment('web').MERCATO_GATEWAY_URL).toBe('http://gateway:8080');
  });
});

// =========================================================================================================

interface Stage {
  name?: string;
  from: string;
  instructions: { op: string; args: string }[];
}

function dockerfileStages(file = path.join(ROOT, 'Dockerfile')): { args: Record<string, string>; stages: Stage[] } {
  const logical: string[] = [];
  let current = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, rest = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { op: op.toUpperCase(), args: rest };
    if (instruction.op === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      const from = m[1].replace(/\$\{?(\w+)\}?/g, (_x, n: string) => args[n] ?? '');
      stages.push({ from, name: m[2], instructions: [] });
    } else if (stages.length === 0 && instruction.op === 'ARG') {
      const [name, value = ''] = rest.split('=');
      args[name] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

function stageNames(): string[] {
  return dockerfileStages().stages.flatMap((s) => (s.name ? [s.name] : []));
}

/** The image a stage is built on, following FROM <stage> chains. */
function baseImage(stages: Stage[], stage: Stage): string {
  const parent = stages.find((s) => s.name === stage.from);
  return parent ? baseImage(stages, parent) : stage.from;
}

/** .dockerignore as the builder applies it: the last matching pattern wins, a match on a parent folder counts. */
function dockerIgnored(file: string): boolean {
  const patterns = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const toRegExp = (p: string) =>
    new RegExp(
      '^' +
        p
          .replace(/^\/+|\/+$/g, '')
          .split('/')
          .map((part) =>
            part === '**'
              ? '.*'
              : part
                  .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                  .replace(/\*/g, '[^/]*')
                  .replace(/\?/g, '[^/]'),
          )
          .join('/')
          .replace(/\.\*\//g, '(?:.*/)?') +
        '$',
    );
  const parts = file.split('/');
  const candidates = parts.map((_p, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const re = toRegExp(negated ? raw.slice(1) : raw);
    if (candidates.some((c) => re.test(c))) ignored = !negated;
  }
  return ignored;
}

describe('Dockerfile', () => {
  const { stages } = dockerfileStages();
  const stage = (name: string) => stages.find((s) => s.name === name)!;
  const has = (s: Stage, op: string, pattern: RegExp) => s.instructions.some((i) => i.op === op && pattern.test(i.args));
  const runtime = stages.at(-1)!;

  it('is multi-stage on node:20-bookworm-slim, the services image being the default (last) stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime.name).toBe('runtime');
    expect(baseImage(stages, runtime)).toBe('node:20-bookworm-slim');
    for (const name of ['deps', 'builder', 'web', 'runtime']) expect(stageNames()).toContain(name);
  });

  it('installs production dependencies with npm ci --omit=dev, and no tsx in the runtime', () => {
    expect(has(stage('deps'), 'RUN', /npm ci --omit=dev/)).toBe(true);
    expect(has(runtime, 'COPY', /--from=deps\b/)).toBe(true);
    expect(
      stages.find((s) => has(s, 'RUN', /tsx@/)),
      'no stage installs tsx',
    ).toBeUndefined();
  });

  it('builds the web app and compiles the TypeScript in a builder stage with npm run build', () => {
    expect(has(stage('builder'), 'RUN', /npm run build$/)).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts?.build, 'package.json has the build script the Dockerfile runs').toMatch(/build:web.*tsc -b/);
    expect(has(runtime, 'COPY', /--from=builder\b.*bin\/dist/)).toBe(true);
  });

  it('runs as a numeric non-root user, with a HEALTHCHECK on /health/live, serve gateway by default', () => {
    const user = runtime.instructions.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    const healthcheck = runtime.instructions.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toMatch(/fetch\(/);
    expect(healthcheck).toMatch(/\/health\/live/);
    const json = (op: string) => JSON.parse(runtime.instructions.find((i) => i.op === op)!.args);
    expect(json('ENTRYPOINT')).toEqual(['node', 'bin/dist/mercato.js']);
    expect(json('CMD')).toEqual(['serve', 'gateway']);
  });

  it('its HEALTHCHECK command passes on a live process and fails on a dead one', async () => {
    const healthcheck = runtime.instructions.find((i) => i.op === 'HEALTHCHECK')!.args;
    const command = JSON.parse(/\bCMD\s+(\[.*\])\s*$/.exec(healthcheck)![1]) as string[];
    expect(command[0]).toBe('node');
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/health/live' ? 200 : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const run = (env: Record<string, string>) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, command.slice(1), { env: { ...process.env, ...env }, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code));
      });
    try {
      expect(await run({ PORT: String(port) })).toBe(0);
      server.closeAllConnections();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await run({ PORT: String(port) })).toBe(1);
  });

  it('has a web stage: nginx on alpine, non-root, with deploy/web/nginx.conf and the built app', () => {
    const web = stage('web');
    expect(baseImage(stages, web)).toMatch(/^nginx:[\w.-]*alpine$/);
    expect(web.instructions.filter((i) => i.op === 'USER').at(-1)?.args).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(has(web, 'COPY', /deploy\/web\/nginx\.conf/)).toBe(true);
    expect(has(web, 'COPY', /--from=builder\b.*apps\/web\/dist/)).toBe(true);
    expect(web.instructions.some((i) => i.op === 'HEALTHCHECK')).toBe(true);
  });

  it('copies only from earlier stages, and from sources the build context keeps', () => {
    const seen: string[] = [];
    for (const s of stages) {
      for (const i of s.instructions.filter((x) => x.op === 'COPY')) {
        const from = /--from=(\S+)/.exec(i.args)?.[1];
        const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
        if (from) {
          expect(seen, `COPY --from=${from} in ${s.name}`).toContain(from);
          continue;
        }
        for (const source of words.slice(0, -1)) {
          if (source === '.') continue;
          const rel = source.replace(/\/$/, '');
          expect(existsSync(path.join(ROOT, rel)), `${rel} exists`).toBe(true);
          expect(dockerIgnored(rel), `${rel} is in the build context`).toBe(false);
        }
      }
      if (s.name) seen.push(s.name);
    }
  });

  it('.dockerignore keeps sources and leaves out node_modules, git, local data, secrets and tests', () => {
    for (const kept of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'bin/mercato.ts',
      'packages/kernel/src/index.ts',
      'services/orders/src/index.ts',
      'apps/web/package.json',
      'apps/web/src/main.ts',
      'deploy/web/nginx.conf',
    ]) {
      expect(dockerIgnored(kept), kept).toBe(false);
    }
    for (const left of [
      'node_modules/tsx/package.json',
      'apps/web/node_modules/vue/package.json',
      '.git/HEAD',
      '.mercato/pg/data',
      '.env',
      'services/orders/.env.local',
      'apps/web/dist/index.html',
      'test/deploy/manifests.test.ts',
      'services/orders/test/domain.test.ts',
      'deploy/k8s/secret.yaml',
    ]) {
      expect(dockerIgnored(left), left).toBe(true);
    }
  });
});

describe('deploy/web/nginx.conf', () => {
  const conf = readFileSync(path.join(DEPLOY, 'web/nginx.conf'), 'utf8');
  it('listens on 8080 (non-root), falls back to index.html, proxies /api to the gateway', () => {
    expect(conf).toMatch(/listen 8080;/);
    expect(conf).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
    expect(conf).toMatch(/location \/api\/ \{[^}]*proxy_pass \$\{MERCATO_GATEWAY_URL\};/);
    expect(conf).toMatch(/location = \/healthz/);
    const open = conf.replace(/#.*$/gm, '').split('{').length;
    const close = conf.replace(/#.*$/gm, '').split('}').length;
    expect(open).toBe(close);
  });
});

describe('deploy/grafana/mercato.json', () => {
  const file = path.join(DEPLOY, 'grafana/mercato.json');
  it.skipIf(!existsSync(file))('queries the metrics the services export', () => {
    const dashboard = JSON.parse(readFileSync(file, 'utf8'));
    const exprs: string[] = JSON.stringify(dashboard).match(/"expr":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(exprs.length).toBeGreaterThan(0);
    const source = readFileSync(path.join(ROOT, 'packages/kernel/src/observability/metrics.ts'), 'utf8');
    const exported = new Set([...source.matchAll(/name: '(mercato_[a-z_]+)'/g)].map((m) => m[1]));
    const used = new Set(exprs.flatMap((e) => e.match(/mercato_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(0);
    for (const metric of used) {
      const base = metric.replace(/_(bucket|sum|count)$/, '');
      expect(exported.has(base) || exported.has(metric), metric).toBe(true);
    }
  });
});
