// The lab's process and temp-dir registry (exit hook, killTree, isAlive) lives
// in main/lab so `opsroom lab` shares it; tests keep importing it from here.
export {
  trackPid,
  untrackPid,
  trackDir,
  trackCleanup,
  descendants,
  killTree,
  isAlive,
  run,
} from '../../main/lab/registry';
