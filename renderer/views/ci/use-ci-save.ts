import { useState } from 'react';
import type { Ci, CiInput } from '../../../shared/api/cmdb-model';
import { isOpsError } from '../../../shared/api/errors';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';

/** Saves a patch against the version the form was opened on; a 'conflict' is kept for the view to offer a reload. */
export function useCiSave(ci: Ci, onSaved: (ci: Ci) => void) {
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const save = async (patch: Partial<CiInput>): Promise<boolean> => {
    if (Object.keys(patch).length === 0) return true;
    setBusy(true);
    try {
      const next = await client.call('cmdb.ci.update', { id: ci.id, version: ci.version, patch });
      setConflict(null);
      notifyOk(`${next.name} saved.`);
      onSaved(next);
      return true;
    } catch (e) {
      if (isOpsError(e) && e.code === 'conflict')
        setConflict(`${e.message} Reload to see the other change, then edit again.`);
      else notifyError(e, 'Could not save');
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { save, busy, conflict, clearConflict: () => setConflict(null) };
}
