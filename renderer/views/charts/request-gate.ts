/**
 * At most one request per question on its way. Auto refresh every 5 s
 * against a Prometheus that takes 20 s to answer must not pile requests up
 * behind each other: a refresh of the question already on its way is owed,
 * and asked once that answer is in. A different question goes at once (the
 * older answer is dropped by the caller when it comes).
 */
export class RequestGate {
  private current: { key: string; id: number } | null = null;
  private owed = false;
  private ids = 0;

  /** An id for the request to send now, or null when the same question is on its way (then it is owed). */
  begin(key: string): number | null {
    if (this.current?.key === key) {
      this.owed = true;
      return null;
    }
    this.current = { key, id: ++this.ids };
    this.owed = false;
    return this.current.id;
  }

  /** The request `id` answered; true when a refresh came meanwhile and the question must be asked again. */
  settle(id: number): boolean {
    if (this.current?.id !== id) return false;
    this.current = null;
    const again = this.owed;
    this.owed = false;
    return again;
  }

  /** Nothing is on its way any more (the question was withdrawn, the panel unmounted). */
  clear(): void {
    this.current = null;
    this.owed = false;
  }
}
