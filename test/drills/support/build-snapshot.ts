import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Every file of a directory with its size and modification time: changes while a build writes. */
function fingerprint(dir: string): { files: string; newest: number } {
  const entries: string[] = [];
  let newest = 0;
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const { size, mtimeMs } = statSync(path);
        entries.push(`${path}:${size}:${mtimeMs}`);
        newest = Math.max(newest, mtimeMs);
      }
    }
  };
  walk(dir);
  return { files: entries.sort().join('\n'), newest };
}

/**
 * A private copy of the build (`dist/` and the widget bundle it serves) under `var/drills/`, so a
 * drill's processes are not broken half-way by a rebuild of `dist/` (`nest build` deletes it
 * first) from another test run in the same working tree. Taken once the build has been quiet for
 * a second; inside the project so that `node_modules` resolves. Returns its `main.js`.
 */
export async function snapshotBuild(name: string): Promise<{ main: string; remove: () => void }> {
  const target = join(ROOT, 'var', 'drills', `${name}-${process.pid}`);
  const dist = join(ROOT, 'dist');
  const widget = join(ROOT, 'widget', 'dist');
  const deadline = Date.now() + 120_000;
  for (;;) {
    rmSync(target, { recursive: true, force: true });
    try {
      const before = fingerprint(dist);
      if (existsSync(join(dist, 'main.js')) && Date.now() - before.newest > 1000) {
        mkdirSync(target, { recursive: true });
        cpSync(dist, join(target, 'dist'), { recursive: true });
        if (existsSync(widget)) cpSync(widget, join(target, 'widget', 'dist'), { recursive: true });
        if (fingerprint(dist).files === before.files) {
          return { main: join(target, 'dist', 'main.js'), remove: () => rmSync(target, { recursive: true, force: true }) };
        }
      }
    } catch {
      // dist/ vanished or changed while read: a build is running.
    }
    if (Date.now() > deadline) throw new Error('dist/ did not settle: run `npm run build`');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
