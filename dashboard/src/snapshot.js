// Joins a REST snapshot with the live stream. The view subscribes first, then reads; events that arrive while the
// read is in flight are applied at once and again on top of the snapshot when it lands. Events come in order, so
// the last one applied always wins, whether the snapshot was read before or after it.

export class SnapshotGate {
  #reading = new Set();

  async read(fetchSnapshot, applySnapshot) {
    const arrivedMeanwhile = [];
    this.#reading.add(arrivedMeanwhile);
    try {
      applySnapshot(await fetchSnapshot());
      for (const apply of arrivedMeanwhile) apply();
    } finally {
      this.#reading.delete(arrivedMeanwhile);
    }
  }

  event(apply) {
    apply();
    for (const arrivedMeanwhile of this.#reading) arrivedMeanwhile.push(apply);
  }
}
