'use strict';
// Forks WORKERS (default 2) copies of server.js sharing one listening port via node:cluster.
const cluster = require('node:cluster');

const WORKERS = Number(process.env.WORKERS || 2);

if (cluster.isPrimary) {
  console.log(`primary ${process.pid} forking ${WORKERS} workers`);
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on('exit', (w, code, signal) => {
    console.log(`worker ${w.process.pid} exited (${signal || code})`);
  });
  const stop = () => {
    for (const id in cluster.workers) cluster.workers[id].kill();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  require('./server.js');
}
