// Every upstream manifest set under src/engine/api/testdata/corpus, applied with kubectl (classes, then
// PVs, then claims, then workloads) to a cluster that has what the set assumes, run until it settles,
// and judged on the state a real 1.32 cluster reaches: claim and volume phases, which volume a claim
// bound, where pods run, or the exact reason they are stuck. Each case says why, from upstream behaviour.
// A case the engine gets wrong keeps the correct expectation and is marked `fails` with the bug named.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKubectl } from "../kubectl";
import type { FileSource } from "../kubectl/types";
import type { KObject } from "../model/types";
import { createSimulation } from "../sim/create";
import type { Simulation } from "../sim/simulation";
import { nodeShell } from "../shell/exec";
import { corpusCluster, type CorpusCluster } from "./clusters";
import { CASES, type Expectation } from "./cases";

const ROOT = join(__dirname, "..", "api", "testdata", "corpus");
/** Long enough for every create/attach/mount/pull latency of the profiles; retry loops (FailedMount
 * back-off) and the scheduler's bind timeout keep a simulation busy, so settle is bounded. */
const SETTLE_LIMIT_MS = 5 * 60_000;

const files: FileSource = {
  read: (p) => {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
  list: () => undefined,
};

/** classes first, then what they configure (Secrets, ConfigMaps), PVs, claims, and workloads last */
const KIND_ORDER: Readonly<Record<string, number>> = {
  StorageClass: 0,
  Secret: 1,
  ConfigMap: 1,
  PersistentVolume: 2,
  PersistentVolumeClaim: 3,
  Service: 4,
};
function fileRank(text: string): number {
  return Math.max(
    ...[...text.matchAll(/^\s*"?kind"?:\s*"?(\w+)/gm)].map(
      (m) => KIND_ORDER[m[1]] ?? 5,
    ),
  );
}

interface Run {
  readonly sim: Simulation;
  readonly applied: string[];
}

function runSet(dir: string, cluster: CorpusCluster): Run {
  const sim = createSimulation(corpusCluster(cluster), { seed: 1 });
  const names = readdirSync(join(ROOT, dir)).sort();
  const text = new Map(
    names.map((n) => [n, readFileSync(join(ROOT, dir, n), "utf8")]),
  );
  const ordered = [...names].sort(
    (a, b) => fileRank(text.get(a)!) - fileRank(text.get(b)!),
  );
  const applied: string[] = [];
  for (const f of ordered) {
    const r = runKubectl({ sim, files, cwd: join(ROOT, dir) }, [
      "apply",
      "-f",
      f,
    ]);
    applied.push(`${f}: ${r.code} ${r.stdout}${r.stderr}`);
    expect(r.code, `kubectl apply -f ${dir}/${f}: ${r.stderr}`).toBe(0);
  }
  sim.settle(SETTLE_LIMIT_MS);
  return { sim, applied };
}

type Obj = KObject & {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

function pod(sim: Simulation, name: string): Obj {
  const exact = sim.store.get<Obj>("Pod", "default", name);
  if (exact) return exact;
  // A Deployment's pod: <deployment>-<pod-template-hash>-<5 chars>.
  const byPrefix = sim.store
    .list<Obj>("Pod", "default")
    .filter((p) =>
      new RegExp(`^${name}-[a-z0-9]{6,10}-[a-z0-9]{5}$`).test(p.metadata.name),
    );
  expect(byPrefix.length, `one pod of ${name}`).toBe(1);
  return byPrefix[0];
}

function check(sim: Simulation, e: Expectation): void {
  switch (e.type) {
    case "pvc": {
      const c = sim.store.get<Obj>("PersistentVolumeClaim", "default", e.name);
      expect(c, `pvc ${e.name}`).toBeDefined();
      expect(c!.status?.phase, `pvc ${e.name} phase`).toBe(e.phase);
      if (e.volume !== undefined) {
        const v = (c!.spec?.volumeName as string | undefined) ?? "";
        if (typeof e.volume === "string")
          expect(v, `pvc ${e.name} volumeName`).toBe(e.volume);
        else expect(v, `pvc ${e.name} volumeName`).toMatch(e.volume);
      }
      if (e.storageClassName !== undefined)
        expect(c!.spec?.storageClassName ?? null, `pvc ${e.name} class`).toBe(
          e.storageClassName,
        );
      if (e.capacity !== undefined)
        expect(
          (c!.status?.capacity as Record<string, string> | undefined)?.storage,
          `pvc ${e.name} capacity`,
        ).toBe(e.capacity);
      return;
    }
    case "pv": {
      const v = sim.store.get<Obj>("PersistentVolume", undefined, e.name);
      expect(v, `pv ${e.name}`).toBeDefined();
      expect(v!.status?.phase, `pv ${e.name} phase`).toBe(e.phase);
      const ref = v!.spec?.claimRef as
        { namespace?: string; name?: string } | undefined;
      expect(
        ref ? `${ref.namespace}/${ref.name}` : undefined,
        `pv ${e.name} claimRef`,
      ).toBe(e.claim);
      return;
    }
    case "pod": {
      const p = pod(sim, e.name);
      expect(p.status?.phase, `pod ${p.metadata.name} phase`).toBe(e.phase);
      if (e.node !== undefined) {
        const n = (p.spec?.nodeName as string | undefined) ?? null;
        if (typeof e.node === "string" || e.node === null)
          expect(n, `pod ${p.metadata.name} node`).toBe(e.node);
        else expect(n, `pod ${p.metadata.name} node`).toMatch(e.node);
      }
      if (e.ready !== undefined) {
        const ready = (
          (p.status?.conditions as
            { type: string; status: string }[] | undefined) ?? []
        ).find((c) => c.type === "Ready")?.status;
        expect(ready, `pod ${p.metadata.name} Ready`).toBe(
          e.ready ? "True" : "False",
        );
      }
      if (e.waiting !== undefined) {
        const statuses =
          (p.status?.containerStatuses as
            | { state?: { waiting?: { reason?: string; message?: string } } }[]
            | undefined) ?? [];
        const w = statuses
          .map((s) => s.state?.waiting)
          .find((x) => x !== undefined);
        expect(w?.reason, `pod ${p.metadata.name} waiting reason`).toBe(
          e.waiting.reason,
        );
        if (e.waiting.message !== undefined)
          expect(
            w?.message ?? "",
            `pod ${p.metadata.name} waiting message`,
          ).toContain(e.waiting.message);
      }
      return;
    }
    case "event": {
      const [kind, name] = e.on.split("/");
      const objName = kind === "Pod" ? pod(sim, name).metadata.name : name;
      const seen = sim.eventLog.filter(
        (ev) => ev.involved.kind === kind && ev.involved.name === objName,
      );
      // {pod} stands for a Deployment pod's generated name.
      const message = e.message.replace("{pod}", objName);
      const hit = seen.find(
        (ev) =>
          ev.reason === e.reason &&
          ev.type === e.eventType &&
          ev.message === message,
      );
      expect(
        hit,
        `${e.eventType} ${e.reason} on ${kind}/${objName}: "${message}"; saw:\n${seen.map((ev) => `${ev.type} ${ev.reason} ${ev.message}`).join("\n")}`,
      ).toBeDefined();
      return;
    }
    case "no-event": {
      const [kind, name] = e.on.split("/");
      const objName = kind === "Pod" ? pod(sim, name).metadata.name : name;
      const hit = sim.eventLog.find(
        (ev) =>
          ev.involved.kind === kind &&
          ev.involved.name === objName &&
          ev.reason === e.reason,
      );
      expect(hit, `no ${e.reason} on ${kind}/${objName}`).toBeUndefined();
      return;
    }
    case "node-path": {
      const r = nodeShell(sim, e.node, [
        "test",
        e.kind === "dir" ? "-d" : "-f",
        e.path,
      ]);
      expect(r.code, `${e.kind} ${e.path} on ${e.node}`).toBe(0);
      return;
    }
    case "pv-zone-of-pod": {
      // The volume was created for the topology of the node its first consumer was scheduled to.
      const c = sim.store.get<Obj>(
        "PersistentVolumeClaim",
        "default",
        e.claim,
      )!;
      const v = sim.store.get<Obj>(
        "PersistentVolume",
        undefined,
        c.spec!.volumeName as string,
      )!;
      const node = sim.store.get<Obj>(
        "Node",
        undefined,
        pod(sim, e.pod).spec!.nodeName as string,
      )!;
      const terms = (
        (
          v.spec?.nodeAffinity as
            | {
                required?: {
                  nodeSelectorTerms?: {
                    matchExpressions?: { key: string; values?: string[] }[];
                  }[];
                };
              }
            | undefined
        )?.required?.nodeSelectorTerms ?? []
      ).flatMap((t) => t.matchExpressions ?? []);
      const zoneTerm = terms.find((t) => t.key === e.key);
      expect(zoneTerm?.values, `pv ${v.metadata.name} ${e.key}`).toEqual([
        node.metadata.labels![e.key],
      ]);
      return;
    }
  }
}

const DIRS = readdirSync(ROOT).sort();

describe("upstream corpus run to the state a real cluster reaches", () => {
  it("has one case per manifest set", () => {
    expect(CASES.map((c) => c.dir).sort()).toEqual(DIRS);
  });

  for (const c of CASES) {
    const name = `${c.dir} on ${c.cluster}: ${c.title}`;
    const right = c.expect.filter((e) => e.bug === undefined);
    const wrong = c.expect.filter((e) => e.bug !== undefined);
    it(name, () => {
      const { sim } = runSet(c.dir, c.cluster);
      for (const e of right) check(sim, e);
    });
    // What the engine gets wrong keeps the upstream expectation; it.fails turns red once the bug is fixed.
    for (const e of wrong)
      it.fails(`${c.dir}: ${e.why ?? e.type} [engine bug: ${e.bug}]`, () => {
        const { sim } = runSet(c.dir, c.cluster);
        check(sim, e);
      });
  }
});
