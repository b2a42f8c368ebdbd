/** Names Ansible reserves for its implicit groups. */
const reserved = new Set(['all', 'ungrouped']);

/**
 * A valid Ansible group name (letters, digits, _; not starting with a digit),
 * unique among those already handed out.
 */
export function groupNamer(): (name: string) => string {
  const given = new Map<string, string>();
  const taken = new Set<string>();
  return (name: string) => {
    const known = given.get(name);
    if (known) return known;
    let base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'group';
    if (/^\d/.test(base)) base = `g_${base}`;
    if (reserved.has(base)) base = `${base}_group`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    given.set(name, candidate);
    return candidate;
  };
}

/** A variable name Ansible accepts. */
export function varName(key: string): string {
  const v = key.replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[A-Za-z_]/.test(v) ? v : `_${v}`;
}

/**
 * Ansible reads "name:22" as a port and "[1:3]" as a range in a host key, so
 * those characters are replaced; the real address travels in ansible_host.
 */
export function hostKey(name: string): string {
  return name.replace(/[[\]:]/g, '_').replace(/\s+/g, '_');
}
