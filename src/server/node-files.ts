// kubectl's `-f` on the Node host reads the real disk, relative to the script's directory.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { FileSource } from '../engine/kubectl/types';

export const nodeFiles: FileSource = {
  read(path) {
    try {
      if (!statSync(path).isFile()) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  list(path) {
    try {
      if (!statSync(path).isDirectory()) return undefined;
      return readdirSync(path).sort();
    } catch {
      return undefined;
    }
  },
};
