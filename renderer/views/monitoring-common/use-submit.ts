import { useState } from 'react';
import { errorMessage } from '../../api/errors';

/**
 * An editor's save: busy while the call runs, and the server's sentence kept
 * when it refuses (the form stays as typed, so nothing is lost).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (save: () => Promise<void>, onError: (message: string) => void = setError) => {
    setBusy(true);
    setError(null);
    try {
      await save();
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}
