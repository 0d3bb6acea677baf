// The figure worker (bundled as figure-worker.js beside main.js): bootstraps run here, off the service's own thread.
export { computeFigureTask } from '@hailong/scoring/domain';
