// Preloaded into a service (NODE_OPTIONS=--require, since node refuses --cpu-prof there) when the bench
// runs with BENCH_CPU_PROF=<service>: profiles the whole process with the inspector and writes a V8
// .cpuprofile into BENCH_PROFILE_DIR when it exits (the in-process session answers synchronously).
const inspector = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.once('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error || !dir) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${Date.now()}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
