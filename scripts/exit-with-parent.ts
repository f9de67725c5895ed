/**
 * Preloaded (`node --import`) into each process `npm run dev` starts (`sanity dev`, the reader
 * site): when `npm run dev` is gone, however it ended (`kill -9` included), its IPC channel to
 * this process closes, and this process stops as if sent SIGTERM, freeing its port.
 */
const STOP_GRACE_MS = 5_000

if (process.channel) {
  // The channel is only a lifeline: it must not keep this process alive by itself.
  process.channel.unref()
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM')
    // A process whose SIGTERM handler hangs still goes.
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref()
  })
}
