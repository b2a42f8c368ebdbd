/** `#/ci/<id>`: the CI detail, drawn in place of the inventory list. */
export function ciHash(id: string): string {
  return `#/ci/${encodeURIComponent(id)}`;
}

export function parseCiHash(hash: string): string | null {
  const m = /^#\/ci\/([^/?#]+)/i.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

export function openCi(id: string): void {
  location.hash = ciHash(id);
}
