// POST/GET pods/<name>/exec upgraded to a WebSocket with the v5.channel.k8s.io subprotocol — what kubectl
// 1.30+ speaks for `kubectl exec` (RemoteCommand over WebSockets). Each message is a binary frame whose
// first byte is the stream: 1 stdout, 2 stderr, 3 the error/status stream (a metav1.Status as JSON).
// Commands run to completion at once in the simulated container (no interactive stdin, no TTY).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecHandler } from '../../engine/kubectl/types';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** /api/v1/namespaces/<ns>/pods/<pod>/exec → namespace and pod, or undefined */
export function execTarget(pathname: string): { namespace: string; pod: string } | undefined {
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(pathname);
  return m ? { namespace: decodeURIComponent(m[1]), pod: decodeURIComponent(m[2]) } : undefined;
}

function frame(payload: Buffer, opcode = 0x2): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

const channel = (id: number, data: string) => frame(Buffer.concat([Buffer.from([id]), Buffer.from(data, 'utf8')]));

function sendStatus(socket: Duplex, code: number, reason: string, message: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** The status kubectl reads from stream 3: Success, or NonZeroExitCode with the exit code as a cause. */
export function execStatus(argv: readonly string[], code: number, message?: string): unknown {
  if (code === 0) return { metadata: {}, status: 'Success' };
  if (message !== undefined) return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * Answers an upgrade request for pods/exec. Precondition failures (no such pod, container not running)
 * are plain HTTP Status errors before the upgrade, as the API server returns them.
 */
export function handleExecUpgrade(req: IncomingMessage, socket: Duplex, exec: ExecHandler, afterRun: () => void): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const target = execTarget(url.pathname);
  if (!target) {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  const key = req.headers['sec-websocket-key'];
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const protocol = typeof key === 'string' ? PROTOCOLS.find((p) => offered.includes(p)) : undefined;
  const argv = url.searchParams.getAll('command');
  const container = url.searchParams.get('container') ?? undefined;
  // Without a WebSocket (kubectl's SPDY fallback) nothing runs: only the pod's preconditions are
  // checked (with a no-op), so a bad container is reported as the API server reports it.
  const r = exec({ namespace: target.namespace, pod: target.pod, container, argv: protocol ? argv : ['true'] });
  afterRun();
  // The precondition errors come back as `Error from server (…)` / `error: …` lines: answer them as an
  // HTTP Status error instead of upgrading, as the API server does for a pod it cannot exec into.
  if (r.code !== 0 && r.stdout === '' && /^(Error from server \((\w+)\)|error: )/.test(r.stderr)) {
    const m = /^Error from server \((\w+)\): (.*)/.exec(r.stderr.trim());
    const reason = m?.[1] ?? 'BadRequest';
    const codes: Record<string, number> = { NotFound: 404, BadRequest: 400, Forbidden: 403 };
    // kubectl prefixes a failed upgrade with `unable to upgrade connection: ` itself.
    const message = m?.[2] ?? r.stderr.trim().replace(/^error: /, '').replace(/^unable to upgrade connection: /, '');
    sendStatus(socket, codes[reason] ?? 400, reason, message);
    return;
  }
  if (!protocol) {
    sendStatus(socket, 400, 'BadRequest', 'this server runs exec over WebSocket (v5.channel.k8s.io) only');
    return;
  }
  const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
  );
  if (r.stdout) socket.write(channel(1, r.stdout));
  if (r.stderr) socket.write(channel(2, r.stderr));
  socket.write(channel(3, JSON.stringify(execStatus(argv, r.code))));
  // Close frame with status 1000 (normal closure), then end the TCP stream.
  socket.write(frame(Buffer.from([0x03, 0xe8]), 0x8));
  socket.end();
  socket.on('error', () => {});
}
