import { useEffect, useState } from 'react';
import { CiDetailView } from '../ci/CiDetailView';
import { parseCiHash } from '../ci/ci-route';
import { InventoryView } from './InventoryView';

/** The inventory view's entry: the list at `#/inventory`, one CI at `#/ci/<id>`. */
export function InventoryRoute() {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const sync = () => setHash(location.hash);
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  const id = parseCiHash(hash);
  return id ? <CiDetailView key={id} id={id} /> : <InventoryView />;
}
