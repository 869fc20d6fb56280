// A Kubernetes-compatible HTTP API in front of a Simulation, enough for the real kubectl (1.32) to get,
// describe, apply, patch, delete and watch: legacy discovery, the REST verbs on every kind we serve,
// label/field selectors, dryRun, Status errors, meta.k8s.io/v1 Tables and chunked watches.
// Binds to 127.0.0.1 only. Time does not move here; api-main.ts runs the wall-clock glue.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Simulation } from '../engine/sim/simulation';
import { notFound } from '../engine/store/errors';
import { kindInfo } from '../engine/model/kinds';
import type { KObject } from '../engine/model/types';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './rest/discovery';
import {
  errorResponse,
  handleCreate,
  handleDelete,
  handleGet,
  handleSubresourceGet,
  handleList,
  handlePatch,
  handleUpdate,
  methodNotAllowed,
  selectorFilter,
  toTable,
  type ApiResponse,
} from './rest/handlers';
import { parseQuery, parseResourcePath, wantsTable } from './rest/route';
import { WatchHub } from './rest/watch';
import { openApiV3 } from './rest/openapi';
import { handleExecUpgrade } from './rest/exec-ws';
import { createExecHandler } from '../engine/shell/exec';
import type { ExecHandler } from '../engine/kubectl/types';

export interface ApiServerOptions {
  /** 0 picks a free port */
  readonly port?: number;
  /** log one line per request (method, path, status) */
  readonly log?: (line: string) => void;
  /** runs `kubectl exec` commands (default: the simulated kubelet's shell) */
  readonly exec?: ExecHandler;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function notFoundResponse(path: string): ApiResponse {
  // kube-apiserver answers unknown paths with a 404 Status "the server could not find the requested resource".
  return {
    status: 404,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404, path },
  };
}

function send(res: ServerResponse, r: ApiResponse): void {
  const body = r.text ? String(r.body) : JSON.stringify(r.body);
  res.writeHead(r.status, { 'Content-Type': r.text ? 'text/plain' : 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache, private' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function discovery(path: string, serverAddress: string): ApiResponse | undefined {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/version') return { status: 200, body: SERVER_VERSION };
  const oa = openApiV3(p);
  if (oa) return { status: 200, body: oa };
  if (p === '/api') return { status: 200, body: apiVersions(serverAddress) };
  if (p === '/apis') return { status: 200, body: apiGroupList() };
  let m = /^\/api\/(v1)$/.exec(p);
  if (m) return { status: 200, body: apiResourceList('', m[1]) };
  m = /^\/apis\/([^/]+)$/.exec(p);
  if (m) {
    const g = apiGroup(m[1]);
    return g ? { status: 200, body: g } : notFoundResponse(p);
  }
  m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m) {
    const l = apiResourceList(m[1], m[2]);
    return l ? { status: 200, body: l } : notFoundResponse(p);
  }
  return undefined;
}

export function createApiServer(sim: Simulation, opts: ApiServerOptions = {}): Promise<ApiServer> {
  const hub = new WatchHub(sim);
  const streams = new Set<ServerResponse>();
  let address = `${HOST}:${opts.port ?? 0}`;

  function startWatch(req: IncomingMessage, res: ServerResponse, table: boolean, route: ReturnType<typeof parseResourcePath>, search: URLSearchParams): void {
    if (route.type !== 'resource') return;
    const r = route.route;
    const q = parseQuery(search);
    const filter = selectorFilter(r.kind, q);
    const name = r.name;
    const want = name ? (o: KObject) => o.metadata.name === name && filter(o) : filter;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    streams.add(res);
    const stop = hub.subscribe({
      kind: r.kind,
      namespace: r.kind.namespaced ? r.namespace : undefined,
      filter: want,
      resourceVersion: q.resourceVersion,
      send(type, obj) {
        const object = table && type !== 'ERROR' ? toTable(sim, r.kind, [obj as never], undefined, q.includeObject) : obj;
        res.write(JSON.stringify({ type, object }) + '\n');
      },
    });
    const timer = q.timeoutSeconds ? setTimeout(() => res.end(), q.timeoutSeconds * 1000) : undefined;
    const done = () => {
      stop();
      if (timer) clearTimeout(timer);
      streams.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const table = wantsTable(req.headers.accept);
    let r: ApiResponse | undefined;
    try {
      if (method === 'GET') r = discovery(url.pathname, address);
      if (!r) {
        const route = parseResourcePath(url.pathname);
        if (route.type !== 'resource') r = notFoundResponse(url.pathname);
        else {
          const rr = route.route;
          const q = parseQuery(url.searchParams);
          if (rr.namespace && !sim.store.get('Namespace', undefined, rr.namespace) && method !== 'GET')
            throw notFound(kindInfo('Namespace'), rr.namespace);
          switch (method) {
            case 'GET':
              if (q.watch) return startWatch(req, res, table, route, url.searchParams);
              r = rr.name ? (rr.subresource && rr.subresource !== 'status' ? handleSubresourceGet(sim, rr, url.searchParams) : handleGet(sim, rr, q, table)) : handleList(sim, rr, q, table);
              break;
            case 'POST':
              r = handleCreate(sim, rr, q, body);
              break;
            case 'PUT':
              r = handleUpdate(sim, rr, q, body);
              break;
            case 'PATCH':
              r = handlePatch(sim, rr, q, body, String(req.headers['content-type'] ?? ''));
              break;
            case 'DELETE':
              r = handleDelete(sim, rr, q, body, url.searchParams);
              break;
            default:
              r = methodNotAllowed();
          }
        }
      }
    } catch (e) {
      r = errorResponse(e);
    }
    opts.log?.(`${method} ${url.pathname}${url.search} → ${r.status}`);
    send(res, r);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, errorResponse(e));
      else res.end();
    });
  });
  // kubectl exec: pods/<name>/exec upgraded to a WebSocket (v5.channel.k8s.io).
  const exec = opts.exec ?? createExecHandler(sim);
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req, socket: Duplex) => {
    opts.log?.(`${req.method} ${req.url} → upgrade`);
    // Upgraded sockets leave the HTTP server's bookkeeping: track them so close() can end them.
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    socket.on('error', () => socket.destroy());
    handleExecUpgrade(req, socket, exec, () => sim.drain());
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => {
      const port = (server.address() as AddressInfo).port;
      address = `${HOST}:${port}`;
      resolve({
        url: `http://${address}`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            hub.close();
            for (const s of streams) s.end();
            for (const s of upgraded) s.destroy();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
