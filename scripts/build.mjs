// `npm run build`: the npm modules, then the script-tag files (the bundle, the two chunks, and last the loader,
// which carries the chunks' integrity values), then the types, the collector and the manifest.
import { execFileSync } from 'node:child_process';

const run = (cmd, ...args) => execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

run('npx', 'vite', 'build', '--logLevel', 'warn');
for (const mode of ['bundle', 'delivery', 'renderer', 'loader'])
  run('npx', 'vite', 'build', '--mode', mode, '--logLevel', 'warn');
run('npx', 'tsc', '-p', 'tsconfig.json');
run('npx', 'tsc', '-p', 'collector/tsconfig.json');
run('npx', 'vite', 'build', '--config', 'collector/dashboard/vite.config.ts', '--logLevel', 'warn');
run('chmod', '+x', 'collector/dist/collector/cli.js');
run('npx', 'cem', 'analyze', '--quiet');
