// serve.mjs — `reel serve` started for a test on 127.0.0.1 on a free port:
// resolves with the process, its base URL and its stderr so far once it
// says where it listens; rejects when it exits first or stays silent 60 s
// (the sanitizers on a slow machine; it resolves as soon as it is up).
// Shared by browser.test.mjs and openapi.test.mjs.
import { spawn } from 'node:child_process';

export function serve(bin, args, env = {}) {
  return new Promise((res, rej) => {
    const p = spawn(bin, ['serve', '--listen', '127.0.0.1:0', ...args],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => rej(new Error(`server did not start: ${out} ${err}`)), 60000);
    p.stdout.on('data', d => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); res({ proc: p, base: `http://127.0.0.1:${m[1]}`, stderr: () => err }); }
    });
    p.stderr.on('data', d => { err += d; });
    p.on('exit', code => { clearTimeout(timer); rej(new Error(`server exited ${code}: ${err}`)); });
  });
}
