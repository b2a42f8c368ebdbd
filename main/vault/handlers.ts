import type { Handlers } from '../rpc/router';
import type { VaultService } from './service';

type VaultMethod = Extract<keyof Handlers, `vault.${string}`>;

/** The contract's vault calls; none of them returns secret material (reveal is for main-process services only). */
export function vaultHandlers(vault: VaultService): Pick<Handlers, VaultMethod> {
  return {
    'vault.status': () => vault.status(),
    'vault.init': (i) => vault.init(i.passphrase),
    'vault.unlock': (i) => vault.unlock(i.passphrase, i.remember),
    'vault.unlockRemembered': () => vault.unlockRemembered(),
    'vault.forget': () => vault.forget(),
    'vault.lock': () => vault.lock(),
    'vault.changePassphrase': (i) => vault.changePassphrase(i.current, i.next),
    'vault.secrets.list': (i) => ({ secrets: vault.listSecrets(i.kind) }),
    'vault.secrets.create': (i) => vault.createSecret(i),
    'vault.secrets.importFile': (i) => vault.importKeyFile(i.path, i.name, i.keyPassphrase),
    'vault.secrets.replace': (i) => vault.replaceSecret(i),
    'vault.secrets.update': (i) => vault.updateSecret(i),
    'vault.secrets.delete': (i, ctx) => vault.deleteSecret(i.id, i.force, ctx),
    'vault.export': (i) => vault.exportVault(i.exportPassphrase),
    'vault.import': (i) => vault.importVault(i.content, i.exportPassphrase, i.onConflict),
  };
}
