// What the simulated container runtime knows about images: pull policy defaults, sizes for the Pulled event,
// image references as containerd reports them, and whether the image's default command keeps running.
import { sha256Hex } from '../../util/sha256';

/** A reference split like the docker reference grammar: registry/repository, tag, digest. */
export function parseImage(image: string): { repo: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repo: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repo: rest, digest };
}

/** defaults.go SetDefaults_Container: Always for `:latest` or no tag (without digest), else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const { tag, digest } = parseImage(image);
  if (digest) return 'IfNotPresent';
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** `docker.io/library/nginx:latest`, as containerd reports status.image. */
export function fullImageName(image: string): string {
  const { repo, tag, digest } = parseImage(image);
  const first = repo.split('/')[0];
  const hasRegistry = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hasRegistry ? repo : repo.includes('/') ? `docker.io/${repo}` : `docker.io/library/${repo}`;
  return digest ? `${path}@${digest}` : `${path}:${tag ?? 'latest'}`;
}

export function imageID(image: string): string {
  const full = fullImageName(image);
  const at = full.indexOf('@');
  if (at >= 0) return full;
  return `${full.slice(0, full.lastIndexOf(':'))}@sha256:${sha256Hex(full)}`;
}

const KNOWN_SIZES: Record<string, number> = {
  nginx: 72_099_501,
  busybox: 2_160_406,
  alpine: 3_623_807,
  redis: 45_148_512,
  mysql: 170_012_345,
  postgres: 158_321_870,
  wordpress: 249_411_045,
  ubuntu: 29_751_785,
  httpd: 58_245_391,
};

function baseName(image: string): string {
  const { repo } = parseImage(image);
  return repo.slice(repo.lastIndexOf('/') + 1);
}

export function imageSizeBytes(image: string): number {
  const known = KNOWN_SIZES[baseName(image)];
  if (known) return known;
  return 5_000_000 + (parseInt(sha256Hex(fullImageName(image)).slice(0, 8), 16) % 150_000_000);
}

/** Images whose default command is a shell: without a terminal it reads EOF and exits 0 at once. */
const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'amazonlinux']);

export function defaultCommandExitsAtOnce(image: string): boolean {
  return SHELL_IMAGES.has(baseName(image));
}

/** Go's time.Duration String() of a millisecond count truncated to ms: `1.234s`, `850ms`, `1m2.5s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  return m > 0 ? `${m}m${sec}` : sec;
}
